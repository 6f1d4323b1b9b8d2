"""Periodic jobs, kept by the worker itself (no cron).

An app declares its jobs in its `jobs` module (found at start-up):

    from background.schedule import every, daily

    every(minutes=1, name="notifications.sweep_outbox", job=sweep_outbox)
    daily(at="03:30", name="councils.retention", job=apply_retention_task)
    weekly(on="monday", at="07:00", name="opportunities.digest", job=send_digest)

`job` is a background task that takes no arguments. Every worker started with
`manage.py run_worker` checks the schedule every few seconds; for each job
whose slot has come, the first worker to record the slot (`PeriodicRun`, one
row per job and slot) enqueues it, so a job starts once per slot however many
workers there are. A worker that was down when a daily slot came runs it when
it starts again that day. The jobs themselves are idempotent too, so that a
job enqueued by hand, or retried after a crash, does no harm.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from .work import enqueue

logger = logging.getLogger(__name__)

# How long the ledger of past runs is kept.
KEEP_RUNS = timedelta(days=30)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    job: object  # a background task taking no arguments
    interval: timedelta | None = None  # every N minutes...
    at: time | None = None  # ...or once a day at this UTC time...
    weekday: int | None = None  # ...on this day of the week only (0 = Monday)

    def slot(self, now: datetime) -> str | None:
        """The slot `now` falls in, or None before today's time of a daily job."""
        if self.interval is not None:
            step = int(self.interval.total_seconds())
            start = int(now.timestamp()) // step * step
            return datetime.fromtimestamp(start, tz=UTC).strftime("%Y-%m-%dT%H:%M")
        now = now.astimezone(UTC)
        if self.weekday is not None:
            if now.weekday() < self.weekday or (
                now.weekday() == self.weekday and now.time() < self.at
            ):
                return None
            year, week, _day = now.isocalendar()
            return f"{year}-W{week:02d}"
        if now.time() < self.at:
            return None
        return now.date().isoformat()


_jobs: dict[str, PeriodicJob] = {}


def every(*, minutes: int, name: str, job) -> None:
    """Run `job` every `minutes` minutes (slots aligned to the clock)."""
    if minutes < 1:
        raise ValueError("A periodic job runs at most once a minute.")
    _register(PeriodicJob(name=name, job=job, interval=timedelta(minutes=minutes)))


def daily(*, at: str, name: str, job) -> None:
    """Run `job` once a day, at `at` ("HH:MM", UTC) or as soon after as a
    worker is running."""
    _register(PeriodicJob(name=name, job=job, at=time.fromisoformat(at)))


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekly(*, on: str, at: str, name: str, job) -> None:
    """Run `job` once a week, on day `on` ("monday") at `at` (UTC), or later
    that week as soon as a worker is running."""
    _register(
        PeriodicJob(name=name, job=job, at=time.fromisoformat(at), weekday=WEEKDAYS.index(on))
    )


def _register(job: PeriodicJob) -> None:
    existing = _jobs.get(job.name)
    if existing is not None and existing != job:
        raise ValueError(f"Two periodic jobs are named {job.name!r}.")
    _jobs[job.name] = job


def jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue every job whose slot has come and that no worker has enqueued
    for that slot yet. Returns the names of the jobs this call enqueued."""
    from .models import PeriodicRun

    now = now or timezone.now()
    started = []
    for job in jobs():
        slot = job.slot(now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=job.name, slot=slot)
                # In the same transaction: recorded and enqueued together.
                enqueue(job.job)
        except IntegrityError:
            continue  # Another worker has it.
        started.append(job.name)
        logger.info("Enqueued periodic job %s for %s", job.name, slot)
    PeriodicRun.objects.filter(enqueued_at__lt=now - KEEP_RUNS).delete()
    return started
