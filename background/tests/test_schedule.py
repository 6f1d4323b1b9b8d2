"""The periodic schedule: slots, one run per job and slot however often (or
by however many workers) it is checked, and the jobs the project declares."""

from datetime import UTC, datetime, timedelta

import pytest

from background import schedule
from background.models import PeriodicRun
from background.work import background_task

pytestmark = pytest.mark.django_db

RUNS: list[str] = []


@background_task()
def record_run() -> None:
    RUNS.append("ran")


@pytest.fixture
def only_test_jobs(monkeypatch):
    """The schedule with only the jobs a test declares."""
    monkeypatch.setattr(schedule, "_jobs", {})
    RUNS.clear()
    yield
    RUNS.clear()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_slots_follow_the_clock():
    every_15 = schedule.PeriodicJob(name="a", job=record_run, interval=timedelta(minutes=15))
    assert every_15.slot(at("2026-12-03 10:14:59")) == "2026-12-03T10:00"
    assert every_15.slot(at("2026-12-03 10:15:00")) == "2026-12-03T10:15"

    nightly = schedule.PeriodicJob(name="b", job=record_run, at=datetime.min.time().replace(hour=3))
    assert nightly.slot(at("2026-12-03 02:59")) is None
    assert nightly.slot(at("2026-12-03 03:00")) == "2026-12-03"
    assert nightly.slot(at("2026-12-03 23:00")) == "2026-12-03"

    mondays = schedule.PeriodicJob(
        name="c", job=record_run, at=datetime.min.time().replace(hour=7), weekday=0
    )
    assert mondays.slot(at("2026-11-30 06:59")) is None  # a Monday, before 07:00
    assert mondays.slot(at("2026-11-30 07:00")) == "2026-W49"
    assert mondays.slot(at("2026-12-03 12:00")) == "2026-W49"  # later that week
    assert mondays.slot(at("2026-12-07 06:00")) is None  # the next Monday, too early


def test_a_slot_runs_once_however_often_it_is_checked(only_test_jobs):
    schedule.every(minutes=5, name="test.every_five", job=record_run)
    assert schedule.run_due(at("2026-12-03 10:00:10")) == ["test.every_five"]
    # Another check in the same slot (or another worker's) does nothing.
    assert schedule.run_due(at("2026-12-03 10:04:59")) == []
    assert RUNS == ["ran"]
    assert schedule.run_due(at("2026-12-03 10:05:00")) == ["test.every_five"]
    assert RUNS == ["ran", "ran"]
    assert PeriodicRun.objects.filter(job="test.every_five").count() == 2


def test_a_daily_job_missed_at_its_hour_runs_when_a_worker_starts_that_day(only_test_jobs):
    schedule.daily(at="03:00", name="test.nightly", job=record_run)
    assert schedule.run_due(at("2026-12-03 02:00")) == []
    assert schedule.run_due(at("2026-12-03 17:30")) == ["test.nightly"]
    assert schedule.run_due(at("2026-12-03 23:59")) == []
    assert RUNS == ["ran"]


def test_old_runs_are_forgotten(only_test_jobs):
    schedule.every(minutes=1, name="test.often", job=record_run)
    schedule.run_due(at("2026-10-01 10:00"))
    PeriodicRun.objects.update(enqueued_at=at("2026-10-01 10:00"))
    schedule.run_due(at("2026-12-03 10:00"))
    assert list(PeriodicRun.objects.values_list("slot", flat=True)) == ["2026-12-03T10:00"]


def test_two_jobs_cannot_share_a_name(only_test_jobs):
    schedule.every(minutes=1, name="test.same", job=record_run)
    schedule.every(minutes=1, name="test.same", job=record_run)  # the same declaration again
    with pytest.raises(ValueError, match=r"test\.same"):
        schedule.daily(at="01:00", name="test.same", job=record_run)
    with pytest.raises(ValueError, match="once a minute"):
        schedule.every(minutes=0, name="test.too_often", job=record_run)


def test_the_project_declares_its_periodic_jobs():
    assert {job.name for job in schedule.jobs()} >= {
        "notifications.sweep_outbox",
        "people.expire_consents",
        "councils.retention",
        "opportunities.overdue_payments",
        "opportunities.digest",
        "councils.close_decisions",
        "pathways.needs_checking",
    }
    for job in schedule.jobs():
        assert job.job.module_path.split(".")[0] in {
            "notifications",
            "people",
            "councils",
            "advocacy",
            "campaigns",
            "pathways",
        }


def test_the_worker_keeps_checking_after_a_failed_check(only_test_jobs, monkeypatch, caplog):
    import threading

    from background.management.commands.run_worker import keep_schedule

    stop = threading.Event()
    calls = []

    def failing_then_stopping():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database briefly away")
        stop.set()
        return []

    monkeypatch.setattr(schedule, "run_due", failing_then_stopping)
    keep_schedule(stop, every=0)
    assert len(calls) == 2
    assert "Could not check the periodic schedule" in caplog.text
