"""Faults the council workspace must survive without losing or repeating a
message: Redis restarting mid-conversation, an ASGI worker killed, and the
database connection dropping during a send.

Each test starts its own redis-server (never a shared one) and its own uvicorn
workers on the test database. Members behave like the workspace script
(councils/static/councils/workspace.js): they remember the last seq they saw,
reconnect with `last_seen_seq` (the server backfills), resend what was not yet
echoed with the same client_id, and close on a gap to backfill. The assertion
every time: each member's messages equal the database's, in seq order, each
exactly once.

Runs wherever redis-server is installed; under CI=true it must run.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import time
import uuid

import pytest
import requests
from asgiref.sync import async_to_sync, sync_to_async
from django.db import connection
from django.urls import reverse

from councils import events, permissions
from councils.factories import CouncilFactory
from councils.models import Message, Room
from councils.services.memberships import add_member
from councils.services.rooms import room_of
from tests.service_processes import (
    REDIS_SERVER,
    TIMEOUT,
    end_other_database_sessions,
    free_port,
    kill,
    output_of,
    session_cookie,
    start_redis,
    start_server,
    stop,
    wait_until_listening,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _needs_redis_server():
    if not os.path.exists(REDIS_SERVER):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI=true: the fault tests need redis-server.", pytrace=False)
        pytest.skip("Install redis-server to run the fault tests.")


class Member:
    """One member's workspace tab, as workspace.js behaves."""

    def __init__(self, user, council_id: int, room_id: int):
        self.user = user
        self.cookie = session_cookie(user)
        self.council_id = council_id
        self.room_id = room_id
        self.last_seq = 0
        self.kept: list[tuple[int, int]] = []  # (seq, id) of each message shown
        self.pending: dict[str, dict] = {}  # client_id → frame, until echoed
        self.errors: list[dict] = []
        self.socket = None
        self.opened = 0
        self.resynced = False

    def url(self, port: int) -> str:
        return (
            f"ws://127.0.0.1:{port}/ws/councils/{self.council_id}/"
            f"?room={self.room_id}&last_seen_seq={self.last_seq}"
        )

    async def stay_connected(self, ports: list[int]) -> None:
        """Connect, and reconnect after every close, trying the next worker
        each time (as a load balancer would) until cancelled."""
        import websockets

        attempt = 0
        while not self.resynced:
            port = ports[attempt % len(ports)]
            attempt += 1
            try:
                async with websockets.connect(
                    self.url(port),
                    origin=f"http://127.0.0.1:{port}",
                    additional_headers={"Cookie": self.cookie},
                    open_timeout=5,
                    close_timeout=1,
                ) as socket:
                    self.socket = socket
                    self.opened += 1
                    # Anything sent while offline goes again; the client id keeps it single.
                    for frame in list(self.pending.values()):
                        await socket.send(json.dumps(frame))
                    async for text in socket:
                        if not await self.handle(json.loads(text)):
                            break
            except (OSError, TimeoutError, websockets.WebSocketException):
                pass
            finally:
                self.socket = None
            await asyncio.sleep(0.2)

    async def handle(self, payload: dict) -> bool:
        """Apply one event; False when the socket should close and reconnect."""
        kind = payload["type"]
        if kind == events.MESSAGE_NEW and payload["room"] == self.room_id:
            if payload["seq"] <= self.last_seq:
                # Already shown (the reply to a resend): the script ignores it.
                return True
            if payload["seq"] > self.last_seq + 1:
                return False  # A gap: reconnect and backfill.
            self.last_seq = payload["seq"]
            self.kept.append((payload["seq"], payload["id"]))
            for client_id, frame in list(self.pending.items()):
                if payload["author_member"] is not None and frame["body"] in payload["body"]:
                    del self.pending[client_id]
        elif kind == events.RESYNC:
            self.resynced = True
            return False
        elif kind == events.ERROR:
            # The script stops resending a message it was told failed.
            self.pending.pop(payload.get("client_id"), None)
            self.errors.append(payload)
        return True

    async def say(self, body: str, client_id: str | None = None) -> str:
        """Queue a message and send it now if connected (else on reconnect)."""
        frame = {
            "type": events.MESSAGE_SEND,
            "room": self.room_id,
            "body": body,
            "client_id": client_id or str(uuid.uuid4()),
        }
        self.pending[frame["client_id"]] = frame
        if self.socket is not None:
            with contextlib.suppress(Exception):
                await self.socket.send(json.dumps(frame))
        return frame["client_id"]


