"""What members and facilitators do in a council, as plain functions that the
socket consumer and the HTTP views both call.

Each function loads the person's membership afresh and checks it through
`councils.permissions`, writes in one transaction, and announces the change
through `councils.events` once the transaction commits.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.core import signing
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import ContentWarningTopic

from . import events, permissions
from .models import (
    AgendaItem,
    BodyFormat,
    Council,
    Invite,
    Meeting,
    Membership,
    Message,
    MessageChange,
    MessageRevision,
    Report,
    Room,
)
from .names import former_member_name, member_names


class CouncilActionError(Exception):
    """An action that cannot be done; `code` is an events.ERROR_* code and
    `message` a kind sentence to show the person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class NotAllowed(CouncilActionError):
    def __init__(self, message: str | None = None):
        super().__init__(events.ERROR_FORBIDDEN, message or _("You cannot do that here."))


def _require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise NotAllowed(message)


# --- Reading -------------------------------------------------------------------
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
    return _names_of(council, list(memberships), viewer=viewer)


def _names_of(council: Council, memberships: list[Membership], viewer=None) -> _Names:
    names = _Names(member_names(council, memberships, viewer=viewer))
    names.membership_ids = {m.user_id: m.pk for m in memberships}
    return names


def room_of(membership: Membership, room_id: int | None) -> Room | None:
    """The chosen room of the member's council, else its general room."""
    return _pick_room(_rooms_of({membership.council_id}).get(membership.council_id, []), room_id)


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
        + [(c.seq, c.message, _CHANGE_EVENTS[c.kind]) for c in changes],
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


