"""Delivering the outbox: background tasks take due rows, write each email in
its recipient's language, and hand it to the SMTP server (the backend named
by OUTBOX_DELIVERY_BACKEND).

Each row is taken with a claim and a lease before it is sent, so two workers
never send the same row; a row whose worker died keeps its lease until it runs
out, and is then taken again. The one moment a row can be sent twice is a
worker dying after the server accepted the email and before the row was
marked sent: the second try then carries the same Message-ID, so mail systems
that keep one message per Message-ID show it once.

A failed try is tried again later, with exponential backoff and some jitter,
up to OUTBOX_MAX_ATTEMPTS; an address the server refuses for good (5xx) is not
tried again. Errors are kept as their class and SMTP code: never an address
or a line of the email.
"""

from __future__ import annotations

import logging
import random
import smtplib
import time
import uuid
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone, translation

from background.work import background_task, enqueue
from people.languages import language_of

from . import outbox
from .discretion import sender_name
from .models import Mailing, OutboxEmail

logger = logging.getLogger(__name__)

BATCH = 50
# One delivery task stops after this long and enqueues the next one, so that
# other tasks get a turn.
TASK_SECONDS = 60
# A mailing's queueing task is run again when it has not finished in this long.
MAILING_RESTART = timedelta(minutes=5)
# At most this many delivery tasks are started at once for a backlog.
PARALLEL = 4
PER_TASK = 500


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "OUTBOX_LEASE_SECONDS", 300))


def max_attempts() -> int:
    return getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)


def backoff(attempts: int) -> timedelta:
    """Wait before try number `attempts + 1`: 1, 2, 4, 8 ... minutes, at most
    6 hours, each ±10%."""
    base = getattr(settings, "OUTBOX_RETRY_SECONDS", 60)
    seconds = min(base * 2 ** max(attempts - 1, 0), 6 * 3600)
    return timedelta(seconds=seconds * random.uniform(0.9, 1.1))  # noqa: S311


@background_task()
def deliver_outbox() -> int:
    """Send what is due, a batch at a time, for at most TASK_SECONDS. Returns
    how many emails the SMTP server accepted."""
    sent = 0
    stop_at = time.monotonic() + TASK_SECONDS
    while emails := claim(BATCH):
        sent += send_batch(emails)
        if time.monotonic() > stop_at:
            if OutboxEmail.objects.due().exists():
                enqueue(deliver_outbox)
            break
    return sent


