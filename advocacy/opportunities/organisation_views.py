"""Organisation profiles and member management by organisation admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy.organisations.membership import add_member, is_admin, is_member, remove_member
from advocacy.organisations.models import Organisation
from people.models import User

from . import policy
from .forms import MemberForm, OrganisationProfileForm
from .models import SpeakingOpportunity
from .workflow import rating_summary


def organisation_profile(request, slug):
    """Public for verified organisations; others only for their own people."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.verified and organisation.pk not in policy.member_organisation_ids(
        request.user
    ):
        raise Http404
    opportunities = organisation.opportunities.filter(
        status=SpeakingOpportunity.Status.OPEN
    ).order_by("deadline")
    return render(
        request,
        "opportunities/organisations/profile.html",
        {
            "organisation": organisation,
            "opportunities": opportunities,
            "ratings": rating_summary(organisation),
            "is_member": organisation.pk in policy.member_organisation_ids(request.user),
            "is_admin": is_admin(request.user, organisation),
        },
    )


@login_required
def members(request, slug):
    """Everyone acting for the organisation sees who else does; only its
    admins add, change or remove people."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_member(request.user, organisation):
        raise Http404
    may_manage = is_admin(request.user, organisation)
    if request.method == "POST" and not may_manage:
        raise PermissionDenied
    form = MemberForm(request.POST or None) if may_manage else None
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=True).first()
        if user is None:
            form.add_error("email", _("No account uses this address. Ask them to join first."))
        else:
            add_member(
                organisation,
                user,
                form.cleaned_data["role"],
                is_contact=form.cleaned_data["is_contact"],
            )
            messages.success(request, _("Saved."))
            return redirect("opportunities:organisation_members", slug=slug)
    memberships = organisation.memberships.select_related("user").order_by("user__display_name")
    return render(
        request,
        "opportunities/organisations/members.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "form": form,
            "may_manage": may_manage,
        },
    )


@login_required
@require_POST
def remove(request, slug, user_id):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_admin(request.user, organisation):
        raise Http404
    if user_id == request.user.pk:
        messages.error(request, _("You cannot remove yourself. Ask another admin."))
    else:
        remove_member(organisation, get_object_or_404(User, pk=user_id))
        messages.success(request, _("Removed."))
    return redirect("opportunities:organisation_members", slug=slug)


@login_required
def edit_profile(request, slug):
    """Organisation admins edit their public profile (verification stays with site admins)."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not is_admin(request.user, organisation):
        raise Http404
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("opportunities:organisation", slug=slug)
    return render(
        request,
        "opportunities/organisations/edit.html",
        {"organisation": organisation, "form": form},
    )
