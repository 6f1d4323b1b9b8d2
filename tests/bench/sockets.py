"""The WebSocket consumers measured, as pluggable entries.

The bare broadcast consumer (``tests.bench.consumers``) is always there: it is the
baseline. The council consumer follows the protocol of the councils workspace
(connect to ``COUNCIL_SOCKET_PATH``, send ``{"type": "message.send", "room": id,
"body": ..., "client_id": uuid}``, receive ``{"type": "message.new", "seq": n, ...}``)
and is reported as "not available yet" until its models, factories and route answer.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from tests.bench.seeding import NotAvailable, factory_for, find_model

# The one place to change if the councils route moves.
COUNCIL_SOCKET_PATH = "/ws/councils/{council_id}/"


@dataclass(frozen=True)
class Room:
    """Where the load generator connects and which room id its messages carry."""

    path: str
    room: str


@dataclass(frozen=True)
class SocketTarget:
    """A consumer to measure: its wire protocol and how to get a room with ``member`` in it."""

    name: str
    protocol: str  # "bare" or "council", as tests.bench.loadgen speaks them
    prepare: Callable[[object], Room]


def _bare_room(member) -> Room:
    return Room(path="/bench/ws/1/", room="1")


def _council_room(member) -> Room:
    """A council with ``member`` in it and one room, made with the councils factories."""
    council_model = find_model("councils.Council")
    council = factory_for(council_model).create()
    membership = find_model("councils.CouncilMembership", "councils.Membership")
    factory_for(membership).create(council=council, user=member)
    room_id = str(council.pk)
    with contextlib.suppress(NotAvailable):
        room_model = find_model("councils.Room", "councils.CouncilRoom", "councils.Channel")
        room_id = str(factory_for(room_model).create(council=council).pk)
    return Room(path=COUNCIL_SOCKET_PATH.format(council_id=council.pk), room=room_id)


BARE = SocketTarget("bare Channels broadcast", "bare", _bare_room)
COUNCIL = SocketTarget("council consumer", "council", _council_room)
TARGETS = [BARE, COUNCIL]


def probe(url: str, cookie: str) -> None:
    """Raise NotAvailable unless an authenticated socket to ``url`` is accepted."""
    from urllib.parse import urlsplit

    from websockets.exceptions import InvalidHandshake, InvalidStatus
    from websockets.sync.client import connect

    parts = urlsplit(url)
    try:
        with (
            connect(
                url,
                additional_headers={"Cookie": cookie, "Origin": f"http://{parts.netloc}"},
                open_timeout=10,
            ) as socket,
            contextlib.suppress(TimeoutError),
        ):
            socket.recv(timeout=0.3)
    except (InvalidStatus, InvalidHandshake, OSError) as error:
        raise NotAvailable(f"{parts.path} refused the socket ({error})") from None
    except Exception as error:
        if "close" in type(error).__name__.lower() or "closed" in str(error).lower():
            raise NotAvailable(f"{parts.path} closed the socket ({error})") from None
        raise
