"""Who may do what in a council: the one place these rules are written.

Every HTTP view and every socket event asks these functions with a membership
freshly loaded from the database (`active_membership`)."""

from __future__ import annotations

from . import current_memberships
from .models import Membership, Message


def _may_be_member(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def active_membership(user, council_id: int) -> Membership | None:
    """The user's current membership of the council, or None (also for
    anonymous and disabled accounts). A membership counts while it has not
    ended and the account is enabled (see current_memberships)."""
    found = active_memberships([(council_id, user)])
    return found.get((int(council_id), user.pk)) if found else None


def active_memberships(council_users) -> dict[tuple[int, int], Membership]:
    """As active_membership() for many (council id, user) pairs, in one
    query: the current memberships by (council id, user id), each with its
    council, account and profile (for names.member_names)."""
    return current_memberships.read(
        (council_id, user.pk) for council_id, user in council_users if _may_be_member(user)
    )


def can_read(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active


def can_post(membership: Membership | None) -> bool:
    """Members and facilitators; observers only read."""
    return membership is not None and membership.can_post


def can_vote(membership: Membership | None) -> bool:
    return can_post(membership)


def can_facilitate(membership: Membership | None) -> bool:
    return membership is not None and membership.is_facilitator


def can_edit(membership: Membership | None, message: Message) -> bool:
    """Only the author, while they can still post, and never a tombstone."""
    return (
        can_post(membership) and message.author_id == membership.user_id and not message.is_redacted
    )


def can_redact(membership: Membership | None, message: Message) -> bool:
    """The author (while a member) or a facilitator of the council."""
    if membership is None or not membership.is_active or message.is_redacted:
        return False
    return message.author_id == membership.user_id or membership.is_facilitator


def can_see_revisions(membership: Membership | None) -> bool:
    return can_facilitate(membership)
