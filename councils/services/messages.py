"""A message after it was posted: its author edits it, its author or a
facilitator removes its text; each change takes the room's next seq and is
announced after commit. Also the rules every message body and its content
warnings follow, posted or edited."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import ContentWarningTopic

from .. import events, permissions, publishing
from ..frames import too_long_message
from ..models import BodyFormat, Membership, Message, MessageChange, MessageRevision
from .errors import CouncilActionError, require
from .payloads import CHANGE_EVENTS, message_payload, names_for
from .rooms import next_seq

__all__ = ["chosen_topic_ids", "clean_body", "edit_message", "message_in", "redact_message"]


def clean_body(body: str) -> str:
    """The message as its author typed it: plain text, kept exactly (only
    surrounding blank space and Windows line endings go), and shown escaped
    wherever it appears. So `use <b> for bold` stays as written, and a
    message made only of such text is a message."""
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise CouncilActionError(events.ERROR_INVALID, _("Write something before sending."))
    if len(body) > events.MAX_BODY_CHARS:
        raise CouncilActionError(events.ERROR_TOO_LARGE, too_long_message(len(body)))
    if "\x00" in body:
        # PostgreSQL cannot store it, and nobody types it.
        raise CouncilActionError(
            events.ERROR_INVALID, _("That message has a character we cannot store.")
        )
    return body


def chosen_topic_ids(topic_ids) -> list[int]:
    """The chosen topic ids that are taken: numbers only, at most 20."""
    return [t for t in (topic_ids or []) if isinstance(t, int)][:20]


def _warning_topics(topic_ids) -> list[ContentWarningTopic]:
    """The chosen topics from the shared list (unknown ids are ignored)."""
    ids = chosen_topic_ids(topic_ids)
    return list(ContentWarningTopic.objects.filter(pk__in=ids)) if ids else []


def _warning_names(message: Message) -> str:
    return ", ".join(t.name for t in message.content_warnings.all())[:400]


def _record_change(message: Message, kind: str) -> None:
    """Give an edit or redaction its place in the room's sequence and announce
    it after commit, so members who were offline get it on backfill too."""
    seq = next_seq(message.room_id)
    MessageChange.objects.create(room_id=message.room_id, seq=seq, message=message, kind=kind)
    names = names_for(message.room.council, [message.author_id] if message.author_id else [])
    publishing.publish_on_commit(
        events.room_group(message.room_id),
        message_payload(message, names, CHANGE_EVENTS[kind], seq=seq),
        room=message.room_id,
    )


def message_in(membership: Membership, message_id: int) -> Message:
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
    require(permissions.can_read(membership))
    message = message_in(membership, message_id)
    require(permissions.can_edit(membership, message), _("Only the author can edit a message."))
    clean = clean_body(body)
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
    require(permissions.can_read(membership))
    message = message_in(membership, message_id)
    require(
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
