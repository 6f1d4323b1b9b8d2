"""Acting on a reform proposal: moving it, endorsing, amending, milestones,
co-authors. Every view checks permission on the server through
`advocacy.proposals.policy` (or the services that call it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from advocacy.organisations.models import Organisation
from people.admin.links import may_open_page_editor
from people.languages import home_url

from .amendments import accept_amendment, decline_amendment, suggest_amendment
from .endorsements import endorse_as_person, endorse_for_organisation, withdraw_endorsement
from .forms import (
    AmendmentDecisionForm,
    AmendmentForm,
    CoauthorForm,
    MilestoneForm,
    NameOnProposalForm,
    OrganisationEndorsementForm,
    PersonEndorsementForm,
    TransitionForm,
)
from .lifecycle import TransitionRefused, transition
from .models import ProposalAmendment, ProposalEndorsement, ReformProposalPage
from .policy import (
    can_choose_name_on,
    can_edit_proposal,
    can_follow_council_review,
    can_manage_coauthors,
    can_record_milestone,
    can_suggest_amendment,
    coauthors_of,
    grant_coauthor,
    is_council_facilitator_for,
    revoke_coauthor,
)


def _proposal_for(user, pk) -> ReformProposalPage:
    """A proposal `user` may see: published ones, or unpublished ones they work on."""
    proposal = get_object_or_404(ReformProposalPage.objects.select_related("owner"), pk=pk)
    if proposal.live:
        return proposal
    if user.is_authenticated and (
        can_edit_proposal(user, proposal) or is_council_facilitator_for(user, proposal)
    ):
        return proposal
    raise Http404


def _back_to(proposal: ReformProposalPage, request) -> HttpResponseRedirect:
    if proposal.live:
        return HttpResponseRedirect(proposal.get_url(request) or home_url())
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[proposal.pk]))


@login_required
@require_POST
def move_proposal(request, pk):
    proposal = _proposal_for(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose where to move the proposal."))
        return _back_to(proposal, request)
    try:
        transition(
            proposal, form.cleaned_data["to"], by=request.user, note=form.cleaned_data["note"]
        )
    except TransitionRefused as refused:
        messages.error(request, refused.message)
        return _back_to(proposal, request)
    messages.success(
        request, _("The proposal is now “%(status)s”.") % {"status": proposal.get_status_display()}
    )
    proposal.refresh_from_db()
    return _back_to(proposal, request)


@login_required
@require_POST
def endorse(request, pk):
    proposal = _proposal_for(request.user, pk)
    form = PersonEndorsementForm(request.POST)
    if form.is_valid():
        try:
            endorse_as_person(proposal, request.user, public_name=form.cleaned_data["public_name"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Thank you for endorsing this proposal."))
    return _back_to(proposal, request)


@login_required
@require_POST
def endorse_for(request, pk, organisation_pk):
    proposal = _proposal_for(request.user, pk)
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    form = OrganisationEndorsementForm(request.POST)
    form.is_valid()
    try:
        endorse_for_organisation(
            proposal,
            organisation,
            request.user,
            show_name=form.cleaned_data.get("show_name", False),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("%(name)s now endorses this proposal.") % {"name": organisation.name}
        )
    return _back_to(proposal, request)


@login_required
@require_POST
def withdraw(request, endorsement_pk):
    endorsement = get_object_or_404(
        ProposalEndorsement.objects.select_related("organisation", "proposal"), pk=endorsement_pk
    )
    proposal = endorsement.proposal
    withdraw_endorsement(endorsement, by=request.user)
    messages.success(request, _("The endorsement was withdrawn."))
    return _back_to(proposal, request)


@login_required
def amend(request, pk):
    proposal = _proposal_for(request.user, pk)
    if not can_suggest_amendment(request.user, proposal):
        raise PermissionDenied
    form = AmendmentForm(request.POST or None, initial={"section": request.GET.get("section")})
    if request.method == "POST" and form.is_valid():
        suggest_amendment(proposal, request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. The authors will decide and let you know."))
        return _back_to(proposal, request)
    return render(
        request,
        "proposals/amend.html",
        {"form": form, "proposal": proposal, "current": _section_texts(proposal)},
    )


def _section_texts(proposal):
    from .models import AMENDABLE_SECTIONS

    return [(label, getattr(proposal, name)) for name, label in AMENDABLE_SECTIONS.items()]


@login_required
@require_POST
def decide_amendment(request, amendment_pk):
    amendment = get_object_or_404(ProposalAmendment, pk=amendment_pk)
    proposal = _proposal_for(request.user, amendment.proposal_id)
    form = AmendmentDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return _back_to(proposal, request)
    try:
        if form.cleaned_data["decision"] == "accept":
            accept_amendment(amendment, by=request.user, note=form.cleaned_data["reason"])
            messages.success(request, _("The change is in the proposal, with credit."))
        else:
            decline_amendment(amendment, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The amendment was declined; its author is told why."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return _back_to(proposal, request)


@login_required
def add_milestone(request, pk):
    proposal = _proposal_for(request.user, pk)
    if not can_record_milestone(request.user, proposal):
        raise PermissionDenied
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        milestone = form.save(commit=False)
        milestone.proposal = proposal
        milestone.recorded_by = request.user
        milestone.save()
        messages.success(request, _("The milestone is on the timeline."))
        return _back_to(proposal, request)
    return render(request, "proposals/milestone_form.html", {"form": form, "proposal": proposal})


@login_required
def coauthors(request, pk):
    proposal = _proposal_for(request.user, pk)
    if not can_manage_coauthors(request.user, proposal):
        raise PermissionDenied
    form = CoauthorForm(request.POST or None)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            person = get_object_or_404(get_user_model(), pk=remove)
            revoke_coauthor(proposal, person)
            messages.success(request, _("They are no longer a co-author."))
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            person = (
                get_user_model()
                .objects.filter(email__iexact=form.cleaned_data["email"], is_active=True)
                .first()
            )
            if person is None:
                form.add_error("email", _("Nobody with that email address has an account."))
            else:
                grant_coauthor(proposal, person)
                messages.success(request, _("They can now edit this proposal with you."))
                return HttpResponseRedirect(request.path)
    return render(
        request,
        "proposals/coauthors.html",
        {"form": form, "proposal": proposal, "coauthors": coauthors_of(proposal)},
    )


@login_required
def name_on_proposal(request, pk):
    """How the signed-in author or contributor is named on this proposal."""
    from people.models import Profile

    from .names import name_on_proposal as current_name
    from .names import set_name_on_proposal

    proposal = _proposal_for(request.user, pk)
    if not can_choose_name_on(request.user, proposal):
        raise PermissionDenied
    current = current_name(request.user, proposal)
    if request.method == "POST":
        form = NameOnProposalForm(request.POST)
        if form.is_valid():
            set_name_on_proposal(request.user, proposal, form.cleaned_data["name"])
            messages.success(request, _("Saved. It shows on the proposal at once."))
            return _back_to(proposal, request)
    else:
        profile = Profile.objects.filter(user=request.user).first()
        suggestion = current or (profile.public_pseudonym if profile else "")
        form = NameOnProposalForm(initial={"name": suggestion})
    return render(
        request,
        "proposals/name_on_proposal.html",
        {"form": form, "proposal": proposal, "current": current},
    )


@login_required
def council_review(request, pk):
    """Where a council agenda's "review" link leads: the review in the admin
    for those who can act on it now (the council's facilitators while the
    review is open, the authors), the published proposal once it is public,
    and otherwise a page saying where the proposal is. Never a door that is
    shut to the council member who follows the link."""
    proposal = get_object_or_404(ReformProposalPage.objects.select_related("council"), pk=pk)
    if not can_follow_council_review(request.user, proposal):
        raise Http404
    if may_open_page_editor(request.user, proposal):
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[proposal.pk]))
    if proposal.live:
        return HttpResponseRedirect(proposal.get_url(request) or home_url())
    return render(request, "proposals/council_review.html", {"proposal": proposal})
