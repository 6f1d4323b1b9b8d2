"""Suggesting changes to a proposal, and the authors' decision on them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.notices import notify

from .models import AMENDABLE_SECTIONS, ProposalAmendment, ReformProposalPage
from .notices import AMENDMENT_ANSWERED
from .policy import can_decide_amendment, can_suggest_amendment

Status = ProposalAmendment.Status


def suggest_amendment(
    proposal: ReformProposalPage, user, *, section: str, new_text: str, reason: str
) -> ProposalAmendment:
    if not can_suggest_amendment(user, proposal):
        raise PermissionDenied(_("You cannot suggest changes to this proposal now."))
    if section not in AMENDABLE_SECTIONS:
        raise ValidationError(_("Choose one of the proposal's sections."))
    return ProposalAmendment.objects.create(
        proposal=proposal,
        proposer=user,
        section=section,
        new_text=new_text.strip(),
        reason=reason.strip(),
    )


def _check_decidable(amendment: ProposalAmendment, user) -> ReformProposalPage:
    proposal = ReformProposalPage.objects.get(pk=amendment.proposal_id)
    if not can_decide_amendment(user, proposal):
        raise PermissionDenied(_("Only the proposal's authors decide on amendments."))
    if amendment.status != Status.PENDING:
        raise ValidationError(_("This amendment has already been decided."))
    return proposal


@transaction.atomic
def accept_amendment(amendment: ProposalAmendment, *, by, note: str = "") -> ProposalAmendment:
    """Apply the change to its section in a new revision (published if the
    proposal is live) and credit the amendment."""
    proposal = _check_decidable(amendment, by)
    page = proposal.get_latest_revision_as_object()
    setattr(page, amendment.section, amendment.new_text)
    revision = page.save_revision(user=by, log_action=True)
    if proposal.live:
        revision.publish(user=by, skip_permission_checks=True)
    amendment.status = Status.ACCEPTED
    amendment.decided_by = by
    amendment.decided_at = timezone.now()
    amendment.decision_reason = note.strip()
    amendment.revision = revision
    amendment.save()
    _notify_proposer(amendment, proposal)
    return amendment


@transaction.atomic
def decline_amendment(amendment: ProposalAmendment, *, by, reason: str) -> ProposalAmendment:
    _check_decidable(amendment, by)
    if not reason.strip():
        raise ValidationError(_("Please say why, so the person who suggested it understands."))
    amendment.status = Status.DECLINED
    amendment.decided_by = by
    amendment.decided_at = timezone.now()
    amendment.decision_reason = reason.strip()
    amendment.save()
    _notify_proposer(amendment, ReformProposalPage.objects.get(pk=amendment.proposal_id))
    return amendment


def _notify_proposer(amendment: ProposalAmendment, proposal: ReformProposalPage) -> None:
    """Tell the person who suggested it (by email as they chose for this kind)."""
    proposer = amendment.proposer
    if proposer is None:
        return
    notify(
        proposer,
        AMENDMENT_ANSWERED,
        {"amendment": amendment.pk},
        dedupe_key=f"amendment-answered:{amendment.pk}",
    )
