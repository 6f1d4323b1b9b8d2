"""Typing indicators and presence, each opt-in and announced at once (they
are not saved)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import events, permissions, publishing
from .errors import CouncilActionError, require
from .payloads import names_for
from .rooms import room_of

__all__ = ["announce_presence", "announce_typing"]


def announce_typing(*, user, council_id: int, room_id: int | None) -> None:
    membership = permissions.active_membership(user, council_id)
    require(permissions.can_post(membership))
    require(
        membership.share_typing,
        _("Typing indicators are off. You can turn them on in your council settings."),
    )
    room = room_of(membership, room_id)
    if room is None:
        raise CouncilActionError(events.ERROR_NOT_FOUND, _("That room does not exist."))
    name = names_for(membership.council, [user.pk])[user.pk]
    publishing.publish(
        events.room_group(room.pk),
        {"type": events.MEMBER_TYPING, "room": room.pk, "member": membership.pk, "name": name},
    )


def announce_presence(*, user, council_id: int, here: bool) -> bool:
    """Tell the council someone is here, only if they turned presence on.
    Returns whether anything was announced."""
    membership = permissions.active_membership(user, council_id)
    require(permissions.can_read(membership))
    if not membership.show_presence:
        return False
    name = names_for(membership.council, [user.pk])[user.pk]
    publishing.publish(
        events.council_group(council_id),
        {
            "type": events.MEMBER_PRESENCE,
            "council": council_id,
            "member": membership.pk,
            "name": name,
            "here": here,
        },
    )
    return True