# --- Messages ------------------------------------------------------------------
def _clean_body(body: str) -> str:
    """The message as its author typed it: plain text, kept exactly (only
    surrounding blank space and Windows line endings go), and shown escaped
    wherever it appears. So `use <b> for bold` stays as written, and a
    message made only of such text is a message."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise CouncilActionError(events.ERROR_INVALID, _("Write something before sending."))
    if len(body) > events.MAX_BODY_CHARS:
        raise CouncilActionError(events.ERROR_TOO_LARGE, events.too_long_message(len(body)))
    if "\x00" in body:
        # PostgreSQL cannot store it, and nobody types it.
        raise CouncilActionError(
            events.ERROR_INVALID, _("That message has a character we cannot store.")
        )
    return body


def _topic_ids(topic_ids) -> list[int]:
    """The chosen topic ids that are taken: numbers only, at most 20."""
    return [t for t in (topic_ids or []) if isinstance(t, int)][:20]


def _warning_topics(topic_ids) -> list[ContentWarningTopic]:
    """The chosen topics from the shared list (unknown ids are ignored)."""
    ids = _topic_ids(topic_ids)
    return list(ContentWarningTopic.objects.filter(pk__in=ids)) if ids else []


def _warning_names(message: Message) -> str:
    return ", ".join(t.name for t in message.content_warnings.all())[:400]


_CHANGE_EVENTS = {
    MessageChange.Kind.EDITED: events.MESSAGE_EDITED,
    MessageChange.Kind.REDACTED: events.MESSAGE_REDACTED,
}


def _record_change(message: Message, kind: str) -> None:
    """Give an edit or redaction its place in the room's sequence and announce
    it after commit, so members who were offline get it on backfill too."""
    seq = next_seq(message.room_id)
    MessageChange.objects.create(room_id=message.room_id, seq=seq, message=message, kind=kind)
    names = names_for(message.room.council, [message.author_id] if message.author_id else [])
    events.publish_on_commit(
        events.room_group(message.room_id),
        message_payload(message, names, _CHANGE_EVENTS[kind], seq=seq),
        room=message.room_id,
    )


def next_seq(room_id: int) -> int:
    """The room's next place in its event sequence: every message event (new,
    edited, redacted) takes one, so a client that saw seq N can be sent
    exactly what happened after N. Call inside the transaction that saves the
    event: the UPDATE takes the room row's lock (PostgreSQL) or the write lock
    (SQLite) until commit, so seqs never collide or go backwards."""
    last = _take_seqs(room_id, 1)
    if last is None:
        raise Room.DoesNotExist(f"Room {room_id} does not exist.")
    return last


def _take_seqs(room_id: int, count: int, council_id: int | None = None) -> int | None:
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


@dataclass
class MessageSend:
    """One person asking to post one message (a socket frame or a form)."""

    user: object
    council_id: int
    room_id: int | None
    body: str
    client_id: uuid.UUID | None = None
    content_warnings: list = field(default_factory=list)


@dataclass
class SendOutcome:
    """What became of one MessageSend. `payload` is the message.new event of
    the saved message: to publish to the room when `created`, else (a retry of
    a saved client_id) for the sender alone. `error` is a CouncilActionError
    (not allowed, invalid) or a DatabaseError that concerned this send only."""

    message: Message | None = None
    created: bool = False
    payload: dict | None = None
    error: Exception | None = None


@dataclass
class _Pending:
    index: int
    send: MessageSend
    membership: Membership
    room_id: int
    body: str
    topics: list
    message: Message | None = None
    created: bool = False
    duplicate_of: _Pending | None = None


def post_message(
    *, user, council_id: int, room_id: int | None, body: str, client_id=None, content_warnings=()
) -> tuple[Message, bool]:
    """Save a message with the room's next `seq` and announce it after commit.

    A retry with the same `client_id` returns the saved message and announces
    nothing again. Returns (message, created)."""
    outcome = post_messages(
        [
            MessageSend(
                user=user,
                council_id=council_id,
                room_id=room_id,
                body=body,
                client_id=uuid.UUID(str(client_id)) if client_id else None,
                content_warnings=list(content_warnings or []),
            )
        ]
    )[0]
    if outcome.error is not None:
        raise outcome.error
    if outcome.created:
        room_pk = outcome.message.room_id
        events.publish_on_commit(events.room_group(room_pk), outcome.payload, room=room_pk)
    return outcome.message, outcome.created


def post_messages(sends: list[MessageSend], memberships=None) -> list[SendOutcome]:
    """Save several messages (from anyone, to any rooms) in one transaction,
    and return one SendOutcome per send, in order. Announces NOTHING: the
    caller publishes each created payload once this has returned (committed),
    in the order given, which is seq order within each room.

    Each send is checked on its own, with memberships loaded afresh for the
    whole batch in one query; one that is not allowed or not valid gets its
    error and does not stop the others. Seqs are taken with one UPDATE per
    room; a client_id already saved (a retry) is found through the unique
    constraint, without a look-up on the normal path. A chosen room is checked
    to be the council's by the seq UPDATE itself, so that a message costs two
    statements before its INSERT: memberships, and the UPDATE. `memberships`,
    when given, are permissions.active_memberships() of these sends, read
    just before (the caller read them while waiting for something else)."""
    outcomes = [SendOutcome() for _ in sends]
    if memberships is None:
        memberships = permissions.active_memberships((send.council_id, send.user) for send in sends)
    # The general rooms, for sends that do not say which room (forms).
    general = _general_rooms(
        {m.council_id for (_c, _u), m in memberships.items()}
        if any(send.room_id is None for send in sends)
        else set()
    )
    pending: list[_Pending] = []
    for index, send in enumerate(sends):
        try:
            membership = memberships.get((send.council_id, getattr(send.user, "pk", None)))
            _require(permissions.can_read(membership))
            _require(permissions.can_post(membership), _("Observers can read but not post."))
            room_id = (
                send.room_id if send.room_id is not None else general.get(membership.council_id)
            )
            if not _may_be_room_id(room_id):
                raise _no_such_room()
            body = _clean_body(send.body)
        except CouncilActionError as error:
            outcomes[index].error = error
            continue
        pending.append(_Pending(index, send, membership, room_id, body, []))
    _attach_topics(pending)
    fresh = _mark_duplicates(pending)
    if fresh:
        try:
            missing = _save_together(fresh)
        except IntegrityError:
            # A client_id already saved (a retry); PostgreSQL has aborted the
            # transaction, so each send is tried again on its own.
            missing = []
            for item in fresh:
                try:
                    missing += _save_alone(item)
                except DatabaseError as error:
                    outcomes[item.index].error = error
        for item in missing:
            outcomes[item.index].error = _no_such_room()
    _fill_outcomes(pending, outcomes)
    return outcomes


def _may_be_room_id(value) -> bool:
    """An id a room could have: one that cannot fail the seq UPDATE (and with
    it the whole batch) by being of the wrong type or out of range."""
    if isinstance(value, bool) or not isinstance(value, int):
        return False
    low, high = connection.ops.integer_field_range(Room._meta.pk.get_internal_type())
    return low <= value <= high


def _no_such_room() -> CouncilActionError:
    return CouncilActionError(events.ERROR_NOT_FOUND, _("That room does not exist."))


def _general_rooms(council_ids) -> dict[int, int]:
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


def _attach_topics(pending: list[_Pending]) -> None:
    """Each send's chosen topics, for the whole batch in one query."""
    wanted = {item.index: set(_topic_ids(item.send.content_warnings)) for item in pending}
    every = set().union(*wanted.values()) if wanted else set()
    if not every:
        return
    topics = list(ContentWarningTopic.objects.filter(pk__in=every))
    for item in pending:
        item.topics = [t for t in topics if t.pk in wanted[item.index]]


