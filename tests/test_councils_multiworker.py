"""Two ASGI server processes behind one Redis: a council message sent through
one reaches a member connected to the other.

Needs REDIS_URL (channels-redis is the channel layer only then); skipped
without it, except under CI=true where it must run. The servers use the test's
own database (PostgreSQL database or SQLite file) and the same cache and
channel prefixes, so they see the data and sessions this test creates.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.db import connection
from django.test import Client

from councils import services
from councils.factories import CouncilFactory

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 20


@pytest.fixture(autouse=True)
def _needs_redis():
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true: the multi-worker test needs REDIS_URL.", pytrace=False)
        pytest.skip("Set REDIS_URL to run the multi-worker test.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    """Where the test database is, for the server processes."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_server(port: int) -> subprocess.Popen:
    run_id = settings.CACHES["default"]["KEY_PREFIX"].removeprefix("test-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "TEST_RUN_ID": run_id,
    }
    return subprocess.Popen(
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
        stderr=subprocess.PIPE,
    )


def _wait_until_listening(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode()[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"The server on port {port} did not start.")


def _end_other_database_sessions() -> None:
    """Sessions the servers left open would keep PostgreSQL from dropping the
    test database at the end of the run."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def _exchange(ports, cookies, council_id) -> dict:
    import websockets

    def url(port):
        return f"ws://127.0.0.1:{port}/ws/councils/{council_id}/"

    async with (
        websockets.connect(
            url(ports[0]),
            origin=f"http://127.0.0.1:{ports[0]}",
            additional_headers={"Cookie": cookies[0]},
            open_timeout=TIMEOUT,
        ) as sender,
        websockets.connect(
            url(ports[1]),
            origin=f"http://127.0.0.1:{ports[1]}",
            additional_headers={"Cookie": cookies[1]},
            open_timeout=TIMEOUT,
        ) as receiver,
    ):
        # Both are subscribed once connected; give Redis a moment to settle.
        await asyncio.sleep(0.2)
        await sender.send(
            json.dumps(
                {"type": "message.send", "body": "Across workers", "client_id": str(uuid.uuid4())}
            )
        )
        return json.loads(await asyncio.wait_for(receiver.recv(), TIMEOUT))


def test_a_message_sent_through_one_worker_reaches_a_member_on_another(user_factory):
    council = CouncilFactory()
    alice, bo = user_factory(), user_factory()
    services.add_member(council, alice)
    services.add_member(council, bo)
    cookies = (_cookie(alice), _cookie(bo))
    ports = (_free_port(), _free_port())
    processes = []
    try:
        for port in ports:
            processes.append(_start_server(port))
        for port, process in zip(ports, processes, strict=True):
            _wait_until_listening(port, process)
        received = async_to_sync(_exchange)(ports, cookies, council.pk)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        _end_other_database_sessions()
    assert received["type"] == "message.new"
    assert received["body"] == "Across workers"
    assert received["seq"] == 1