@background_task()
def sweep_outbox() -> dict[str, int]:
    """Every minute: start delivery of what is due (a row whose try failed,
    a row a dead worker held), and restart mailings whose queueing stopped."""
    due = OutboxEmail.objects.due().count()
    if due:
        outbox.kick_delivery(min(PARALLEL, -(-due // PER_TASK)))
    restarted = 0
    for mailing in Mailing.objects.filter(
        prepared_at__isnull=True, created_at__lt=timezone.now() - MAILING_RESTART
    ):
        outbox.rerun_mailing(mailing)
        restarted += 1
    return {"due": due, "mailings_restarted": restarted}


def claim(limit: int) -> list[OutboxEmail]:
    """Take up to `limit` due rows for this worker: they are marked as being
    sent, with a lease, before anything is sent."""
    token = uuid.uuid4()
    now = timezone.now()
    due = OutboxEmail.objects.due(now).order_by("next_attempt_at", "pk")
    taken = {
        "state": OutboxEmail.State.SENDING,
        "claim": token,
        "lease_until": now + lease(),
        "attempts": F("attempts") + 1,
    }
    if connection.vendor == "sqlite":
        # One statement, which waits for SQLite's single write lock. A read
        # first would make a transaction that SQLite refuses to turn into a
        # writer once another worker has written meanwhile: "database is
        # locked" at once, with no wait.
        OutboxEmail.objects.filter(pk__in=due.values("pk")[:limit]).update(**taken)
    else:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            if not ids:
                return []
            # The condition is checked again on each row as it is updated: a
            # row another worker took meanwhile is left to it.
            OutboxEmail.objects.due(now).filter(pk__in=ids).update(**taken)
    return list(OutboxEmail.objects.filter(claim=token).select_related("recipient"))


def send_batch(emails: list[OutboxEmail]) -> int:
    """Send claimed rows over one connection; returns how many were accepted."""
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.open()
    except OSError as error:  # smtplib's errors, refused connections, TLS, DNS
        for email in emails:
            failed(email, error)
        return 0
    memo: dict = {}
    sent = 0
    try:
        for index, email in enumerate(emails):
            if email.lease_until <= timezone.now():
                # Held too long: another worker may have taken the rest.
                break
            try:
                message = build(email, memo)
            except Exception as error:
                logger.exception("Could not write outbox email %s (%s).", email.pk, email.kind)
                failed(email, error)
                continue
            if message is None:
                finish(email, OutboxEmail.State.CANCELLED)
                continue
            try:
                accepted = connection.send_messages([message])
            except OSError as error:
                failed(email, error)
                if _connection_lost(error) and not _reconnected(connection):
                    # The server is gone: the rest wait for the next try,
                    # which does not count against them.
                    for rest in emails[index + 1 :]:
                        failed(rest, error, count_attempt=False)
                    break
                continue
            if accepted:
                if finish(email, OutboxEmail.State.SENT):
                    sent += 1
                else:
                    # The lease ran out while it was being sent: another
                    # worker may send it again, with the same Message-ID.
                    logger.warning("Outbox email %s was sent after its lease ran out.", email.pk)
            else:
                failed(email, RuntimeError("not accepted"))
    finally:
        try:
            connection.close()
        except OSError:
            logger.warning("Could not close the SMTP connection cleanly.")
    return sent


def _connection_lost(error: OSError) -> bool:
    """Did `error` end the connection (rather than refuse one message)?"""
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # smtplib hangs up itself when a recipient is answered 421.
        return any(code == 421 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code == 421  # "Service not available, closing channel"
    return not isinstance(error, smtplib.SMTPException)  # a socket error


def _reconnected(connection) -> bool:
    """Open the connection again; False if the server cannot be reached."""
    try:
        connection.close()
    except OSError:
        logger.info("The SMTP connection was already broken.")
    try:
        connection.open()
    except OSError:
        return False
    return True


def build(email: OutboxEmail, memo: dict) -> EmailMultiAlternatives | None:
    """The message for `email`, written now, in its recipient's language; None
    when it should no longer be sent."""
    if email.recipient_id is not None:
        recipient = email.recipient
        if not recipient.is_active or not recipient.email:
            return None
        address = recipient.email
        language = language_of(recipient)
    else:
        address = email.address
        language = email.language or settings.LANGUAGE_CODE
    if email.kind == outbox.MESSAGE:
        message = outbox.rebuild(email.message, address)
    else:
        with translation.override(language):
            written = outbox.writer_of(email.kind)(email, memo)
        if written is None:
            return None
        message = EmailMultiAlternatives(
            subject=written.subject,
            body=written.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
            headers=dict(written.headers),
        )
        if written.html:
            message.attach_alternative(written.html, "text/html")
    from_address = parseaddr(message.from_email or settings.DEFAULT_FROM_EMAIL)[1]
    # The sender's name is in the email's language too, not the worker's.
    with translation.override(language):
        message.from_email = formataddr((sender_name(memo), from_address))
    domain = from_address.rpartition("@")[2] or "localhost"
    message.extra_headers["Message-ID"] = f"<{email.message_id}@{domain}>"
    return message


def finish(email: OutboxEmail, state: str) -> bool:
    """Record a row as sent or cancelled, and drop what it said and to whom.
    False if this worker no longer held it (its lease ran out)."""
    return bool(
        OutboxEmail.objects.filter(pk=email.pk, claim=email.claim).update(
            state=state,
            sent_at=timezone.now() if state == OutboxEmail.State.SENT else None,
            lease_until=None,
            claim=None,
            message=None,
            address="",
            last_error="",
        )
    )


def failed(email: OutboxEmail, error: BaseException, *, count_attempt: bool = True) -> None:
    """Record a failed try: tried again later, or given up."""
    attempts = email.attempts if count_attempt else max(email.attempts - 1, 0)
    permanent = _refused_for_good(error)
    gave_up = permanent or attempts >= max_attempts()
    OutboxEmail.objects.filter(pk=email.pk, claim=email.claim).update(
        state=OutboxEmail.State.FAILED if gave_up else OutboxEmail.State.PENDING,
        attempts=attempts,
        next_attempt_at=timezone.now() + backoff(attempts),
        lease_until=None,
        claim=None,
        last_error=describe(error),
    )
    if gave_up:
        logger.warning("Gave up on outbox email %s (%s): %s", email.pk, email.kind, describe(error))


def _refused_for_good(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return False


def describe(error: BaseException) -> str:
    """The error without personal data: its class and any SMTP codes."""
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(code) for code, _message in error.recipients.values()})
        return f"{name} {' '.join(codes)}".strip()
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name} {error.smtp_code}"
    return name


def next_due_at():
    """When the next waiting row is due (None if nothing waits)."""
    return OutboxEmail.objects.filter(state=OutboxEmail.State.PENDING).aggregate(
        at=Min("next_attempt_at")
    )["at"]