def _mark_duplicates(pending: list[_Pending]) -> list[_Pending]:
    """The same client_id twice in one batch (a quick resend) is saved once;
    the later one is answered as a retry."""
    first: dict[tuple, _Pending] = {}
    fresh = []
    for item in pending:
        key = (item.room_id, item.membership.user_id, item.send.client_id)
        if item.send.client_id is not None and key in first:
            item.duplicate_of = first[key]
            continue
        first[key] = item
        fresh.append(item)
    return fresh


def _new_message(item: _Pending, seq: int) -> Message:
    return Message(
        room_id=item.room_id,
        seq=seq,
        author_id=item.membership.user_id,
        body=item.body,
        body_format=BodyFormat.TEXT,
        client_id=item.send.client_id,
    )


def _save_together(items: list[_Pending]) -> list[_Pending]:
    """One transaction: one seq UPDATE per room (which also checks that the
    room is in the sender's council), one INSERT for every message, one for
    their content warnings. Returns the items whose room was not found; they
    are not saved."""
    by_room: dict[tuple[int, int], list[_Pending]] = {}
    for item in items:
        by_room.setdefault((item.room_id, item.membership.council_id), []).append(item)
    missing, saved = [], []
    with transaction.atomic():
        for (room_id, council_id), group in by_room.items():
            last = _take_seqs(room_id, len(group), council_id=council_id)
            if last is None:
                missing += group
                continue
            for offset, item in enumerate(group):
                item.message = _new_message(item, last - len(group) + 1 + offset)
            saved += group
        if saved:
            Message.objects.bulk_create([item.message for item in saved])
            _save_topics(saved)
    for item in saved:
        item.created = True
    return missing


def _save_alone(item: _Pending) -> list[_Pending]:
    try:
        return _save_together([item])
    except IntegrityError:
        # Two retries raced, or this one was saved earlier: find it.
        item.message = None
        existing = (
            Message.objects.filter(
                room_id=item.room_id,
                author_id=item.membership.user_id,
                client_id=item.send.client_id,
            ).first()
            if item.send.client_id is not None
            else None
        )
        if existing is None:
            raise
        item.message = existing
        return []


def _save_topics(items: list[_Pending]) -> None:
    field_ = Message._meta.get_field("content_warnings")
    through = field_.remote_field.through
    rows = [
        through(
            **{
                f"{field_.m2m_field_name()}_id": item.message.pk,
                f"{field_.m2m_reverse_field_name()}_id": topic.pk,
            }
        )
        for item in items
        for topic in item.topics
    ]
    if rows:
        through.objects.bulk_create(rows)


def _fill_outcomes(pending: list[_Pending], outcomes: list[SendOutcome]) -> None:
    """Payloads for what was saved or found, with names decided now (one
    people.policy call per council, from the memberships already loaded)."""
    by_council: dict[int, list[_Pending]] = {}
    for item in pending:
        source = item.duplicate_of or item
        failed = outcomes[source.index].error
        if failed is not None:
            outcomes[item.index].error = failed
        elif source.message is not None and source.message.pk is not None:
            by_council.setdefault(item.membership.council_id, []).append(item)
    for items in by_council.values():
        council = items[0].membership.council
        authors = {item.membership.user_id: item.membership for item in items}
        names = _names_of(council, list(authors.values()))
        for item in items:
            source = item.duplicate_of or item
            message = source.message
            outcome = outcomes[item.index]
            outcome.message = message
            outcome.created = item.duplicate_of is None and source.created
            outcome.payload = message_payload(
                message,
                names,
                events.MESSAGE_NEW,
                topics=source.topics if source.created else None,
            )


