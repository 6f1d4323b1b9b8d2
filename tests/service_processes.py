"""Real server processes for tests that cross process boundaries: ASGI
workers (uvicorn) and background workers (`run_worker`) on the test's own
database, and a private `redis-server`.

Every wait here is bounded; `stop()` always ends what was started.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# Workers started by one test process share key and channel prefixes, even
# when the test process itself has no Redis (its SQLite run).
_RUN_ID = uuid.uuid4().hex[:12]


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """Where the test database is, for the server processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_server(port: int, redis_url: str | None = None) -> subprocess.Popen:
    """One uvicorn worker serving the project on `port`, against the test
    database and (by default) the test's own Redis and key prefixes."""
    run_id = settings.CACHES["default"].get("KEY_PREFIX", "").removeprefix("test-")
    env = {
        # Not a pytest-xdist worker itself: its TEST_RUN_ID already names the worker.
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "TEST_RUN_ID": run_id or _RUN_ID,
        # As in production: the worker's sockets share one open connection.
        "SOCKET_DB_CONNECTION_MAX_AGE": "300",
    }
    if redis_url is not None:
        env["REDIS_URL"] = redis_url
    log = _output_file()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--lifespan",
            "off",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    process.log = log
    return process


def start_worker(extra_env: dict[str, str] | None = None) -> subprocess.Popen:
    """One background worker (`manage.py run_worker --no-schedule`) running
    the tasks queued in the test database (tests/worker_settings.py), with
    `extra_env` on top (EMAIL_HOST, EMAIL_PORT, OUTBOX_LEASE_SECONDS...)."""
    run_id = settings.CACHES["default"].get("KEY_PREFIX", "").removeprefix("test-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
        "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
        "DATABASE_URL": database_url(),
        "TEST_RUN_ID": run_id or _RUN_ID,
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    log = _output_file()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--no-schedule", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.log = log
    return process


def start_redis(port: int) -> subprocess.Popen:
    """A private, memory-only redis-server on `port` (never the shared one)."""
    log = _output_file()
    process = subprocess.Popen(
        [
            REDIS_SERVER,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    process.log = log
    return process


def _output_file():
    """Where a process started here writes its errors: an unnamed temporary
    file, never a pipe. Nothing reads a pipe while a test runs, and once its
    64 KiB buffer is full, the process's next log line blocks it; a worker
    logging the errors of a fault under test would stop answering."""
    return tempfile.TemporaryFile()


def output_of(process: subprocess.Popen, limit: int = 2000) -> str:
    """The end of what `process` wrote to its standard error."""
    log = getattr(process, "log", None)
    if log is None:
        return ""
    log.seek(0)
    return log.read().decode(errors="replace")[-limit:]


def wait_until_listening(port: int, process: subprocess.Popen) -> None:
    """Return once `port` accepts connections; raise if `process` died or
    TIMEOUT passed."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(output_of(process))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"Nothing listened on port {port} in time.")


def kill(process: subprocess.Popen) -> None:
    """SIGKILL, as a crash would: no chance to close sockets politely."""
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)


def stop(processes) -> None:
    """End every process started here: politely, then by force."""
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def end_other_database_sessions() -> None:
    """Close every other session on the test database (PostgreSQL only):
    ones the servers left would keep the test database from being dropped,
    and ending them on purpose is how a test drops a worker's connection."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def session_cookie(user) -> str:
    """A Cookie header value signing `user` in (database-backed session)."""
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