async def _until(condition, what: str, timeout: float = TIMEOUT) -> None:
    """Wait (bounded) until condition() is true."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"Timed out waiting for {what}.")
        await asyncio.sleep(0.1)


def _room_messages(room_id: int) -> list[tuple[int, int]]:
    return list(Message.objects.filter(room_id=room_id).order_by("seq").values_list("seq", "id"))


async def _everyone_caught_up(members, room_id: int) -> bool:
    expected = await sync_to_async(_room_messages)(room_id)
    return all(m.kept == expected and not m.pending for m in members)


async def _all_connected(members) -> bool:
    return all(m.socket is not None for m in members)


def _assert_exactly_once(members, room_id: int, count: int) -> None:
    expected = _room_messages(room_id)
    assert len(expected) == count
    assert [seq for seq, _ in expected] == list(range(1, count + 1))
    for member in members:
        assert member.kept == expected
        assert not member.resynced
        assert not member.errors


def _council_with_members(user_factory, count: int):
    council = CouncilFactory()
    users = [user_factory() for _ in range(count)]
    for user in users:
        add_member(council, user)
    room = room_of(permissions.active_membership(users[0], council.pk), None)
    return council, room, users


def _post_over_http(port: int, member: Member, council, body: str) -> int:
    """Send through the no-script form (GET the page for its CSRF token, then
    POST), as a member without a live socket would."""
    session = requests.Session()
    name, value = member.cookie.split("=", 1)
    session.cookies.set(name, value)
    base = f"http://127.0.0.1:{port}"
    page = session.get(base + reverse("councils:room", args=[council.slug]), timeout=10)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        base + reverse("councils:post", args=[council.slug, member.room_id]),
        data={"body": body, "client_id": str(uuid.uuid4()), "csrfmiddlewaretoken": token},
        headers={"Referer": base + "/", "Origin": base},
        allow_redirects=False,
        timeout=10,
    )
    return response.status_code


class Cluster:
    """A private redis-server and two uvicorn workers using it."""

    def __init__(self, workers: int = 2):
        self.redis_port = free_port()
        self.ports = [free_port() for _ in range(workers)]
        self.redis = None
        self.workers = []

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def start(self):
        self.redis = start_redis(self.redis_port)
        wait_until_listening(self.redis_port, self.redis)
        self.workers = [start_server(port, redis_url=self.redis_url) for port in self.ports]
        for port, process in zip(self.ports, self.workers, strict=True):
            wait_until_listening(port, process)
        return self

    def restart_redis(self):
        self.redis = start_redis(self.redis_port)
        wait_until_listening(self.redis_port, self.redis)

    def stop(self):
        stop([p for p in [*self.workers, self.redis] if p is not None])
        end_other_database_sessions()


@pytest.fixture
def cluster():
    running = Cluster()
    try:
        yield running.start()
    finally:
        running.stop()


async def _run_members(members, ports, scenario):
    """Keep every member connected while `scenario()` runs; then stop them."""
    tasks = [
        asyncio.create_task(m.stay_connected(ports[i % len(ports) :] + ports[: i % len(ports)]))
        for i, m in enumerate(members)
    ]
    try:
        await scenario()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def test_redis_restarting_mid_conversation_loses_and_repeats_nothing(cluster, user_factory):
    council, room, users = _council_with_members(user_factory, 3)
    members = [Member(user, council.pk, room.pk) for user in users]
    alice, bo, chen = members

    async def scenario():
        await _until(lambda: _all_connected(members), "everyone to connect")
        await asyncio.sleep(0.3)
        for n in range(3):
            await alice.say(f"Alice before {n}")
            await bo.say(f"Bo before {n}")
        await _until(lambda: _everyone_caught_up(members, room.pk), "the first messages")

        kill(cluster.redis)
        # The database is the source of truth: a send while Redis is down is
        # saved, and the sender is not shown a server error.
        for n in range(2):
            status = await sync_to_async(_post_over_http)(
                cluster.ports[n % 2], chen, council, f"Chen while down {n}"
            )
            assert status == 302
        await alice.say("Alice while down")

        cluster.restart_redis()
        for n in range(2):
            await bo.say(f"Bo after {n}")
        await _until(lambda: _everyone_caught_up(members, room.pk), "everyone to catch up")

    async_to_sync(_run_members)(members, cluster.ports, scenario)
    _assert_exactly_once(members, room.pk, 11)
    assert all(m.opened >= 2 for m in members)


def test_a_worker_killed_mid_session_loses_nothing(cluster, user_factory):
    council, room, users = _council_with_members(user_factory, 4)
    members = [Member(user, council.pk, room.pk) for user in users]

    async def scenario():
        await _until(lambda: _all_connected(members), "everyone to connect")
        await asyncio.sleep(0.3)
        for n, member in enumerate(members):
            await member.say(f"Hello {n}")
        await _until(lambda: _everyone_caught_up(members, room.pk), "the first messages")

        kill(cluster.workers[0])
        # Members of the dead worker reconnect to the other one; the rest keep
        # talking meanwhile, and what the moved members send is not lost.
        for n, member in enumerate(members):
            await member.say(f"After the crash {n}")
        await _until(lambda: _everyone_caught_up(members, room.pk), "everyone to catch up")

    async_to_sync(_run_members)(members, cluster.ports, scenario)
    _assert_exactly_once(members, room.pk, 8)
    # The first two members started on the killed worker and had to move.
    assert all(m.opened >= 2 for m in members[::2])


def _lock_room_and_end_the_blocked_session(room_id: int, started: asyncio.Event, loop):
    """Hold the room's row lock so the worker's send blocks inside its
    transaction, then end that worker's database session mid-send."""
    import time

    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("BEGIN")
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(
                f"SELECT id FROM {Room._meta.db_table} WHERE id = %s FOR UPDATE",  # noqa: S608
                [room_id],
            )
            loop.call_soon_threadsafe(started.set)
            deadline = time.monotonic() + TIMEOUT
            ended = 0
            while not ended and time.monotonic() < deadline:
                time.sleep(0.05)
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND wait_event_type = 'Lock'"
                )
                ended = len(cursor.fetchall())
            cursor.execute("ROLLBACK")
    finally:
        connections["default"].close()
    assert ended, "The send never blocked on the room's lock."


