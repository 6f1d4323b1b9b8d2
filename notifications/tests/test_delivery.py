"""Delivery of the outbox against a real SMTP server (tests/smtp_server.py)
that refuses, recovers, turns addresses away and is sometimes not there.

Delivery runs when a test calls the task (the queue here only keeps what is
enqueued), and the retry backoff is crossed by moving Django's clock forward,
never by sleeping. What every test holds: each recipient gets exactly one
message, and what a row keeps of an error names no address.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.mail import send_mail
from django.db import connection, connections
from django.utils import timezone

from notifications import delivery
from notifications.delivery import deliver_outbox
from notifications.models import OutboxEmail
from tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db


class Clock:
    """Django's clock, moved forward on request."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def after_backoff(self) -> None:
        """Move to just after the last waiting row is due again."""
        latest = max(
            OutboxEmail.objects.filter(state=OutboxEmail.State.PENDING).values_list(
                "next_attempt_at", flat=True
            )
        )
        self.offset += latest - timezone.now() + timedelta(seconds=1)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + clock.offset)
    return clock


@pytest.fixture
def smtp():
    server = SMTPServer()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _deliver_over_smtp(settings, smtp):
    """Delivery goes to the test's SMTP server, and tasks wait in the queue
    until the test runs them."""
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = smtp.host
    settings.EMAIL_PORT = smtp.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def queue(count: int, prefix: str = "reader") -> list[str]:
    """Queue one email to each of `count` addresses (through Django's mail
    API, as sign-in emails are); returns the addresses."""
    addresses = [f"{prefix}{number}@example.net" for number in range(count)]
    send_mail("A note", "Something changed.", None, addresses)
    assert OutboxEmail.objects.filter(state=OutboxEmail.State.PENDING).count() == count
    return addresses


def rows() -> dict[str, list]:
    return {
        state: list(OutboxEmail.objects.filter(state=state).order_by("pk"))
        for state in OutboxEmail.State.values
    }


def assert_each_received_once(smtp: SMTPServer, addresses: list[str]) -> None:
    assert smtp.per_recipient() == dict.fromkeys(addresses, 1)
    ids = [message.message_id for message in smtp.received]
    assert len(set(ids)) == len(ids)
    assert set(ids) == {
        f"<{message_id}@localhost>"
        for message_id in OutboxEmail.objects.values_list("message_id", flat=True)
    }


@pytest.mark.parametrize("code", [451, 421])
def test_a_server_that_refuses_after_some_then_recovers_gets_each_email_once(smtp, clock, code):
    addresses = queue(12)
    smtp.start()
    smtp.refuse_after(5, code=code)

    assert deliver_outbox.call() == 5
    assert smtp.count() == 5 and smtp.refused == 7
    waiting = rows()[OutboxEmail.State.PENDING]
    assert len(waiting) == 7 and len(rows()[OutboxEmail.State.SENT]) == 5
    for row in waiting:
        assert row.attempts == 1
        assert row.last_error == f"SMTPDataError {code}"
        assert "@" not in row.last_error
        assert row.next_attempt_at > timezone.now() + timedelta(seconds=30)

    # Nothing is due before the backoff has passed.
    assert deliver_outbox.call() == 0

    smtp.recover()
    clock.after_backoff()
    assert deliver_outbox.call() == 7
    assert_each_received_once(smtp, addresses)
    assert OutboxEmail.objects.exclude(state=OutboxEmail.State.SENT).count() == 0
    attempts = sorted(OutboxEmail.objects.values_list("attempts", flat=True))
    assert attempts == [1] * 5 + [2] * 7
    # Once sent, a row keeps neither the address nor the error.
    assert not OutboxEmail.objects.exclude(address="").exists()
    assert not OutboxEmail.objects.exclude(last_error="").exists()


def test_an_address_refused_for_good_fails_at_once_and_the_others_are_sent(smtp, clock):
    addresses = queue(4)
    gone = addresses[1]
    smtp.refuse_address(gone)
    smtp.start()

    assert deliver_outbox.call() == 3
    failed = OutboxEmail.objects.get(state=OutboxEmail.State.FAILED)
    assert failed.address == gone
    assert failed.attempts == 1
    assert failed.last_error == "SMTPRecipientsRefused 550"
    assert "@" not in failed.last_error
    assert OutboxEmail.objects.filter(state=OutboxEmail.State.SENT).count() == 3

    # Never tried again, however long one waits.
    clock.offset += timedelta(days=2)
    assert deliver_outbox.call() == 0
    assert OutboxEmail.objects.get(pk=failed.pk).attempts == 1
    assert smtp.per_recipient() == {address: 1 for address in addresses if address != gone}


