"""The outbox: what becomes a row, how a row is written and sent, and what is
kept afterwards. Real SMTP servers (refusing, recovering, a worker killed
mid-batch) are in test_smtp_delivery.py and the worker tests."""

import smtplib
import sqlite3
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from background.work import running_as_task
from notifications import delivery, outbox
from notifications.models import Mailing, OutboxEmail
from people.models import Profile

pytestmark = pytest.mark.django_db

KIND = "notifications_test.hello"
# A queue that keeps what it is given and runs nothing.
NOTHING_RUNS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@outbox.register(KIND)
def write_hello(email, memo):
    if email.params.get("gone"):
        return None
    from django.utils.translation import get_language

    # The subject shows which language the email was written in.
    return outbox.Written(subject=f"in {get_language()}", body=f"Hello {email.params['n']}")


class Refusing(EmailBackend):
    """A mail server that answers every message with `code`."""

    code = 451

    def send_messages(self, messages):
        if self.code == 550:
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"no such user")})
        raise smtplib.SMTPDataError(self.code, b"try again later")


class RefusingForGood(Refusing):
    code = 550


def test_mail_sent_through_django_becomes_one_row_per_recipient_and_no_one_sees_the_others():
    message = EmailMultiAlternatives(
        "Your sign-in code",
        "123456",
        "no-reply@example.org",
        to=["a@example.org"],
        cc=["b@example.org"],
        bcc=["c@example.org"],
    )
    message.attach_alternative("<p>123456</p>", "text/html")
    message.attach("note.txt", "plain words", "text/plain")
    assert message.send() == 1
    assert sorted(mail.outbox[i].to[0] for i in range(3)) == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
    ]
    for sent in mail.outbox:
        assert len(sent.to) == 1 and not sent.cc and not sent.bcc
        assert sent.alternatives[0][0] == "<p>123456</p>"
        assert sent.attachments[0][:2] == ("note.txt", "plain words")
        # The sender's name is the Safety setting's neutral one, not the site's.
        assert sent.from_email == "Notices <no-reply@example.org>"
    rows = OutboxEmail.objects.all()
    assert {row.state for row in rows} == {OutboxEmail.State.SENT}
    # What was written, and to whom, is not kept.
    assert all(row.message is None and row.address == "" for row in rows)


def test_each_email_has_a_message_id_of_its_own_that_every_try_repeats():
    send_mail("Hi", "Body", "no-reply@example.org", ["a@example.org", "b@example.org"])
    ids = [sent.extra_headers["Message-ID"] for sent in mail.outbox]
    rows = list(OutboxEmail.objects.order_by("pk"))
    assert ids == [f"<{row.message_id}@example.org>" for row in rows]
    assert len(set(ids)) == 2


def test_a_kind_is_written_when_sent_in_the_recipients_language_then(user_factory):
    reader = user_factory(email="reader@example.org")
    profile = Profile.for_user(reader)
    profile.preferred_language = "es"
    profile.save()
    with override_settings(TASKS=NOTHING_RUNS):
        email = outbox.queue_email(KIND, recipient=reader, params={"n": 1})
    assert mail.outbox == []
    profile.preferred_language = "th"  # changed their mind before it was sent
    profile.save()
    delivery.deliver_outbox.call()
    [sent] = mail.outbox
    assert sent.to == ["reader@example.org"]
    assert sent.subject == "in th"
    email.refresh_from_db()
    assert email.state == OutboxEmail.State.SENT and email.sent_at is not None


def test_queueing_checks_its_input_and_a_dedupe_key_queues_once():
    with pytest.raises(ValueError, match="Unknown email kind"):
        outbox.queue_email("nobody.knows", address="a@example.org")
    with pytest.raises(ValueError, match="member or to an address"):
        outbox.queue_email(KIND)
    first = outbox.queue_email(KIND, address="a@example.org", params={"n": 1}, dedupe_key="k:1")
    again = outbox.queue_email(KIND, address="a@example.org", params={"n": 1}, dedupe_key="k:1")
    assert first is not None and again is None
    assert len(mail.outbox) == 1
    with pytest.raises(ValueError, match="declared twice"):
        outbox.register(KIND)(lambda email, memo: None)


def test_an_email_no_longer_wanted_is_cancelled_not_sent():
    email = outbox.queue_email(KIND, address="a@example.org", params={"gone": True})
    email.refresh_from_db()
    assert email.state == OutboxEmail.State.CANCELLED
    assert mail.outbox == [] and email.address == ""


def test_a_failed_try_waits_longer_each_time_then_gives_up(settings):
    settings.OUTBOX_DELIVERY_BACKEND = "notifications.tests.test_outbox.Refusing"
    settings.OUTBOX_MAX_ATTEMPTS = 3
    email = outbox.queue_email(KIND, address="secret@example.org", params={"n": 1})
    waits = []
    for _try in range(3):
        email.refresh_from_db()
        if email.state != OutboxEmail.State.PENDING:
            break
        waits.append(email.next_attempt_at - timezone.now())
        OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        delivery.deliver_outbox.call()
    email.refresh_from_db()
    assert email.state == OutboxEmail.State.FAILED and email.attempts == 3
    assert email.last_error == "SMTPDataError 451"  # never an address or a line of the email
    assert timedelta(seconds=50) < waits[0] < timedelta(seconds=70)
    assert timedelta(seconds=100) < waits[1] < timedelta(seconds=140)


