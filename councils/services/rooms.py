"""A council's rooms and each room's event counter: which room a member
means, and the next places in the room's sequence of message events."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _

from .. import events
from ..models import Membership, Room
from .errors import CouncilActionError

__all__ = ["general_rooms", "may_be_room_id", "next_seq", "no_such_room", "room_of", "take_seqs"]


def room_of(membership: Membership, room_id: int | None) -> Room | None:
    """The chosen room of the member's council, else its general room."""
    return _pick_room(_rooms_of({membership.council_id}).get(membership.council_id, []), room_id)


def next_seq(room_id: int) -> int:
    """The room's next place in its event sequence: every message event (new,
    edited, redacted) takes one, so a client that saw seq N can be sent
    exactly what happened after N. Call inside the transaction that saves the
    event: the UPDATE takes the room row's lock (PostgreSQL) or the write lock
    (SQLite) until commit, so seqs never collide or go backwards."""
    last = take_seqs(room_id, 1)
    if last is None:
        raise Room.DoesNotExist(f"Room {room_id} does not exist.")
    return last


def take_seqs(room_id: int, count: int, council_id: int | None = None) -> int | None:
    """Move the room's counter on by `count` in one statement (UPDATE ...
    RETURNING, under the same lock as next_seq) and return the last seq
    taken: the caller owns last - count + 1 to last. None when there is no
    such room (in that council, when `council_id` is given)."""
    quote = connection.ops.quote_name
    table, column = quote(Room._meta.db_table), quote("last_seq")
    where, params = f"{quote(Room._meta.pk.column)} = %s", [count, room_id]
    if council_id is not None:
        where += f" AND {quote(Room._meta.get_field('council').column)} = %s"
        params.append(council_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = {column} + %s "  # noqa: S608 - quoted names only
            f"WHERE {where} RETURNING {column}",
            params,
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def may_be_room_id(value) -> bool:
    """An id a room could have: one that cannot fail the seq UPDATE (and with
    it the whole batch) by being of the wrong type or out of range."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    low, high = connection.ops.integer_field_range(Room._meta.pk.get_internal_type())
    return low <= value <= high


def no_such_room() -> CouncilActionError:
    return CouncilActionError(events.ERROR_NOT_FOUND, _("That room does not exist."))


def general_rooms(council_ids) -> dict[int, int]:
    """Each council's room for messages that name none: its general room,
    else its first (as _pick_room chooses)."""
    return {
        council_id: room.pk
        for council_id, rooms in _rooms_of(council_ids).items()
        if (room := _pick_room(rooms, None)) is not None
    }


def _rooms_of(council_ids) -> dict[int, list[Room]]:
    rooms: dict[int, list[Room]] = {}
    if council_ids:
        # Each council's rooms in Room's order, without its join to Council.
        rooms_in_order = Room.objects.filter(council_id__in=council_ids).order_by(
            "council_id", "kind", "name", "pk"
        )
        for room in rooms_in_order:
            rooms.setdefault(room.council_id, []).append(room)
    return rooms


def _pick_room(rooms: list[Room], room_id: int | None) -> Room | None:
    """From a council's rooms (in their order): the one chosen, or with none
    chosen the general room (else the first)."""
    if room_id is None:
        general = [r for r in rooms if r.kind == Room.Kind.GENERAL]
        return (general or rooms or [None])[0]
    return next((r for r in rooms if r.pk == room_id), None)
