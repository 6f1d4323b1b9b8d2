"""The embedded SQLite database's log is checkpointed by a thread of the server
process, not inside a commit that someone is waiting for."""

import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection
from django.test import override_settings

from core.sqlite_wal import Checkpointer, start_checkpointer
from tests.deploy_check import ROOT


def _wal_database(path) -> sqlite3.Connection:
    """A writer as Django's connections are set up, with 100 pages of rows
    still in its log."""
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # Nothing is copied back inline.
    writer.execute("CREATE TABLE note (body TEXT)")
    writer.executemany("INSERT INTO note VALUES (?)", [("x" * 4000,)] * 100)
    return writer


def _wait_for(condition, timeout=5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_the_log_is_copied_back_into_the_database_by_the_thread(tmp_path):
    path = tmp_path / "site.sqlite3"
    writer = _wal_database(path)
    before = path.stat().st_size
    checkpointer = Checkpointer(str(path), 0.05).start()
    try:
        # The rows reach the database file itself, without anyone committing.
        assert _wait_for(lambda: path.stat().st_size > before + 300_000)
        # Counted once the checkpoint returns, a moment after the file grew.
        assert _wait_for(lambda: checkpointer.checkpoints >= 1)
        # Writers are not held up meanwhile.
        writer.execute("INSERT INTO note VALUES ('later')")
    finally:
        checkpointer.stop()
        writer.close()
    assert not checkpointer.thread.is_alive()


def test_a_file_it_cannot_open_is_logged_and_tried_again(tmp_path, caplog):
    checkpointer = Checkpointer(str(tmp_path / "missing" / "site.sqlite3"), 0.02).start()
    try:
        assert _wait_for(lambda: len(caplog.records) >= 2)
    finally:
        checkpointer.stop()
    assert "Could not checkpoint" in caplog.records[0].getMessage()
    assert checkpointer.checkpoints == 0
    assert not checkpointer.thread.is_alive()


@pytest.mark.django_db
def test_django_connections_checkpoint_inline_only_when_the_log_is_long():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL has its own log.")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == 10_000


@pytest.mark.django_db
def test_started_for_an_sqlite_file_only():
    with override_settings(SQLITE_CHECKPOINT_INTERVAL=0):
        assert start_checkpointer() is None
    with override_settings(SQLITE_CHECKPOINT_INTERVAL=0.05):
        checkpointer = start_checkpointer()
        try:
            if connection.vendor != "sqlite" or connection.is_in_memory_db():
                assert checkpointer is None
            else:
                assert checkpointer.path == str(connection.settings_dict["NAME"])
                assert checkpointer.thread.is_alive()
        finally:
            if checkpointer is not None:
                checkpointer.stop()


@pytest.mark.parametrize(
    ("database_url", "started"),
    [("sqlite:///{tmp}/site.sqlite3", "True"), ("postgres://postgres@127.0.0.1/none", "False")],
)
def test_the_asgi_worker_starts_one_on_sqlite(tmp_path, database_url, started):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE")},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url.format(tmp=tmp_path),
    }
    code = "import config.asgi as a; print(a.sqlite_checkpointer is not None)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == started