@override_settings(OUTBOX_DELIVERY_BACKEND="notifications.tests.test_outbox.RefusingForGood")
def test_an_address_refused_for_good_is_not_tried_again():
    email = outbox.queue_email(KIND, address="gone@example.org", params={"n": 1})
    email.refresh_from_db()
    assert email.state == OutboxEmail.State.FAILED and email.attempts == 1
    assert email.last_error == "SMTPRecipientsRefused 550"


def test_a_row_held_by_a_dead_worker_is_taken_again_once_its_lease_runs_out():
    now = timezone.now()
    held = OutboxEmail.objects.create(
        kind=KIND,
        address="a@example.org",
        params={"n": 1},
        state=OutboxEmail.State.SENDING,
        attempts=1,
        lease_until=now + timedelta(minutes=1),
    )
    assert not OutboxEmail.objects.due(now).exists()
    assert list(OutboxEmail.objects.due(now + timedelta(minutes=2))) == [held]
    OutboxEmail.objects.filter(pk=held.pk).update(lease_until=now - timedelta(seconds=1))
    assert delivery.deliver_outbox.call() == 1
    held.refresh_from_db()
    assert held.state == OutboxEmail.State.SENT and held.attempts == 2


def test_the_sweep_restarts_a_mailing_whose_queueing_stopped(campaign, leader_a):
    from campaigns.factories import CampaignUpdatePageFactory, PledgeFactory
    from campaigns.updates import queue_update_emails

    for _number in range(3):
        PledgeFactory(campaign=campaign, contact_consent=True, confirmed=True)
    update = CampaignUpdatePageFactory(parent=campaign, owner=leader_a)
    mailing = Mailing.objects.create(
        key=update.mailing_key(), task_path=queue_update_emails.module_path, args=[update.pk]
    )
    # A worker queued one email, then died before the rest.
    first = campaign.pledges.order_by("pk").first()
    OutboxEmail.objects.create(
        kind="campaigns.update",
        mailing=mailing,
        address=first.email,
        params={"update": update.pk, "pledge": first.pk},
        dedupe_key=f"{mailing.key}:{first.pk}",
    )
    Mailing.objects.filter(pk=mailing.pk).update(created_at=timezone.now() - timedelta(minutes=6))
    assert delivery.sweep_outbox.call()["mailings_restarted"] == 1
    mailing.refresh_from_db()
    assert mailing.prepared_at is not None
    assert mailing.emails.count() == 3
    assert sorted(sent.to[0] for sent in mail.outbox) == sorted(
        campaign.pledges.values_list("email", flat=True)
    )
    assert delivery.sweep_outbox.call() == {"due": 0, "mailings_restarted": 0}


def test_mail_that_asks_for_silence_fails_silently_when_it_cannot_be_queued(monkeypatch):
    def database_gone(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(OutboxEmail.objects, "bulk_create", database_gone)
    assert send_mail("Error", "Body", None, ["admin@example.org"], fail_silently=True) == 0
    with pytest.raises(RuntimeError):
        send_mail("Error", "Body", None, ["admin@example.org"])


def test_an_email_sent_after_its_lease_ran_out_is_not_counted_as_this_workers(caplog):
    email = OutboxEmail.objects.create(kind=KIND, address="a@example.org", params={"n": 1})
    [claimed] = delivery.claim(1)
    # Another worker took it meanwhile (this one's lease ran out).
    OutboxEmail.objects.filter(pk=email.pk).update(claim=None)
    with running_as_task():
        assert delivery.send_batch([claimed]) == 0
    assert "sent after its lease ran out" in caplog.text


def _write_from_another_process(mailing_key: str) -> None:
    """What a second worker does meanwhile: commit a write to the same file."""
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, timeout=10)
    try:
        other.execute(
            "INSERT INTO notifications_mailing (key, task_path, args, created_at) "
            "VALUES (?, 'x', '[]', '2026-01-01')",
            [mailing_key],
        )
    finally:
        other.close()


@pytest.mark.django_db(transaction=True)
def test_reading_recipients_in_pages_lets_another_process_write_between_chunks():
    """A mailing reads recipients and writes rows in turns while another worker
    writes too. With an open cursor (`.iterator()`) SQLite's next write fails at
    once with "database is locked"; reading page by page never holds one."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's snapshot rule; PostgreSQL's readers never block writers.")
    for n in range(6):
        Mailing.objects.create(key=f"reader-{n}", task_path="x")
    rows = Mailing.objects.filter(key__startswith="reader-").values_list("pk", "key")
    expected = sorted(rows.values_list("pk", flat=True))

    def read_and_write(read, label):
        seen = []
        for pk, _key in read:
            seen.append(pk)
            if len(seen) == 1:
                _write_from_another_process(f"other-worker-{label}")
            with transaction.atomic():
                Mailing.objects.create(key=f"written-{label}-{pk}", task_path="x")
        return seen

    cursor = rows.iterator(chunk_size=2)
    with pytest.raises(OperationalError, match="locked"):
        read_and_write(cursor, "cursor")
    cursor.close()

    assert read_and_write(outbox.in_pages(rows, size=2), "pages") == expected
    assert Mailing.objects.filter(key__startswith="written-pages-").count() == 6
