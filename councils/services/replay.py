"""Bringing a reconnecting member up to date: the message events they missed
(backfill), or the word to reload (resync) when those cannot be replayed."""

from __future__ import annotations

from .. import events
from ..models import Message, MessageChange, Room
from .payloads import CHANGE_EVENTS, message_payload, names_for

__all__ = ["backfill", "resync_payload"]


def backfill(room: Room, after_seq: int, viewer=None) -> list[dict] | None:
    """Every message event after `after_seq`, in seq order: new messages and
    the edits and redactions made since, each showing the message as it is
    now. None when the client cannot be brought up to date this way (it must
    reload): more than events.MAX_BACKFILL were missed, or some of them are
    gone (retention deleted the messages)."""
    limit = events.MAX_BACKFILL + 1
    created = list(
        Message.objects.filter(room=room, seq__gt=after_seq)
        .prefetch_related("content_warnings")
        .order_by("seq")[:limit]
    )
    changes = list(
        MessageChange.objects.filter(room=room, seq__gt=after_seq)
        .select_related("message")
        .prefetch_related("message__content_warnings")
        .order_by("seq")[:limit]
    )
    missed = sorted(
        [(m.seq, m, events.MESSAGE_NEW) for m in created]
        + [(c.seq, c.message, CHANGE_EVENTS[c.kind]) for c in changes],
        key=lambda event: event[0],
    )
    if len(missed) > events.MAX_BACKFILL:
        return None
    # Events are numbered without a gap; a hole means some were deleted, and
    # replaying around it would leave the client's page wrong.
    if [seq for seq, _m, _e in missed] != list(range(after_seq + 1, after_seq + 1 + len(missed))):
        return None
    names = names_for(
        room.council, {m.author_id for _s, m, _e in missed if m.author_id}, viewer=viewer
    )
    return [message_payload(m, names, event, seq=seq) for seq, m, event in missed]


def resync_payload(room: Room) -> dict:
    room.refresh_from_db(fields=["last_seq"])
    return {"type": events.RESYNC, "room": room.pk, "latest_seq": room.last_seq}
