"""Deciding together: taking positions, closing decisions and their results.

Rules:
- Only members and facilitators take positions (observers cannot), only while
  a decision is open, once each (named ballots may be changed until close).
- A decision's result is hidden from everyone until it closes.
- Quorum: with fewer positions than `quorum` nothing is decided.
- Consent passes when nobody objects (objections need a reason); majority
  passes with more yes than no; approval picks the most approved options.
- Anonymous ballots: DecisionBallot records that someone voted, Position what
  was chosen, with no link between them.
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text_limits import too_long

from . import events, notices, permissions, publishing
from .models import Decision, DecisionBallot, Position
from .models.position import MAX_REASON_CHARS
from .services.errors import CouncilActionError, NotAllowed

Choice = Position.Choice
Method = Decision.Method

CHOICES_BY_METHOD = {
    Method.CONSENT: {Choice.CONSENT, Choice.STAND_ASIDE, Choice.OBJECT},
    Method.MAJORITY: {Choice.YES, Choice.NO, Choice.ABSTAIN},
    Method.APPROVAL: {Choice.APPROVE, Choice.ABSTAIN},
}


def taken_part(decision: Decision) -> int:
    if decision.anonymous:
        return decision.ballots.count()
    return decision.positions.count()


def result_of(decision: Decision) -> dict | None:
    """The result once the decision is closed; None while it is open."""
    if not decision.is_closed():
        return None
    positions = list(decision.positions.all())
    counts: dict[str, int] = {}
    for position in positions:
        counts[position.choice] = counts.get(position.choice, 0) + 1
    quorum_met = len(positions) >= decision.quorum
    result: dict = {"counts": counts, "quorum_met": quorum_met, "passed": False}
    if decision.method == Method.CONSENT:
        result["passed"] = quorum_met and counts.get(Choice.OBJECT, 0) == 0
        result["objections"] = [
            p.reason for p in positions if p.choice == Choice.OBJECT and p.reason
        ]
    elif decision.method == Method.MAJORITY:
        result["passed"] = quorum_met and counts.get(Choice.YES, 0) > counts.get(Choice.NO, 0)
    else:
        approvals = dict.fromkeys(decision.options, 0)
        for position in positions:
            for option in position.approved_options:
                if option in approvals:
                    approvals[option] += 1
        best = max(approvals.values(), default=0)
        result["approvals"] = approvals
        result["chosen"] = (
            [o for o, n in approvals.items() if n == best] if quorum_met and best else []
        )
        result["passed"] = bool(result["chosen"])
    return result


def decision_payload(decision: Decision) -> dict:
    return {
        "type": events.DECISION_UPDATED,
        "decision": decision.pk,
        "question": decision.question,
        "method": decision.method,
        "closed": decision.is_closed(),
        "closes_at": decision.closes_at.isoformat(),
        "taken_part": taken_part(decision),
        "quorum": decision.quorum,
        "result": result_of(decision),
    }


def _announce(decision: Decision) -> None:
    publishing.publish_on_commit(
        events.council_group(decision.council_id), decision_payload(decision)
    )


def has_taken_part(decision: Decision, user) -> bool:
    if decision.anonymous:
        return DecisionBallot.objects.filter(decision=decision, member=user).exists()
    return Position.objects.filter(decision=decision, member=user).exists()


@transaction.atomic
def take_position(
    *, user, council_id: int, decision_id: int, choice: str, reason: str = "", options=()
) -> None:
    """Record `user`'s position on an open decision of their council."""
    membership = permissions.active_membership(user, council_id)
    if not permissions.can_read(membership):
        raise NotAllowed()
    if not permissions.can_vote(membership):
        raise NotAllowed(_("Observers can follow decisions but not take part."))
    decision = (
        Decision.objects.select_for_update().filter(pk=decision_id, council_id=council_id).first()
    )
    if decision is None:
        raise CouncilActionError(events.ERROR_NOT_FOUND, _("That decision is not here."))
    if decision.is_closed():
        raise CouncilActionError(events.ERROR_INVALID, _("This decision has closed."))
    if choice not in CHOICES_BY_METHOD[decision.method]:
        raise CouncilActionError(events.ERROR_INVALID, _("Choose one of the options shown."))
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_CHARS:
        # Said, not cut: the end of a reason is often what matters.
        raise CouncilActionError(
            events.ERROR_TOO_LARGE,
            too_long(
                _("Reasons can be up to %(limit)s characters; yours has %(length)s."),
                MAX_REASON_CHARS,
                len(reason),
            ),
        )
    if choice == Choice.OBJECT and not reason:
        raise CouncilActionError(
            events.ERROR_INVALID, _("Please say why you object, so the council can respond.")
        )
    options = [o for o in options if isinstance(o, str) and o in decision.options]
    if decision.method == Method.APPROVAL and choice == Choice.APPROVE and not options:
        raise CouncilActionError(events.ERROR_INVALID, _("Choose at least one option."))
    fields = {"choice": choice, "reason": reason, "approved_options": options}
    if decision.anonymous:
        if DecisionBallot.objects.filter(decision=decision, member=user).exists():
            raise CouncilActionError(
                events.ERROR_INVALID, _("You have already voted in this anonymous ballot.")
            )
        DecisionBallot.objects.create(decision=decision, member=user)
        # Positions of an anonymous ballot are listed in random order, never by
        # creation, so even row order says nothing about who voted when.
        Position.objects.create(decision=decision, member=None, **fields)
    else:
        Position.objects.update_or_create(decision=decision, member=user, defaults=fields)
    _announce(decision)


def positions_for_display(decision: Decision) -> list[Position]:
    """Positions as facilitators and members see them after close: named
    ones with their member, anonymous ones shuffled and without anyone."""
    positions = list(decision.positions.select_related("member"))
    if decision.anonymous:
        random.shuffle(positions)
    return positions


@transaction.atomic
def close_decision(*, user, decision: Decision, outcome: str = "") -> Decision:
    """A facilitator closes a decision early and records the outcome."""
    if not permissions.can_facilitate(permissions.active_membership(user, decision.council_id)):
        raise NotAllowed()
    decision.closed_at = decision.closed_at or timezone.now()
    decision.outcome = (outcome or "").strip()[:4000]
    decision.save(update_fields=["closed_at", "outcome"])
    _announce(decision)
    notices.decision_closed(decision, by=user)
    return decision


def close_decisions_whose_time_ran_out(now=None) -> int:
    """Decisions still open after their `closes_at` close at that moment: the
    time is recorded, the council's live workspace shows the result, and the
    members get the "decision closed" notice, as when a facilitator closes
    one. Safe with two workers: each decision is closed by the one conditional
    update that finds it still open. Returns how many it closed."""
    now = now or timezone.now()
    closed = 0
    due = Decision.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    for decision in due.only("pk", "council_id", "closes_at"):
        with transaction.atomic():
            if not Decision.objects.filter(pk=decision.pk, closed_at__isnull=True).update(
                closed_at=decision.closes_at
            ):
                continue  # Closed meanwhile, by a facilitator or another worker.
            decision.refresh_from_db()
            _announce(decision)
            notices.decision_closed(decision, by=None)
            closed += 1
    return closed
