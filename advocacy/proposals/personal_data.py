"""Endorsements and amendments in a person's data export, and in erasure."""

from __future__ import annotations

from .models import ProposalAmendment, ProposalEndorsement


def export_proposal_data(user) -> dict:
    """Everything this person did on reform proposals, in their own words."""
    endorsements = ProposalEndorsement.objects.filter(user=user).select_related("proposal")
    amendments = ProposalAmendment.objects.filter(proposer=user).select_related("proposal")
    return {
        "endorsements": [
            {
                "proposal": e.proposal.title,
                "endorsed_at": e.created_at,
                "name_shown": e.show_name,
            }
            for e in endorsements
        ],
        "amendments": [
            {
                "proposal": a.proposal.title,
                "section": a.section,
                "suggested_text": a.new_text,
                "reason": a.reason,
                "status": a.status,
                "decision_reason": a.decision_reason,
                "suggested_at": a.created_at,
                "decided_at": a.decided_at,
            }
            for a in amendments
        ],
    }


def erase_proposal_data(user, mode: str) -> None:
    """Personal endorsements always go (they are support, not content); pending
    suggestions go; decided amendments stay as part of a proposal's history,
    unlinked from the person when anonymising, deleted when deleting."""
    ProposalEndorsement.objects.filter(user=user).delete()
    amendments = ProposalAmendment.objects.filter(proposer=user)
    amendments.filter(status=ProposalAmendment.Status.PENDING).delete()
    if mode == "delete":
        amendments.delete()
    else:
        amendments.update(proposer=None)
