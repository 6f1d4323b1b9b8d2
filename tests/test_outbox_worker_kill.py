"""A background worker killed in the middle of a mailing, and another started:
every pledger still gets the campaign update, and nobody gets it twice.

Real parts throughout: the update is published as an editor publishes it,
the mailing is queued and delivered by `manage.py run_worker` processes on
the test database (SQLite in the suite's first run, PostgreSQL in its
second), and handed to an SMTP server in this process that takes its time
over each message, so that the kill lands mid-batch. Runs wherever the suite
runs; nothing here is skipped.
"""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from campaigns.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CampaignUpdatePageFactory,
)
from campaigns.models import Pledge
from notifications.delivery import sweep_outbox
from notifications.models import Mailing, OutboxEmail
from tests.service_processes import (
    end_other_database_sessions,
    kill,
    output_of,
    start_worker,
    stop,
)
from tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db(transaction=True)

PLEDGERS = 300
# The kill comes once this many arrived: about a third, and in the middle of
# a delivery batch (notifications.delivery.BATCH is 50).
KILL_AT = 110
# Each message takes the server this long to accept: 300 of them take a few
# seconds, so the kill lands while a batch is being sent.
DELAY = 0.01
# A row held by the killed worker is taken again after this long.
LEASE_SECONDS = "2"
TIMEOUT = 120


def _wait(condition, what: str, workers) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        for worker in workers:
            if worker.poll() is not None:
                raise AssertionError(f"A worker died while {what}:\n{output_of(worker)}")
        if time.monotonic() > deadline:
            logs = "\n".join(output_of(worker) for worker in workers)
            raise AssertionError(f"Timed out while {what}.\n{logs}")
        time.sleep(0.01)


def test_a_worker_killed_mid_mailing_loses_and_doubles_nothing(
    settings, home, leader_a, record_property
):
    """Kill the worker once a third of the emails arrived, mid-batch; start
    another.

    SMTP has no idempotency key, so one moment is ambiguous: the server has
    taken a message and the worker dies before it records the row as sent.
    The row is then sent again once its lease runs out, with the same
    Message-ID (mail systems that keep one message per Message-ID show it
    once). A worker sends one message at a time, so at most one message is in
    flight at the kill: at most one recipient may receive two copies, both
    with the same Message-ID; everyone else receives exactly one. How often
    that happened is recorded as the test's `resent_in_flight` property.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=index, owner=leader_a)
    now = timezone.now()
    Pledge.objects.bulk_create(
        Pledge(
            campaign=campaign,
            email=f"pledger{number}@example.net",
            contact_consent=True,
            confirmed_at=now,
            language=("en", "th", "es")[number % 3],
        )
        for number in range(PLEDGERS)
    )
    pledgers = {f"pledger{number}@example.net" for number in range(PLEDGERS)}

    smtp = SMTPServer(delay=DELAY).start()
    worker_env = {
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
        "OUTBOX_LEASE_SECONDS": LEASE_SECONDS,
    }
    workers = []
    try:
        update = CampaignUpdatePageFactory(
            parent=campaign, owner=leader_a, live=False, title="Month one"
        )
        update.save_revision(user=leader_a).publish()
        workers.append(start_worker(worker_env))

        _wait(lambda: smtp.count() >= KILL_AT, "sending the first third", workers)
        kill(workers[0])
        at_kill = OutboxEmail.objects.filter(mailing__key=update.mailing_key())
        held = at_kill.filter(state=OutboxEmail.State.SENDING).count()
        assert held > 1, "The kill should land while the worker holds a batch."
        assert at_kill.exclude(state=OutboxEmail.State.SENT).count() > PLEDGERS // 2

        workers.append(start_worker(worker_env))
        mailing = Mailing.objects.get(key=update.mailing_key())
        emails = OutboxEmail.objects.filter(mailing=mailing)

        def all_sent() -> bool:
            # The periodic sweep, every few seconds instead of every minute:
            # it starts delivery of the rows the dead worker held, once their
            # lease has run out.
            if not all_sent.last or time.monotonic() - all_sent.last > 1.5:
                sweep_outbox.enqueue()
                all_sent.last = time.monotonic()
            return emails.filter(state=OutboxEmail.State.SENT).count() == PLEDGERS

        all_sent.last = 0.0
        _wait(all_sent, "sending the rest", workers[1:])
    finally:
        stop(workers)
        smtp.stop()
        end_other_database_sessions()

    assert emails.count() == PLEDGERS
    received = smtp.per_recipient()
    assert set(received) == pledgers
    ids = smtp.message_ids_per_recipient()
    row_ids = {
        f"<{message_id}@localhost>" for message_id in emails.values_list("message_id", flat=True)
    }
    assert all(len(found) == 1 for found in ids.values()), "One Message-ID per recipient"
    assert set().union(*ids.values()) == row_ids
    twice = {address: count for address, count in received.items() if count > 1}
    assert len(twice) <= 1 and set(twice.values()) <= {2}, twice
    record_property("resent_in_flight", len(twice))
    record_property("held_at_kill", held)
