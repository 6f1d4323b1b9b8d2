"""Posting messages: one from a form, or many at once from the sockets' send
batcher, each with its own permission check, error and client_id, saved in
one transaction with the room's next seqs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

from people.models import ContentWarningTopic

from .. import events, permissions, publishing
from ..models import BodyFormat, Membership, Message
from .errors import CouncilActionError, require
from .messages import chosen_topic_ids, clean_body
from .payloads import message_payload, names_of
from .rooms import general_rooms, may_be_room_id, no_such_room, take_seqs

__all__ = ["MessageSend", "SendOutcome", "post_message", "post_messages"]


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
        publishing.publish_on_commit(events.room_group(room_pk), outcome.payload, room=room_pk)
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
    general = general_rooms(
        {m.council_id for (_c, _u), m in memberships.items()}
        if any(send.room_id is None for send in sends)
        else set()
    )
    pending: list[_Pending] = []
    for index, send in enumerate(sends):
        try:
            membership = memberships.get((send.council_id, getattr(send.user, "pk", None)))
            require(permissions.can_read(membership))
            require(permissions.can_post(membership), _("Observers can read but not post."))
            room_id = (
                send.room_id if send.room_id is not None else general.get(membership.council_id)
            )
            if not may_be_room_id(room_id):
                raise no_such_room()
            body = clean_body(send.body)
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
            outcomes[item.index].error = no_such_room()
    _fill_outcomes(pending, outcomes)
    return outcomes


def _attach_topics(pending: list[_Pending]) -> None:
    """Each send's chosen topics, for the whole batch in one query."""
    wanted = {item.index: set(chosen_topic_ids(item.send.content_warnings)) for item in pending}
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
            last = take_seqs(room_id, len(group), council_id=council_id)
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
        names = names_of(council, list(authors.values()))
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
