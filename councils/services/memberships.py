"""Who belongs to a council: joining, leaving, being removed, and each
member's own settings (pseudonym, presence, typing)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .. import events, permissions, publishing
from ..models import Council, Membership
from .errors import require
from .payloads import names_for

__all__ = ["add_member", "end_membership", "remove_member", "update_preferences"]


def _member_event(membership: Membership, event: str) -> None:
    name = names_for(membership.council, [membership.user_id])[membership.user_id]
    publishing.publish_on_commit(
        events.council_group(membership.council_id),
        {
            "type": event,
            "council": membership.council_id,
            "member": membership.pk,
            "name": name,
        },
    )


@transaction.atomic
def add_member(council: Council, user, role: str = Membership.Role.MEMBER, pseudonym: str = ""):
    """Add (or bring back) `user` to `council`; announces member.joined."""
    membership, _created = Membership.objects.update_or_create(
        council=council,
        user=user,
        defaults={"role": role, "left_at": None, "pseudonym": pseudonym},
    )
    _member_event(membership, events.MEMBER_JOINED)
    return membership


@transaction.atomic
def end_membership(membership: Membership) -> None:
    """Someone leaves or is removed: the audience group forgets them and
    their open sockets on this council close with 4403 within a second."""
    membership.left_at = timezone.now()
    membership.save(update_fields=["left_at"])
    # Their sockets close first, so they are not told about their own leaving.
    publishing.close_council_sockets_on_commit(membership.user_id, membership.council_id)
    _member_event(membership, events.MEMBER_LEFT)


def remove_member(*, by, membership: Membership) -> None:
    """A facilitator removes a member."""
    require(permissions.can_facilitate(permissions.active_membership(by, membership.council_id)))
    end_membership(membership)


def update_preferences(
    *, user, council_id: int, pseudonym: str, show_presence: bool, share_typing: bool
):
    membership = permissions.active_membership(user, council_id)
    require(permissions.can_read(membership))
    membership.pseudonym = " ".join((pseudonym or "").split())[:80]
    membership.show_presence = bool(show_presence)
    membership.share_typing = bool(share_typing)
    membership.save(update_fields=["pseudonym", "show_presence", "share_typing"])
    return membership
