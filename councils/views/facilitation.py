"""Facilitator tools: members and invitations, the reports queue, and
joining through an invitation link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import InviteForm, ResolveReportForm
from ..models import Membership, Report
from ..services import invites, memberships
from ..services import reports as message_reports
from ..services.payloads import names_for
from .access import facilitator_or_404


@login_required
def members(request, slug):
    """Active members with their council names; invite and remove."""
    membership = facilitator_or_404(request, slug)
    council = membership.council
    active = list(
        Membership.objects.filter(council=council, left_at__isnull=True).order_by("joined_at")
    )
    names = names_for(council, viewer=request.user)
    for member in active:
        member.name = names.get(member.user_id)
    form = InviteForm(request.POST or None)
    invite_link = None
    if request.method == "POST" and form.is_valid():
        _invite, token = invites.create_invite(
            by=request.user,
            council=council,
            role=form.cleaned_data["role"],
            days=form.cleaned_data["days"],
            email=form.cleaned_data["email"],
        )
        invite_link = request.build_absolute_uri(reverse("councils:join", args=[token]))
        form = InviteForm()
    return render(
        request,
        "councils/members.html",
        {
            "membership": membership,
            "members": active,
            "form": form,
            "invite_link": invite_link,
        },
    )


@login_required
@require_POST
def remove_member(request, slug, membership_id):
    membership = facilitator_or_404(request, slug)
    target = get_object_or_404(
        Membership, pk=membership_id, council=membership.council, left_at__isnull=True
    )
    if target.pk == membership.pk:
        messages.error(request, _("To leave the council yourself, use “Leave this council”."))
        return redirect("councils:members", slug)
    memberships.remove_member(by=request.user, membership=target)
    messages.success(request, _("They were removed and their open windows were closed."))
    return redirect("councils:members", slug)


@login_required
def reports(request, slug):
    membership = facilitator_or_404(request, slug)
    queue = (
        Report.objects.filter(message__room__council=membership.council)
        .select_related("message__room")
        .order_by("resolved_at", "-created_at")
    )
    return render(
        request,
        "councils/reports.html",
        {"membership": membership, "reports": queue, "form": ResolveReportForm()},
    )


@login_required
@require_POST
def resolve_report(request, slug, report_id):
    membership = facilitator_or_404(request, slug)
    report = get_object_or_404(
        Report.objects.select_related("message__room"),
        pk=report_id,
        message__room__council=membership.council,
    )
    form = ResolveReportForm(request.POST)
    if form.is_valid():
        message_reports.resolve_report(
            user=request.user, report=report, resolution=form.cleaned_data["resolution"]
        )
        messages.success(request, _("The report was marked as handled."))
    return redirect("councils:reports", slug)


@login_required
def join(request, token):
    """Accept an invitation: shows the council's name, joins on POST."""
    return _invitation_page(
        request,
        invites.find_invite(token),
        lambda: invites.accept_invite(user=request.user, signed_token=token),
    )


@login_required
def invitation(request, invite_id):
    """Accept an invitation addressed to this account (from its notice): shows
    the council's name, joins on POST. Anyone else's invitation is not found."""
    return _invitation_page(
        request,
        invites.find_invitation(invite_id, request.user),
        lambda: invites.accept_invitation(user=request.user, invite_id=invite_id),
    )


def _invitation_page(request, invite, accept):
    if invite is None:
        return render(request, "councils/invite_invalid.html", status=404)
    if request.method == "POST":
        if accept() is None:
            return render(request, "councils/invite_invalid.html", status=404)
        messages.success(request, _("Welcome to %(council)s.") % {"council": invite.council.name})
        return redirect("councils:room", invite.council.slug)
    return render(request, "councils/invite.html", {"invite": invite})
