"""The payloads of message events, with each author's name decided now.

Names come from people.policy every time (never cached), so a changed
visibility or a revoked consent shows in the very next event."""

from __future__ import annotations

from .. import events
from ..models import Council, Membership, Message, MessageChange
from ..names import former_member_name, member_names

__all__ = ["CHANGE_EVENTS", "message_payload", "names_for", "names_of"]


def message_payload(
    message: Message, names: dict[int, str], event: str, *, seq: int | None = None, topics=None
) -> dict:
    """The payload of a message event (new, edited or redacted) as declared in
    events.SERVER_EVENTS, showing the message as it is now. `seq` is the
    event's place in the room's sequence: the message's own for `message.new`,
    the change's for an edit or a redaction. Redacted messages carry no text.
    `topics` are the message's content warnings when the caller already has
    them."""
    # Callers that list many messages prefetch the topics; one message costs one query.
    if topics is None:
        topics = list(message.content_warnings.all())
    if message.author_id is None:
        author = former_member_name()
    else:
        author = names.get(message.author_id) or former_member_name()
    return {
        "type": event,
        "room": message.room_id,
        "seq": message.seq if seq is None else seq,
        "id": message.pk,
        "author": author,
        "author_member": _membership_id(message, names),
        "body": "" if message.is_redacted else message.body,
        "body_format": message.body_format,
        "warning_topics": [] if message.is_redacted else [t.pk for t in topics],
        "warning_labels": [] if message.is_redacted else [t.name for t in topics],
        "created": message.created_at.isoformat(),
        "edited": message.edited_at is not None,
        "redacted": message.is_redacted,
    }


def _membership_id(message: Message, names) -> int | None:
    # The author's membership id lets the page offer "edit" on one's own
    # messages without ever sending anyone's account id.
    return getattr(names, "membership_ids", {}).get(message.author_id)


class _Names(dict):
    membership_ids: dict[int, int]


def names_for(council: Council, user_ids=None, viewer=None) -> _Names:
    """Names (and membership ids) of the council's members, including those
    who left, decided by people.policy now."""
    memberships = Membership.objects.filter(council=council)
    if user_ids is not None:
        memberships = memberships.filter(user_id__in=set(user_ids))
    return names_of(council, list(memberships), viewer=viewer)


def names_of(council: Council, memberships: list[Membership], viewer=None) -> _Names:
    names = _Names(member_names(council, memberships, viewer=viewer))
    names.membership_ids = {m.user_id: m.pk for m in memberships}
    return names


CHANGE_EVENTS = {
    MessageChange.Kind.EDITED: events.MESSAGE_EDITED,
    MessageChange.Kind.REDACTED: events.MESSAGE_REDACTED,
}
