"""The outbox: every email the platform sends is a row per recipient, written
in the recipient's language when it is sent and delivered by background tasks
(`notifications.delivery`).

- `register(kind)` declares how a kind of email is written from its row.
- `queue_email(kind, ...)` queues one email; `start_mailing()` and
  `queue_mailing_emails()` queue one email to many people from a task.
- `OutboxBackend` is Django's EMAIL_BACKEND: mail that other code sends
  through Django's mail API (sign-in emails, Wagtail's) becomes rows too, so
  no request ever talks to an SMTP server.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from background.work import enqueue

from .models import Mailing, OutboxEmail

__all__ = [
    "MESSAGE",
    "OutboxBackend",
    "Written",
    "in_pages",
    "kick_delivery",
    "kinds",
    "queue_email",
    "queue_mailing_emails",
    "register",
    "start_mailing",
    "writer_of",
]

# The kind of an email that arrived already written through Django's mail API.
MESSAGE = "message"
CHUNK = 1000


@dataclass
class Written:
    """An email as its kind wrote it for one recipient."""

    subject: str
    body: str
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


# kind -> writer(email, memo) -> Written, or None when it should no longer be
# sent (the recipient unsubscribed, or what it was about is gone). `memo` is a
# dict shared by the emails of one delivery batch, for what they share.
Writer = Callable[[OutboxEmail, dict], Written | None]
_writers: dict[str, Writer] = {}


def register(kind: str) -> Callable[[Writer], Writer]:
    """Decorator: declare how emails of `kind` ("app.name") are written."""

    def decorate(writer: Writer) -> Writer:
        if kind == MESSAGE or (kind in _writers and _writers[kind] is not writer):
            raise ValueError(f"Email kind {kind!r} is declared twice.")
        _writers[kind] = writer
        return writer

    return decorate


def writer_of(kind: str) -> Writer:
    return _writers[kind]


def kinds() -> list[str]:
    """Every declared kind (not MESSAGE, which arrives already written)."""
    return sorted(_writers)


def queue_email(
    kind: str,
    *,
    recipient=None,
    address: str = "",
    language: str = "",
    params: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> OutboxEmail | None:
    """Queue one email of a registered `kind`, to a member (`recipient`: at
    their address and in their language when it is sent) or to an address.
    With `dedupe_key`, queueing again is a no-op (returns None)."""
    if kind not in _writers:
        raise ValueError(f"Unknown email kind {kind!r}: declare it with register().")
    if (recipient is None) == (not address):
        raise ValueError("An email goes to a member or to an address, not both.")
    try:
        with transaction.atomic():
            email = OutboxEmail.objects.create(
                kind=kind,
                recipient=recipient,
                address=address,
                language=language,
                params=params or {},
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None  # Queued before.
    kick_delivery()
    return email


def start_mailing(key: str, task, *args: Any) -> Mailing:
    """Plan one email to many people: `task(*args)` (a background task that
    calls `queue_mailing_emails`) is enqueued, and run again by the outbox
    sweep should a worker die before it finished. Once per `key`."""
    mailing, created = Mailing.objects.get_or_create(
        key=key, defaults={"task_path": task.module_path, "args": list(args)}
    )
    if created:
        enqueue(task, *args)
    return mailing


def in_pages(rows, size: int = CHUNK):
    """Yield the rows of `rows` (a `values_list` whose first value is the
    primary key) in key order, reading one page in full before yielding it.

    Not `.iterator()`: on SQLite an open cursor keeps its snapshot while the
    mailing writes, and the first write after another process has written
    fails at once with "database is locked" (no wait can help a stale
    snapshot). Pages by key also keep a long mailing's reads short."""
    last = None
    while True:
        page = rows.order_by("pk") if last is None else rows.filter(pk__gt=last).order_by("pk")
        page = list(page[:size])
        if not page:
            return
        yield from page
        last = page[-1][0]


def queue_mailing_emails(mailing: Mailing, emails: Iterable[OutboxEmail]) -> int:
    """Queue a mailing's emails (unsaved rows, each with a `dedupe_key`) in
    chunks; rows queued by an earlier, interrupted run are kept, not doubled.
    Marks the mailing prepared and starts delivery. Returns how many rows the
    mailing has."""
    emails = iter(emails)
    while chunk := list(islice(emails, CHUNK)):
        for email in chunk:
            if not email.dedupe_key:
                raise ValueError("A mailing's emails need a dedupe_key.")
            email.mailing = mailing
        with transaction.atomic():
            OutboxEmail.objects.bulk_create(chunk, ignore_conflicts=True)
            kick_delivery()
    Mailing.objects.filter(pk=mailing.pk, prepared_at__isnull=True).update(
        prepared_at=timezone.now()
    )
    return mailing.emails.count()


def rerun_mailing(mailing: Mailing) -> None:
    """Enqueue a mailing's queueing task again (it is idempotent)."""
    enqueue(import_string(mailing.task_path), *mailing.args)


def kick_delivery(tasks: int = 1) -> None:
    """Start delivery of what is due (`tasks` workers' worth)."""
    from .delivery import deliver_outbox

    for _ in range(tasks):
        enqueue(deliver_outbox)


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: queues each message as one outbox row per
    recipient (To, Cc and Bcc each get their own copy, addressed to them), so
    that code outside the platform's own kinds never sends from a request."""

    def send_messages(self, email_messages) -> int:
        try:
            return self._queue(email_messages)
        except Exception:
            # Django's error emails ask for silence: the database that would
            # hold them may be what failed.
            if self.fail_silently:
                return 0
            raise

    def _queue(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            recipients = list(dict.fromkeys(message.recipients()))
            if not recipients:
                continue
            data = serialise(message)
            # Written in the language active now: the row keeps it, so that
            # the sender's name is written in the same language when it is sent.
            language = translation.get_language() or ""
            OutboxEmail.objects.bulk_create(
                OutboxEmail(kind=MESSAGE, address=address, message=data, language=language)
                for address in recipients
            )
            queued += 1
        if queued:
            kick_delivery()
        return queued


def serialise(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):  # A MIME part: keep its text.
            attachment = (attachment.get_filename(), attachment.get_payload(), None)
        name, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([name, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from": message.from_email,
        "reply_to": list(message.reply_to),
        "headers": {
            k: str(v)
            for k, v in message.extra_headers.items()
            if k.lower() not in {"to", "cc", "bcc"}
        },
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def rebuild(data: dict[str, Any], to: str) -> EmailMultiAlternatives:
    """The message `serialise` stored, addressed to `to` alone."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from"],
        to=[to],
        reply_to=data["reply_to"],
        headers=dict(data["headers"]),
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message
