"""The outbox: publishing a campaign update to 10,000 opted-in pledgers.

Two figures. First, the editor's side: publishing an update through Wagtail's
own path (a revision saved and published; the signal plans the mailing) for a
campaign with 10,000 confirmed, opted-in pledgers, against the same for a
campaign with none, alternated in one process. The issue's target is a ratio
of at most 1.5: the publish must not grow with the audience.

Second, the delivery: real `manage.py run_worker` processes (the database
queue) send the mailing to an SMTP sink in this process (tests/smtp_server.py,
aiosmtpd on the loopback interface). Measured from the publish until the last
email is handed to the SMTP server, by one worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.report import Section, Table, Target, fmt, median, ratio

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.5
DELIVERY_TIMEOUT = 300.0


def _setup(pledgers: int):
    """An editor who may publish, and two campaigns under the site's root: one with `pledgers`
    confirmed, opted-in pledgers (in three languages), one with none."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Site

    from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
    from campaigns.models import Pledge

    run = os.urandom(3).hex()
    lead = get_user_model().objects.create_superuser(
        email=f"bench-outbox-{run}@example.org", password=None
    )
    root = Site.objects.get(is_default_site=True).root_page
    index = CampaignIndexPageFactory(parent=root, slug=f"bench-outbox-{run}")
    full = CampaignPageFactory(parent=index, owner=lead, slug=f"full-{run}")
    empty = CampaignPageFactory(parent=index, owner=lead, slug=f"empty-{run}")
    now = timezone.now()
    Pledge.objects.bulk_create(
        (
            Pledge(
                campaign=full,
                email=f"pledger-{run}-{n}@example.net",
                contact_consent=True,
                confirmed_at=now,
                language=("en", "th", "es")[n % 3],
            )
            for n in range(pledgers)
        ),
        batch_size=1000,
    )
    return lead, index, full, empty


def _publish(campaign, lead) -> tuple[float, object]:
    """Publish a new update of `campaign` as the admin does; its seconds."""
    from campaigns.factories import CampaignUpdatePageFactory

    update = CampaignUpdatePageFactory(parent=campaign, owner=lead, live=False)
    start = time.perf_counter()
    update.save_revision(user=lead).publish(user=lead)
    return time.perf_counter() - start, update


def _forget_mailings(updates) -> None:
    """Drop the mailings the timing runs planned: no worker is to send them."""
    from django_tasks_db.models import DBTaskResult

    from campaigns.updates import queue_update_emails
    from notifications.models import Mailing

    DBTaskResult.objects.filter(task_path=queue_update_emails.module_path).delete()
    Mailing.objects.filter(key__in=[update.mailing_key() for update in updates]).delete()


def _worker_log(ctx) -> Path:
    return ctx.tmpdir / "outbox-workers.log"


def _exited(ctx, workers, what: str) -> RuntimeError:
    tail = _worker_log(ctx).read_text(encoding="utf-8", errors="replace")[-3000:]
    codes = [worker.poll() for worker in workers]
    return RuntimeError(f"A bench worker exited while {what} (exit codes {codes}):\n{tail}")


def _start_workers(ctx, count: int, smtp) -> list[subprocess.Popen]:
    env = {
        **ctx.env,
        "EMAIL_HOST": smtp.host,
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_USE_TLS": "false",
    }
    log = _worker_log(ctx).open("ab")
    return [
        subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--no-schedule", "--interval", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(count)
    ]


def _wait_ready(ctx, workers, timeout: float = 180.0) -> None:
    """Return once the workers have each run a task (an outbox sweep that
    finds nothing), so that their start-up is not timed."""
    from django_tasks import TaskResultStatus

    from notifications.delivery import sweep_outbox

    results = [sweep_outbox.enqueue() for _ in workers]
    deadline = time.monotonic() + timeout
    for result in results:
        while True:
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                break
            if any(worker.poll() is not None for worker in workers):
                raise _exited(ctx, workers, "starting")
            if time.monotonic() > deadline:
                raise TimeoutError("The bench workers did not start in time.")
            time.sleep(0.05)


def _stop(workers) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)