def _message_in(membership: Membership, message_id: int) -> Message:
    message = (
        Message.objects.select_related("room__council")
        .filter(pk=message_id, room__council_id=membership.council_id)
        .first()
    )
    if message is None:
        raise CouncilActionError(events.ERROR_NOT_FOUND, _("That message is no longer here."))
    return message


@transaction.atomic
def edit_message(*, user, council_id: int, message_id: int, body: str, content_warnings=None):
    """The author changes their message; the earlier text is kept as a revision."""
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_read(membership))
    message = _message_in(membership, message_id)
    _require(permissions.can_edit(membership, message), _("Only the author can edit a message."))
    clean = _clean_body(body)
    MessageRevision.objects.create(
        message=message,
        body=message.body,
        body_format=message.body_format,
        content_warnings=_warning_names(message),
        edited_by=user,
    )
    message.body = clean
    message.body_format = BodyFormat.TEXT
    if content_warnings is not None:
        message.content_warnings.set(_warning_topics(content_warnings))
    message.edited_at = timezone.now()
    message.save(update_fields=["body", "body_format", "edited_at"])
    _record_change(message, MessageChange.Kind.EDITED)
    return message


@transaction.atomic
def redact_message(*, user, council_id: int, message_id: int) -> Message:
    """Remove a message's text, leaving a tombstone in its place."""
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_read(membership))
    message = _message_in(membership, message_id)
    _require(
        permissions.can_redact(membership, message),
        _("Only the author or a facilitator can remove a message."),
    )
    if message.body:
        MessageRevision.objects.create(
            message=message,
            body=message.body,
            body_format=message.body_format,
            content_warnings=_warning_names(message),
            edited_by=user,
        )
    message.body = ""
    message.content_warnings.clear()
    message.redacted_at = timezone.now()
    message.redacted_by = user
    message.save(update_fields=["body", "redacted_at", "redacted_by"])
    _record_change(message, MessageChange.Kind.REDACTED)
    return message


@transaction.atomic
def report_message(*, user, council_id: int, message_id: int, reason: str) -> Report:
    """A member flags a message for the council's facilitators."""
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_read(membership))
    message = _message_in(membership, message_id)
    reason = (reason or "").strip()
    if not reason:
        raise CouncilActionError(
            events.ERROR_INVALID, _("Please say a few words about what worries you.")
        )
    return Report.objects.create(message=message, reporter=user, reason=reason[:2000])


@transaction.atomic
def resolve_report(*, user, report: Report, resolution: str) -> Report:
    membership = permissions.active_membership(user, report.message.room.council_id)
    _require(permissions.can_facilitate(membership))
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.resolution = (resolution or "").strip()[:2000]
    report.save()
    return report


# --- Typing and presence (opt-in) ------------------------------------------------
def announce_typing(*, user, council_id: int, room_id: int | None) -> None:
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_post(membership))
    _require(
        membership.share_typing,
        _("Typing indicators are off. You can turn them on in your council settings."),
    )
    room = room_of(membership, room_id)
    if room is None:
        raise CouncilActionError(events.ERROR_NOT_FOUND, _("That room does not exist."))
    name = names_for(membership.council, [user.pk])[user.pk]
    events.publish(
        events.room_group(room.pk),
        {"type": events.MEMBER_TYPING, "room": room.pk, "member": membership.pk, "name": name},
    )


