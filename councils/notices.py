"""The notices a council's members get (notifications.notices): a decision
opened, and a decision closed. They are made by a background task once the
decision is saved (for a large council, outside the facilitator's request),
for the council's current members other than the facilitator who acted; a
notice says what it is about only while its reader is still a member."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from background.work import background_task, enqueue
from notifications.notices import Shown, notify, register_notice

from . import permissions
from .models import Decision, Invite

DECISION_OPENED = "councils.decision_opened"
DECISION_CLOSED = "councils.decision_closed"
INVITED = "councils.invited"


def _readable(params, reader) -> Decision | None:
    decision = Decision.objects.select_related("council").filter(pk=params["decision"]).first()
    if decision is None or not permissions.can_read(
        permissions.active_membership(reader, decision.council_id)
    ):
        return None
    return decision


def _address(decision: Decision) -> str:
    return reverse("councils:decision", args=[decision.council.slug, decision.pk])


def show_opened(params, reader) -> Shown | None:
    decision = _readable(params, reader)
    if decision is None:
        return None
    return Shown(
        _("A decision is open in %(council)s: “%(question)s”")
        % {"council": decision.council.name, "question": decision.question},
        _address(decision),
    )


def show_closed(params, reader) -> Shown | None:
    decision = _readable(params, reader)
    if decision is None:
        return None
    return Shown(
        _("A decision in %(council)s has closed: “%(question)s”")
        % {"council": decision.council.name, "question": decision.question},
        _address(decision),
    )


def show_invited(params, reader) -> Shown | None:
    invite = (
        Invite.objects.select_related("council").filter(pk=params["invite"], invitee=reader).first()
    )
    if invite is None:
        return None
    if invite.used_at is not None or invite.expires_at <= timezone.now():
        return Shown(
            _("An invitation to join %(council)s (no longer open)")
            % {"council": invite.council.name}
        )
    return Shown(
        _("You are invited to join %(council)s") % {"council": invite.council.name},
        reverse("councils:invitation", args=[invite.pk]),
    )


def register() -> None:
    register_notice(
        DECISION_OPENED, label=gettext_lazy("A council decision opens"), show=show_opened
    )
    register_notice(
        DECISION_CLOSED, label=gettext_lazy("A council decision closes"), show=show_closed
    )
    register_notice(
        INVITED, label=gettext_lazy("You are invited to join a council"), show=show_invited
    )


@background_task()
def notify_members(decision_id: int, kind: str, actor_id: int | None) -> int:
    """Tell the decision's council's current members (once each). Returns how
    many notices it made."""
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None:
        return 0
    members = (
        get_user_model()
        .objects.filter(
            council_memberships__council_id=decision.council_id,
            council_memberships__left_at__isnull=True,
            is_active=True,
        )
        .exclude(pk=actor_id)
    )
    made = 0
    for member in members:
        if notify(
            member,
            kind,
            {"decision": decision.pk},
            dedupe_key=f"{kind}:{decision.pk}:{member.pk}",
        ):
            made += 1
    return made


def decision_opened(decision: Decision, *, by) -> None:
    """After the decision is saved: the task runs once the transaction commits."""
    enqueue(notify_members, decision.pk, DECISION_OPENED, by.pk)


def decision_closed(decision: Decision, *, by) -> None:
    """`by` is None when the decision's time ran out: everyone is told."""
    enqueue(notify_members, decision.pk, DECISION_CLOSED, by.pk if by else None)


def council_invitation(invite: Invite) -> None:
    """Tell the person a facilitator invited by their address (goes with the
    invitation's transaction)."""
    notify(invite.invitee, INVITED, {"invite": invite.pk}, dedupe_key=f"{INVITED}:{invite.pk}")