def test_a_server_that_is_down_gets_the_emails_once_it_is_up(smtp, clock):
    addresses = queue(6)  # The server is not started: nothing listens on its port.

    assert deliver_outbox.call() == 0
    waiting = rows()[OutboxEmail.State.PENDING]
    assert len(waiting) == 6
    for row in waiting:
        assert row.attempts == 1
        assert row.last_error == "ConnectionRefusedError"
        assert row.claim is None and row.lease_until is None

    smtp.start()
    assert deliver_outbox.call() == 0  # Up, but the backoff has not passed.
    assert smtp.count() == 0
    clock.after_backoff()
    assert deliver_outbox.call() == 6
    assert_each_received_once(smtp, addresses)


def test_a_server_gone_mid_batch_leaves_the_rest_waiting_without_counting_a_try(
    smtp, clock, monkeypatch
):
    """The server stops answering after two messages and cannot be reached
    again: the message being sent counts a try, the ones never sent do not."""
    addresses = queue(5)
    smtp.start()

    finish = delivery.finish
    sent = []

    def stop_after_two(email, state):
        sent.append(email.pk)
        finished = finish(email, state)
        if len(sent) == 2:
            smtp.stop()
        return finished

    monkeypatch.setattr(delivery, "finish", stop_after_two)
    assert deliver_outbox.call() == 2
    monkeypatch.setattr(delivery, "finish", finish)
    waiting = rows()[OutboxEmail.State.PENDING]
    assert [row.attempts for row in waiting] == [1, 0, 0]

    smtp.start()
    clock.after_backoff()
    assert deliver_outbox.call() == 3
    assert_each_received_once(smtp, addresses)


def test_two_workers_holding_claims_at_once_never_share_a_row(smtp, monkeypatch):
    """Interleaved by hand (on any database): each claim takes rows no other
    claim holds, and each row is sent by the worker that holds it."""
    monkeypatch.setattr(delivery, "BATCH", 4)
    addresses = queue(10)
    smtp.start()
    first, second = delivery.claim(4), delivery.claim(4)
    assert len(first) == len(second) == 4
    assert not {row.pk for row in first} & {row.pk for row in second}
    assert delivery.send_batch(second) == 4
    assert delivery.send_batch(first) == 4
    assert deliver_outbox.call() == 2
    assert_each_received_once(smtp, addresses)


@pytest.mark.django_db(transaction=True)
def test_two_delivery_runs_at_once_send_each_row_once(smtp, monkeypatch):
    """Two workers' delivery tasks at the same time, in two threads with
    their own database connections (PostgreSQL: row locks, SKIP LOCKED). On
    SQLite, whose single writer serialises the claims anyway, the runs go one
    after the other."""
    monkeypatch.setattr(delivery, "BATCH", 3)
    addresses = queue(40)
    smtp.delay = 0.005
    smtp.start()
    results: list[int] = []
    errors: list[Exception] = []
    together = threading.Barrier(2 if connection.vendor == "postgresql" else 1, timeout=30)

    def run() -> None:
        try:
            together.wait()
            results.append(deliver_outbox.call())
        except Exception as error:  # noqa: BLE001 - asserted empty below
            errors.append(error)
        finally:
            connections.close_all()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert len(results) == 2 and all(results), results  # Both took part.
    else:
        run()
        run()
    assert errors == []
    assert sum(results) == 40
    assert_each_received_once(smtp, addresses)
    assert OutboxEmail.objects.filter(state=OutboxEmail.State.SENT).count() == 40


def test_a_recipient_refused_with_421_does_not_cost_the_next_email_a_try(smtp, clock):
    """421 at RCPT closes the channel (smtplib hangs up): delivery opens a
    new connection for the next email instead of failing it unsent."""
    addresses = queue(6)
    smtp.start()
    smtp.refuse_after(2, code=421, refusals=1, stage="RCPT")

    assert deliver_outbox.call() == 5
    waiting = OutboxEmail.objects.get(state=OutboxEmail.State.PENDING)
    assert waiting.attempts == 1
    assert waiting.last_error == "SMTPRecipientsRefused 421"

    clock.after_backoff()
    assert deliver_outbox.call() == 1
    assert_each_received_once(smtp, addresses)
