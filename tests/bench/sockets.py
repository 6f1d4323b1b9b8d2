"""The WebSocket consumers measured, as pluggable entries.

The bare broadcast consumer (``tests.bench.consumers``) is always there: it is the
baseline. The council consumer is the real one of the councils workspace
(``councils.consumers.CouncilConsumer``): its members connect to
``/ws/councils/<council_id>/?room=<room_id>``, send ``{"type": "message.send", "room": id,
"body": ..., "client_id": uuid}`` and receive ``{"type": "message.new", "seq": n, ...}``.
Every council member is a distinct account with its own real session cookie.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tests.bench.seeding import session_cookie

# The one place to change if the councils route moves.
COUNCIL_SOCKET_PATH = "/ws/councils/{council_id}/?room={room_id}"


@dataclass(frozen=True)
class Room:
    """Where the load generator connects, which room id its messages carry, and the
    session cookies of the members (member ``i`` uses ``cookies[i % len(cookies)]``)."""

    path: str
    room: str
    cookies: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SocketTarget:
    """A consumer to measure: its wire protocol and how to get a room of ``members``
    accounts (``member`` first)."""

    name: str
    protocol: str  # "bare" or "council", as tests.bench.loadgen speaks them
    prepare: Callable[[object, int], Room]


def _bare_room(member, members: int) -> Room:
    """The bare consumer checks only that a socket is signed in: one account will do."""
    return Room(path="/bench/ws/1/", room="1", cookies=[session_cookie(member)])


def _council_room(member, members: int) -> Room:
    """A council of ``members`` distinct accounts (``member`` first) and its general room,
    made with the councils services, each member with a real session cookie."""
    from councils.models import Room as CouncilRoom
    from councils.services.councils import create_council
    from councils.services.memberships import add_member
    from people.factories import UserFactory

    council = create_council(
        name=f"Bench council {members}", purpose="Measuring the workspace socket."
    )
    users = [member, *UserFactory.create_batch(max(0, members - 1))]
    for user in users:
        add_member(council, user)
    room = CouncilRoom.objects.get(council=council, kind=CouncilRoom.Kind.GENERAL)
    return Room(
        path=COUNCIL_SOCKET_PATH.format(council_id=council.pk, room_id=room.pk),
        room=str(room.pk),
        cookies=[session_cookie(user) for user in users],
    )


BARE = SocketTarget("bare Channels broadcast", "bare", _bare_room)
COUNCIL = SocketTarget("council consumer", "council", _council_room)
TARGETS = [BARE, COUNCIL]


def write_cookies(room: Room, path) -> str:
    """Write the room's cookies one a line for the load generator; returns the path."""
    path.write_text("\n".join(room.cookies) + "\n", encoding="ascii")
    return str(path)


def probe(url: str, cookie: str) -> None:
    """Raise NotAvailable unless an authenticated socket to ``url`` is accepted."""
    import contextlib
    from urllib.parse import urlsplit

    from websockets.exceptions import InvalidHandshake, InvalidStatus
    from websockets.sync.client import connect

    from tests.bench.seeding import NotAvailable

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