def test_a_dropped_database_connection_during_a_send_can_be_retried_once(cluster, user_factory):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite has no server connection to drop.")
    council, room, users = _council_with_members(user_factory, 1)
    sender = Member(users[0], council.pk, room.pk)
    client_id = str(uuid.uuid4())

    async def scenario():
        await _until(lambda: _all_connected([sender]), "the sender to connect")
        await sender.say("Before the drop")
        await _until(lambda: _everyone_caught_up([sender], room.pk), "the first message")

        started = asyncio.Event()
        loop = asyncio.get_running_loop()
        dropping = asyncio.ensure_future(
            sync_to_async(_lock_room_and_end_the_blocked_session, thread_sensitive=False)(
                room.pk, started, loop
            )
        )
        await started.wait()
        opened_before = sender.opened
        await sender.say("During the drop", client_id=client_id)
        await asyncio.wait_for(dropping, TIMEOUT)

        async def told():
            return any(e.get("client_id") == client_id for e in sender.errors)

        await _until(told, "an error event for the dropped send")
        error = next(e for e in sender.errors if e.get("client_id") == client_id)
        assert error["code"] == events.ERROR_UNAVAILABLE
        assert sender.opened == opened_before, "The socket closed instead of saying so."
        sender.errors.clear()
        # Told it failed, the person sends again; twice, to show a retry that
        # races an earlier one still saves the message once.
        await sender.say("During the drop", client_id=client_id)
        await sender.say("During the drop", client_id=client_id)
        await _until(lambda: _everyone_caught_up([sender], room.pk), "the retried message")

    async_to_sync(_run_members)([sender], cluster.ports, scenario)
    _assert_exactly_once([sender], room.pk, 2)
    assert Message.objects.filter(client_id=client_id).count() == 1
    assert Room.objects.get(pk=room.pk).last_seq == 2


async def _handshake(member: Member, port: int) -> tuple[list[dict], int | None]:
    """One connection as the workspace script makes it: the events received
    until the server closed it (or a second passed), and the close code (None
    while still open). A handshake the server refuses with an HTTP status
    raises websockets' InvalidStatus."""
    import websockets

    frames = []
    async with websockets.connect(
        member.url(port),
        origin=f"http://127.0.0.1:{port}",
        additional_headers={"Cookie": member.cookie},
        open_timeout=10,
        close_timeout=2,
    ) as socket:
        try:
            while True:
                frames.append(json.loads(await asyncio.wait_for(socket.recv(), 1)))
        except TimeoutError:
            return frames, None
        except websockets.ConnectionClosed:
            return frames, socket.close_code


def test_handshakes_while_redis_is_down_are_refused_for_now_and_logged_once(user_factory):
    from core.realtime import CLOSE_CODE_UNAVAILABLE

    council, room, users = _council_with_members(user_factory, 1)
    member = Member(users[0], council.pk, room.pk)
    running = Cluster(workers=1)
    try:
        running.start()
        port = running.ports[0]
        frames, code = async_to_sync(_handshake)(member, port)
        assert code is None, frames

        kill(running.redis)
        refusals = []
        for _attempt in range(20):
            refusals.append(async_to_sync(_handshake)(member, port))
        for frames, code in refusals:
            assert code == CLOSE_CODE_UNAVAILABLE, (frames, code)
            assert [f["type"] for f in frames] == [events.UNAVAILABLE]
            assert events.check_server_payload(frames[0]) == []
            assert frames[0]["retry_after"] >= 2

        running.restart_redis()
        # As the workspace script does: a refused socket waits the server's
        # retry_after and tries again. The first try after the restart may
        # still meet the worker's pooled connection to the old Redis.
        for _attempt in range(3):
            frames, code = async_to_sync(_handshake)(member, port)
            if code is None:
                break
            assert code == CLOSE_CODE_UNAVAILABLE, (frames, code)
            time.sleep(frames[0]["retry_after"])
        assert code is None, frames
        log = output_of(running.workers[0], limit=100_000)
    finally:
        running.stop()
    # One line when the outage started, one when it ended; no tracebacks.
    assert log.count("The channel layer (Redis) is unreachable") == 1, log
    assert log.count("The channel layer (Redis) answers again") == 1, log
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log
