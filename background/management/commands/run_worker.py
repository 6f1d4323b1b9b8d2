"""A background worker: runs queued tasks, and keeps the periodic schedule.

    python manage.py run_worker            # one worker
    python manage.py run_worker --no-schedule

Start one per machine (or more: each takes tasks one at a time, and the
schedule is kept once whatever the number). It wraps django-tasks-db's
`db_worker`; its other options pass through (`--queue-name`, `--interval`).
"""

from __future__ import annotations

import logging
import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from background import schedule

logger = logging.getLogger("background")

# How often the schedule is checked, in seconds.
SCHEDULE_EVERY = 15.0


class Command(BaseCommand):
    help = "Run background tasks and keep the periodic schedule."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="Only run tasks; another worker keeps the schedule.",
        )
        parser.add_argument("--queue-name", default="*", help="Queues to run (default: all).")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls.")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit.")

    def handle(self, *args, no_schedule, queue_name, interval, max_tasks, batch, **options):
        if not no_schedule:
            stop = threading.Event()
            threading.Thread(
                target=keep_schedule, args=(stop,), name="schedule", daemon=True
            ).start()
        worker_options = {
            "queue_name": queue_name,
            "interval": interval,
            "batch": batch,
            # Reloading would fork a second process that keeps no schedule.
            "reload": False,
            "verbosity": options["verbosity"],
        }
        if max_tasks is not None:
            worker_options["max_tasks"] = max_tasks
        call_command("db_worker", **worker_options)


def keep_schedule(stop: threading.Event, every: float = SCHEDULE_EVERY) -> None:
    """Check the schedule until `stop` is set; a failing check is logged and
    tried again at the next turn."""
    while not stop.is_set():
        try:
            schedule.run_due()
        except Exception:
            logger.exception("Could not check the periodic schedule; trying again.")
        finally:
            close_old_connections()
            connection.close()
        stop.wait(every)