def _deliver(ctx, campaign, lead, pledgers: int, workers_count: int) -> dict:
    """Publish one update with `workers_count` workers running; time until the
    SMTP sink has the last of its emails."""
    from notifications.models import OutboxEmail
    from tests.smtp_server import SMTPServer

    smtp = SMTPServer().start()
    workers = _start_workers(ctx, workers_count, smtp)
    try:
        _wait_ready(ctx, workers)
        start = time.monotonic()
        publish_seconds, update = _publish(campaign, lead)
        deadline = start + DELIVERY_TIMEOUT
        while smtp.count() < pledgers:
            if any(worker.poll() is not None for worker in workers):
                raise _exited(ctx, workers, "delivering")
            if time.monotonic() > deadline:
                raise TimeoutError(f"Only {smtp.count()} of {pledgers} emails arrived.")
            time.sleep(0.02)
        last = smtp.last_at - start
        emails = OutboxEmail.objects.filter(mailing__key=update.mailing_key())
        deadline = time.monotonic() + 30
        while emails.filter(state=OutboxEmail.State.SENT).count() < pledgers:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        per_recipient = smtp.per_recipient()
        return {
            "publish": publish_seconds,
            "last": last,
            "rate": pledgers / last,
            "sent": emails.filter(state=OutboxEmail.State.SENT).count(),
            "received": smtp.count(),
            "recipients": len(per_recipient),
            "twice": sum(1 for count in per_recipient.values() if count > 1),
        }
    finally:
        _stop(workers)
        smtp.stop()


def _clean_up(index) -> None:
    """Remove what this section made: other sections count campaigns and
    pledges to decide what to seed."""
    from notifications.models import Mailing, OutboxEmail

    OutboxEmail.objects.all().delete()
    Mailing.objects.all().delete()
    index.specific.delete()


def run(ctx) -> Section:
    pledgers = 200 if ctx.quick else 10_000
    repeats = 1 if ctx.quick else 5
    # One worker (the embedded default) and two; BENCH_OUTBOX_WORKERS=1,2,4 to
    # try others. On SQLite the second worker waits for the single writer.
    worker_counts = [1, 2]
    if os.environ.get("BENCH_OUTBOX_WORKERS"):
        worker_counts = [int(n) for n in os.environ["BENCH_OUTBOX_WORKERS"].split(",")]
    lead, index, full, empty = _setup(pledgers)
    notes = []
    try:
        # One of each first, not counted: the first publish loads templates
        # and warms the page tree's caches.
        timed = [_publish(empty, lead)[1], _publish(full, lead)[1]]
        without, with_pledgers = [], []
        for _ in range(repeats):
            seconds, update = _publish(empty, lead)
            without.append(seconds)
            timed.append(update)
            seconds, update = _publish(full, lead)
            with_pledgers.append(seconds)
            timed.append(update)
        _forget_mailings(timed)
        baseline, measured = median(without), median(with_pledgers)
        publish_ratio = ratio(measured, baseline)
        publish_table = Table(
            f"Publishing an update (median of {repeats}, alternated)",
            ["Campaign", "Publish (ms)", "÷ no pledgers"],
            [
                ["no pledgers (baseline)", fmt(baseline * 1000, 1), "1.0x"],
                [
                    f"{pledgers:,} opted-in pledgers",
                    fmt(measured * 1000, 1),
                    fmt(publish_ratio, 2) + "x",
                ],
            ],
        )
        delivery_table = Table(
            f"Delivering the update to {pledgers:,} pledgers",
            [
                "Workers",
                "Publish (ms)",
                "Until the last email is handed to SMTP (s)",
                "Emails/s",
                "Rows sent",
                "Recipients with two copies",
            ],
        )
        for count in worker_counts:
            result = _deliver(ctx, full, lead, pledgers, count)
            delivery_table.rows.append(
                [
                    str(count),
                    fmt(result["publish"] * 1000, 1),
                    fmt(result["last"], 1),
                    fmt(result["rate"], 0),
                    f"{result['sent']:,}",
                    str(result["twice"]),
                ]
            )
            if result["recipients"] != pledgers or result["received"] != pledgers:
                notes.append(
                    f"{count} worker(s): {result['received']:,} messages to "
                    f"{result['recipients']:,} recipients, expected {pledgers:,} each."
                )
    finally:
        _clean_up(index)
    return Section(
        key="outbox",
        title="Outbox: a campaign update to its pledgers",
        method=(
            f"Publishing: a new update is saved as a revision and published (Wagtail's "
            f"`revision.publish()`, what the admin's publish button runs, with the signal "
            f"that plans the mailing), for a campaign with {pledgers:,} confirmed, opted-in "
            "pledgers and for one with none, alternated in one process; the median of "
            f"{repeats} each after one unmeasured publish of each. Delivery: the given "
            "number of `manage.py run_worker --no-schedule` processes (database queue) "
            "are started and have each run a task; then one update is published and the "
            "time runs from the publish until the SMTP sink (aiosmtpd, in the bench "
            "process, on the loopback interface, sharing the machine's cores with the "
            "workers) has received the last email. Emails are written in each pledger's "
            "language at send time (English, Thai, Spanish)."
        ),
        tables=[publish_table, delivery_table],
        targets=[
            Target(
                f"Publishing an update to {pledgers:,} pledgers ÷ with none ≤ {TARGET_RATIO}x",
                publish_ratio,
                None if publish_ratio is None else publish_ratio <= TARGET_RATIO,
            )
        ],
        notes=notes or ["Every pledger received exactly one email in each delivery run."],
    )
