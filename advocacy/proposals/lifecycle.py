"""The life of a reform proposal, as an explicit state machine.

`TRANSITIONS` lists every allowed move and the roles that may make it (see
`proposal_policy.lifecycle_roles`). `transition()` is the only way a
proposal's status changes: it checks the move and the person, logs a
`ProposalTransition` and refuses everything else with `TransitionRefused`.

Council review is also a Wagtail workflow (`CouncilReviewTask`); the signal
handlers at the bottom keep the two in step whichever side moves first.
"""

from __future__ import annotations

import django.dispatch
from django.db import transaction
from django.utils.translation import gettext as _

from .models import ProposalStatus, ProposalTransition, ReformProposalPage
from .policy import AUTHOR, FACILITATOR, SITE_ADMIN, lifecycle_roles

S = ProposalStatus

# (from, to) -> the roles allowed to make that move. Nothing else is allowed.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.DRAFT, S.COUNCIL_REVIEW): frozenset({AUTHOR}),
    (S.COUNCIL_REVIEW, S.OPEN): frozenset({FACILITATOR}),
    (S.COUNCIL_REVIEW, S.DRAFT): frozenset({FACILITATOR, AUTHOR}),
    (S.OPEN, S.SUBMITTED): frozenset({AUTHOR}),
    (S.SUBMITTED, S.ADOPTED): frozenset({AUTHOR, SITE_ADMIN}),
    (S.SUBMITTED, S.PARTLY_ADOPTED): frozenset({AUTHOR, SITE_ADMIN}),
    (S.SUBMITTED, S.REJECTED): frozenset({AUTHOR, SITE_ADMIN}),
    (S.DRAFT, S.WITHDRAWN): frozenset({AUTHOR}),
    (S.COUNCIL_REVIEW, S.WITHDRAWN): frozenset({AUTHOR}),
    (S.OPEN, S.WITHDRAWN): frozenset({AUTHOR}),
    (S.SUBMITTED, S.WITHDRAWN): frozenset({AUTHOR}),
}

ENDORSABLE = frozenset({S.OPEN, S.SUBMITTED})
AMENDABLE = frozenset({S.DRAFT, S.COUNCIL_REVIEW, S.OPEN})

# Sent (after commit) when a proposal enters council review: the councils app
# hooks its agenda items here. Arguments: proposal, by.
proposal_entered_council_review = django.dispatch.Signal()


class TransitionRefused(Exception):
    """A move the state machine does not allow, or not for this person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def accepts_endorsements(proposal: ReformProposalPage) -> bool:
    return proposal.status in ENDORSABLE and proposal.live


def accepts_amendments(proposal: ReformProposalPage) -> bool:
    return proposal.status in AMENDABLE


def moves_for(user, proposal: ReformProposalPage) -> list[str]:
    """The statuses `user` may move `proposal` to now (for buttons)."""
    held = lifecycle_roles(user, proposal)
    return [
        to
        for (from_, to), allowed in TRANSITIONS.items()
        if from_ == proposal.status and held & allowed
    ]


@transaction.atomic
def transition(
    proposal: ReformProposalPage, to: str, *, by, note: str = "", _from_workflow=False
) -> ProposalTransition:
    """Move `proposal` to `to`, as `by`, logging it; raise `TransitionRefused` otherwise."""
    locked = ReformProposalPage.objects.select_for_update().get(pk=proposal.pk)
    current = locked.status
    if to not in S.values:
        raise TransitionRefused(_("“%(to)s” is not a proposal status.") % {"to": to})
    allowed = TRANSITIONS.get((current, to))
    if allowed is None:
        raise TransitionRefused(
            _("A proposal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(current).label, "to": S(to).label}
        )
    if not (lifecycle_roles(by, proposal) & allowed):
        raise TransitionRefused(
            _("You cannot move this proposal from “%(from)s” to “%(to)s”.")
            % {"from": S(current).label, "to": S(to).label}
        )
    # The status lives outside revisions (see ReformProposalPage.with_content_json).
    ReformProposalPage.objects.filter(pk=proposal.pk).update(status=to)
    proposal.status = to
    record = ProposalTransition.objects.create(
        proposal_id=proposal.pk, from_status=current, to_status=to, by=by, note=note.strip()
    )
    if not _from_workflow:
        _sync_workflow(proposal, current, to, by)
    if to == S.COUNCIL_REVIEW:
        transaction.on_commit(
            lambda: proposal_entered_council_review.send(
                sender=ReformProposalPage, proposal=proposal, by=by
            )
        )
    return record


def _sync_workflow(proposal: ReformProposalPage, current: str, to: str, by) -> None:
    """Entering council review starts the page's workflow; leaving it some
    other way than the facilitator's decision cancels it."""
    page = ReformProposalPage.objects.get(pk=proposal.pk)
    if to == S.COUNCIL_REVIEW:
        workflow = page.get_workflow()
        if workflow is None:
            raise TransitionRefused(
                _("No review workflow is set up for proposals. Ask a site admin.")
            )
        if page.council_id is None:
            raise TransitionRefused(_("Choose the advisory council that should review it first."))
        if not page.workflow_in_progress:
            revision = page.latest_revision or page.save_revision(user=by)
            if revision is None:
                page.save_revision(user=by)
            workflow.start(page, by)
    elif current == S.COUNCIL_REVIEW and page.workflow_in_progress:
        page.current_workflow_state.cancel(user=by)


def _on_workflow_submitted(sender, instance, user, **kwargs):
    page = getattr(instance.content_object, "specific", None)
    if isinstance(page, ReformProposalPage) and page.status == S.DRAFT:
        transition(page, S.COUNCIL_REVIEW, by=user, note="", _from_workflow=True)


def _on_workflow_approved(sender, instance, user, **kwargs):
    page = getattr(instance.content_object, "specific", None)
    if isinstance(page, ReformProposalPage) and page.status == S.COUNCIL_REVIEW:
        note = ""
        last_task = instance.task_states.order_by("-finished_at").first()
        if last_task is not None:
            note = last_task.get_comment() if hasattr(last_task, "get_comment") else ""
        transition(page, S.OPEN, by=user, note=note, _from_workflow=True)


def _on_workflow_rejected(sender, instance, user, **kwargs):
    page = getattr(instance.content_object, "specific", None)
    if isinstance(page, ReformProposalPage) and page.status == S.COUNCIL_REVIEW:
        comment = instance.task_states.order_by("-finished_at").first()
        note = comment.get_comment() if comment is not None else ""
        transition(page, S.DRAFT, by=user, note=note or "", _from_workflow=True)


def connect_workflow_signals() -> None:
    from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

    workflow_submitted.connect(_on_workflow_submitted, dispatch_uid="proposal-workflow-submitted")
    workflow_approved.connect(_on_workflow_approved, dispatch_uid="proposal-workflow-approved")
    workflow_rejected.connect(_on_workflow_rejected, dispatch_uid="proposal-workflow-rejected")
