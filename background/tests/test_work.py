"""Background tasks know they are tasks, and are enqueued with the
transaction when the queue shares it, after it otherwise."""

import pytest
from django.db import transaction
from django.test import override_settings
from django_tasks import default_task_backend

from background.work import background_task, enqueue, in_task

pytestmark = pytest.mark.django_db

SEEN: list[bool] = []


@background_task()
def note_whether_in_task() -> None:
    SEEN.append(in_task())


def test_code_knows_when_it_runs_as_a_task():
    SEEN.clear()
    assert in_task() is False
    enqueue(note_whether_in_task)
    note_whether_in_task.call()
    assert SEEN == [True, True]
    assert in_task() is False


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_a_queue_outside_the_database_is_told_only_after_commit(django_capture_on_commit_callbacks):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        enqueue(note_whether_in_task)
    assert default_task_backend.results == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert [result.task for result in default_task_backend.results] == [note_whether_in_task]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_queue_commits_or_rolls_back_with_the_data():
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        enqueue(note_whether_in_task)
        assert DBTaskResult.objects.count() == 1
        transaction.set_rollback(True)
    assert DBTaskResult.objects.count() == 0


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_wagtail_puts_its_own_background_work_on_the_same_queue(campaign):
    from django_tasks_db.models import DBTaskResult

    campaign.title = "Know the signs before you travel"
    campaign.save_revision().publish()
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert {
        "modelsearch.tasks.insert_or_update_object_task",
        "wagtail.tasks.update_reference_index_task",
    } <= queued
