"""Writing and enqueuing background tasks.

Every task of the project is declared with `background_task` (Django's
`@task`, plus a flag saying "this code runs as a task"), and enqueued with
`enqueue`, which knows whether the queue shares the database's transaction:

- The database backend (the default, `django_tasks_db`) stores the task in the
  same database as the data. Enqueuing inside a transaction is then atomic with
  it: a rolled-back request leaves no task behind, and a worker never sees a
  task before the rows it reads. So it is enqueued at once.
- Any other queue (Redis) is told only once the transaction has committed.
- The immediate backend (tests) runs the task at once, as a worker would.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

__all__ = ["background_task", "enqueue", "in_task", "running_as_task"]

_in_task: contextvars.ContextVar[bool] = contextvars.ContextVar("in_background_task", default=False)


def in_task() -> bool:
    """Is this code running as a background task (in a worker, or in the
    immediate backend that tests use)?"""
    return _in_task.get()


@contextmanager
def running_as_task():
    token = _in_task.set(True)
    try:
        yield
    finally:
        _in_task.reset(token)


def background_task(**options: Any) -> Callable:
    """`@background_task(queue_name=..., priority=...)`: Django's `@task`, with
    `in_task()` true while it runs."""

    def decorate(func: Callable):
        @functools.wraps(func)
        def run(*args, **kwargs):
            with running_as_task():
                return func(*args, **kwargs)

        return task(**options)(run)

    return decorate


def _shares_transaction(backend) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend, DatabaseBackend | ImmediateBackend)


def enqueue(background, *args: Any, **kwargs: Any) -> None:
    """Enqueue `background` (a task) with JSON-serialisable arguments, so that
    it runs only if the current transaction commits (see the module's doc)."""
    if _shares_transaction(background.get_backend()):
        background.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: background.enqueue(*args, **kwargs))
