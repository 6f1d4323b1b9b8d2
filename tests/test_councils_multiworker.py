"""Two ASGI server processes behind one Redis: a council message sent through
one reaches a member connected to the other.

Needs REDIS_URL (channels-redis is the channel layer only then). `make test`
runs it in its PostgreSQL + Redis suite, where a missing REDIS_URL is a
failure (REQUIRE_SERVICES=1, always the case under CI=true); the embedded
suite skips it. The servers use the test's
own database (PostgreSQL database or SQLite file) and the same cache and
channel prefixes, so they see the data and sessions this test creates.
"""

import asyncio
import json
import os
import uuid

import pytest
from asgiref.sync import async_to_sync

from councils.factories import CouncilFactory
from councils.services.memberships import add_member
from tests.service_processes import (
    TIMEOUT,
    end_other_database_sessions,
    free_port,
    session_cookie,
    start_server,
    stop,
    wait_until_listening,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _needs_redis():
    if not os.environ.get("REDIS_URL"):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("The services suite must run the multi-worker test.", pytrace=False)
        pytest.skip("Runs in the PostgreSQL + Redis suite (set REDIS_URL).")


async def _exchange(ports, cookies, council_id, quiet: float = 0.2) -> dict:
    """Connect one member to each worker, wait `quiet` seconds, send from the first;
    what the second receives."""
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
        await asyncio.sleep(quiet)
        await sender.send(
            json.dumps(
                {"type": "message.send", "body": "Across workers", "client_id": str(uuid.uuid4())}
            )
        )
        return json.loads(await asyncio.wait_for(receiver.recv(), TIMEOUT))


@pytest.fixture
def council_on_two_workers(user_factory):
    """A council of two members, two server processes; (ports, cookies, council)."""
    council = CouncilFactory()
    alice, bo = user_factory(), user_factory()
    add_member(council, alice)
    add_member(council, bo)
    cookies = (session_cookie(alice), session_cookie(bo))
    ports = (free_port(), free_port())
    processes = []
    try:
        for port in ports:
            processes.append(start_server(port))
        for port, process in zip(ports, processes, strict=True):
            wait_until_listening(port, process)
        yield ports, cookies, council
    finally:
        stop(processes)
        end_other_database_sessions()


def test_a_message_sent_through_one_worker_reaches_a_member_on_another(council_on_two_workers):
    ports, cookies, council = council_on_two_workers
    received = async_to_sync(_exchange)(ports, cookies, council.pk)
    assert received["type"] == "message.new"
    assert received["body"] == "Across workers"
    assert received["seq"] == 1


def test_sockets_on_a_quiet_worker_stay_open(council_on_two_workers):
    """channels-redis waits for a worker's next event for 5 seconds at a time;
    with redis-py's default 5-second read timeout, that wait failed on a quiet
    worker and closed its sockets. After 7 quiet seconds both members are
    still connected and the message arrives."""
    ports, cookies, council = council_on_two_workers
    received = async_to_sync(_exchange)(ports, cookies, council.pk, quiet=7)
    assert received["type"] == "message.new"
    assert received["body"] == "Across workers"
