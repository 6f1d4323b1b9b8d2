"""SQLite's write-ahead log, checkpointed by a thread of the server process
instead of inside a commit (the embedded default only; PostgreSQL has its own).

In WAL mode a commit appends to the log without syncing the disk
(synchronous=NORMAL); the disk is synced when the log is copied back into the
database, a checkpoint. By default SQLite runs one inside whichever commit
takes the log past 1,000 pages, so about one council message in a hundred
waited for the disk: 3 ms more than the others, measured on this project's
machines, and at 10 messages/s that one message is the p99 of the whole room.

Here each server process checkpoints every SQLITE_CHECKPOINT_INTERVAL seconds
on a connection of its own, PASSIVE (it never waits for a reader or a writer,
and copies only what no reader still needs). Python's sqlite3 releases the GIL
while SQLite works, so the event loop goes on meanwhile. Connections made by
Django checkpoint inline only past 10,000 pages (SQLITE_INIT_COMMAND), which
bounds the log in processes that run no checkpointer (management commands,
tests) or when it falls behind.
"""

from __future__ import annotations

import logging
import sqlite3
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)


class Checkpointer:
    """A daemon thread checkpointing one SQLite file's log; stop() ends it."""

    def __init__(self, path: str, interval: float):
        self.path = path
        self.interval = interval
        self.checkpoints = 0
        self._stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> Checkpointer:
        self.thread.start()
        return self

    def stop(self, timeout: float = 5) -> None:
        self._stopping.set()
        self.thread.join(timeout)

    def _run(self) -> None:
        connection = None
        while not self._stopping.wait(self.interval):
            try:
                if connection is None:
                    # autocommit: a checkpoint cannot run inside a transaction.
                    connection = sqlite3.connect(self.path, timeout=1, isolation_level=None)
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                self.checkpoints += 1
            except sqlite3.Error:
                # The next turn tries again on a new connection; until then
                # commits checkpoint inline (SQLITE_INIT_COMMAND).
                logger.exception("Could not checkpoint the SQLite log of %s.", self.path)
                if connection is not None:
                    connection.close()
                connection = None
        if connection is not None:
            connection.close()


def start_checkpointer(alias: str = "default") -> Checkpointer | None:
    """A running Checkpointer for the database `alias` when it is an SQLite
    file and SQLITE_CHECKPOINT_INTERVAL is above 0; else None."""
    interval = settings.SQLITE_CHECKPOINT_INTERVAL
    connection = connections[alias]
    if interval <= 0 or connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return Checkpointer(str(connection.settings_dict["NAME"]), interval).start()