def announce_presence(*, user, council_id: int, here: bool) -> bool:
    """Tell the council someone is here, only if they turned presence on.
    Returns whether anything was announced."""
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_read(membership))
    if not membership.show_presence:
        return False
    name = names_for(membership.council, [user.pk])[user.pk]
    events.publish(
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


# --- Membership ------------------------------------------------------------------
def _member_event(membership: Membership, event: str) -> None:
    name = names_for(membership.council, [membership.user_id])[membership.user_id]
    events.publish_on_commit(
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
    events.close_council_sockets_on_commit(membership.user_id, membership.council_id)
    _member_event(membership, events.MEMBER_LEFT)


def remove_member(*, by, membership: Membership) -> None:
    """A facilitator removes a member."""
    _require(permissions.can_facilitate(permissions.active_membership(by, membership.council_id)))
    end_membership(membership)


def update_preferences(
    *, user, council_id: int, pseudonym: str, show_presence: bool, share_typing: bool
):
    membership = permissions.active_membership(user, council_id)
    _require(permissions.can_read(membership))
    membership.pseudonym = " ".join((pseudonym or "").split())[:80]
    membership.show_presence = bool(show_presence)
    membership.share_typing = bool(share_typing)
    membership.save(update_fields=["pseudonym", "show_presence", "share_typing"])
    return membership


# --- Invitations -------------------------------------------------------------------
INVITE_SALT = "councils.invite"
INVITE_DAYS = 7


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(*, by, council: Council, role: str = Membership.Role.MEMBER, days=INVITE_DAYS):
    """A facilitator makes a single-use link; returns (invite, signed_token)."""
    _require(permissions.can_facilitate(permissions.active_membership(by, council.pk)))
    if role not in Membership.Role.values:
        raise CouncilActionError(events.ERROR_INVALID, _("Choose a role."))
    token = secrets.token_urlsafe(24)
    invite = Invite.objects.create(
        council=council,
        role=role,
        token_hash=_token_hash(token),
        created_by=by,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return invite, signing.dumps({"c": council.pk, "t": token}, salt=INVITE_SALT)


def find_invite(signed_token: str) -> Invite | None:
    """The usable invite behind a link, or None (bad signature, used, expired)."""
    try:
        data = signing.loads(signed_token, salt=INVITE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        return None
    return (
        Invite.objects.select_related("council")
        .filter(
            token_hash=_token_hash(data["t"]),
            council_id=data.get("c"),
            used_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def accept_invite(*, user, signed_token: str) -> Membership | None:
    invite = find_invite(signed_token)
    if invite is None:
        return None
    # Mark it used first, guarded by used_at, so two clicks cannot both join.
    claimed = Invite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
        used_at=timezone.now(), used_by=user
    )
    if not claimed:
        return None
    existing = permissions.active_membership(user, invite.council_id)
    if existing is not None:
        return existing
    return add_member(invite.council, user, role=invite.role)


# --- Retention -------------------------------------------------------------------
def apply_retention(now=None) -> int:
    """Delete messages (and their revisions and reports) older than each
    council's retention period. Returns how many messages were deleted."""
    now = now or timezone.now()
    deleted = 0
    for council in Council.objects.all():
        cutoff = now - timedelta(days=council.retention_days)
        old = Message.objects.filter(room__council=council, created_at__lt=cutoff)
        count = old.count()
        if count:
            MessageRevision.objects.filter(message__in=old).delete()
            old.delete()
        deleted += count
    return deleted


# --- Councils ----------------------------------------------------------------------
@transaction.atomic
def add_agenda_item(
    council: Council, *, title: str, notes: str = "", link: str = "", meeting=None
) -> AgendaItem:
    """Put a point on the council's agenda: on `meeting`, else on the next
    planned meeting, else waiting until a facilitator plans one."""
    if meeting is None:
        meeting = (
            Meeting.objects.filter(council=council, starts_at__gte=timezone.now())
            .order_by("starts_at")
            .first()
        )
    position = AgendaItem.objects.filter(council=council, meeting=meeting).count() + 1
    item = AgendaItem(
        council=council,
        meeting=meeting,
        position=position,
        title=title[:200],
        notes=notes[:2000],
        link=link,
    )
    item.full_clean()
    item.save()
    return item


def plan_meeting(meeting: Meeting) -> Meeting:
    """Save a new meeting; points waiting for a meeting go on its agenda."""
    meeting.save()
    waiting = AgendaItem.objects.filter(council=meeting.council, meeting__isnull=True)
    start = AgendaItem.objects.filter(meeting=meeting).count()
    for offset, item in enumerate(waiting.order_by("position", "pk"), start=1):
        item.meeting = meeting
        item.position = start + offset
        item.save(update_fields=["meeting", "position"])
    return meeting


def create_council(*, name: str, purpose: str = "", retention_days: int = 365, **extra):
    """A new council; saving it makes its audience and its general room."""
    return Council.objects.create(
        name=name, purpose=purpose, retention_days=retention_days, **extra
    )
