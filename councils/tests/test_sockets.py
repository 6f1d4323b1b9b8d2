"""The council socket, end to end through config.asgi.application: who may
connect, what each role may do on every frame, order, backfill and closing."""

import json
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client, override_settings

from core.realtime import CLOSE_CODE_REVOKED
from councils import events, publishing
from councils.models import Membership, Message, MessageRevision
from councils.services.memberships import remove_member
from councils.services.posting import post_message

from .conftest import open_socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def receive(communicator, timeout=3):
    payload = await communicator.receive_json_from(timeout=timeout)
    assert events.check_server_payload(payload) == [], payload
    return payload


async def send_message(communicator, body, client_id=None):
    await communicator.send_json_to(
        {"type": "message.send", "body": body, "client_id": str(client_id or uuid.uuid4())}
    )


async def test_anonymous_and_non_members_cannot_connect(council, user_factory):
    stranger = await sync_to_async(user_factory)()
    for user, council_id in ((None, council.pk), (stranger, council.pk), (stranger, 2**70)):
        communicator, connected, code = await open_socket(user, council_id)
        assert not connected
        assert code == CLOSE_CODE_REVOKED
        await communicator.disconnect()


async def test_foreign_origin_is_refused_even_for_members(council, add_member):
    member = await sync_to_async(add_member)(council)
    communicator, connected, _ = await open_socket(
        member, council.pk, origin=b"https://evil.example.org"
    )
    assert not connected
    await communicator.disconnect()


async def test_disabled_account_cannot_connect(council, add_member):
    from people.models import User

    member = await sync_to_async(add_member)(council)
    # Disabled behind the platform's back: the session still exists.
    await sync_to_async(User.objects.filter(pk=member.pk).update)(is_active=False)
    _communicator, connected, _ = await open_socket(member, council.pk)
    assert not connected


async def test_members_of_another_council_receive_nothing(council, add_member):
    from councils.factories import CouncilFactory

    other = await sync_to_async(CouncilFactory)()
    insider = await sync_to_async(add_member)(council)
    outsider = await sync_to_async(add_member)(other)
    a, connected_a, _ = await open_socket(insider, council.pk)
    b, connected_b, _ = await open_socket(outsider, other.pk)
    assert connected_a and connected_b
    await send_message(a, "Only for this council")
    assert (await receive(a))["body"] == "Only for this council"
    assert await b.receive_nothing(timeout=0.3)
    # Nor can they ask for the other council's room on their own socket.
    room = await sync_to_async(lambda: council.rooms.get().pk)()
    _c, connected_c, _ = await open_socket(outsider, other.pk, query=f"room={room}")
    assert not connected_c
    for communicator in (a, b):
        await communicator.disconnect()


async def test_a_message_reaches_every_member_with_its_seq(council, add_member):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    await send_message(a, "Hello, <b>council</b>")
    for communicator in (a, b):
        payload = await receive(communicator)
        assert payload["type"] == "message.new"
        assert payload["seq"] == 1
        assert payload["body"] == "Hello, <b>council</b>"
    saved = await sync_to_async(Message.objects.get)()
    assert saved.seq == 1 and saved.author_id == alice.pk
    await a.disconnect()
    await b.disconnect()


async def test_order_by_seq_is_the_same_for_every_member(council, add_member):
    users = [await sync_to_async(add_member)(council) for _ in range(3)]
    sockets = [(await open_socket(user, council.pk))[0] for user in users]
    # Everyone sends at once.
    for index, communicator in enumerate(sockets):
        for n in range(3):
            await send_message(communicator, f"from {index} number {n}")
    seen = []
    for communicator in sockets:
        got = [await receive(communicator) for _ in range(9)]
        seen.append([(p["seq"], p["body"]) for p in got])
    assert seen[0] == seen[1] == seen[2]
    assert [seq for seq, _ in seen[0]] == list(range(1, 10))
    for communicator in sockets:
        await communicator.disconnect()


async def test_retry_with_the_same_client_id_saves_and_broadcasts_once(council, add_member):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    client_id = uuid.uuid4()
    await send_message(a, "Only once", client_id)
    first = await receive(a)
    await send_message(a, "Only once", client_id)
    again = await receive(a)
    assert again["id"] == first["id"] and again["seq"] == first["seq"]
    assert (await receive(b))["id"] == first["id"]
    assert await b.receive_nothing(timeout=0.3)
    assert await sync_to_async(Message.objects.count)() == 1
    await a.disconnect()
    await b.disconnect()


async def test_observers_read_but_cannot_post_or_vote(council, add_member):
    from councils.factories import DecisionFactory

    observer = await sync_to_async(add_member)(council, role=Membership.Role.OBSERVER)
    member = await sync_to_async(add_member)(council)
    decision = await sync_to_async(DecisionFactory)(council=council)
    o, connected, _ = await open_socket(observer, council.pk)
    assert connected
    m, _, _ = await open_socket(member, council.pk)
    await send_message(o, "May I?")
    error = await receive(o)
    assert error["type"] == "error" and error["code"] == events.ERROR_FORBIDDEN
    await o.send_json_to(
        {"type": "decision.position", "decision": decision.pk, "choice": "consent"}
    )
    assert (await receive(o))["code"] == events.ERROR_FORBIDDEN
    assert await sync_to_async(Message.objects.count)() == 0
    # They still read what members post.
    await send_message(m, "Welcome, observers")
    assert (await receive(o))["body"] == "Welcome, observers"
    await o.disconnect()
    await m.disconnect()


async def test_only_the_author_edits_and_history_is_kept(council, add_member):
    author = await sync_to_async(add_member)(council)
    other = await sync_to_async(add_member)(council)
    facilitator = await sync_to_async(add_member)(council, role=Membership.Role.FACILITATOR)
    a, _, _ = await open_socket(author, council.pk)
    o, _, _ = await open_socket(other, council.pk)
    f, _, _ = await open_socket(facilitator, council.pk)
    await send_message(a, "First words")
    message_id = (await receive(a))["id"]
    await receive(o)
    await receive(f)
    for communicator in (o, f):
        await communicator.send_json_to(
            {"type": "message.edit", "message": message_id, "body": "Not yours"}
        )
        assert (await receive(communicator))["code"] == events.ERROR_FORBIDDEN
    await a.send_json_to({"type": "message.edit", "message": message_id, "body": "Better words"})
    edited = await receive(o)
    assert edited["type"] == "message.edited"
    assert edited["body"] == "Better words" and edited["edited"] is True
    revisions = await sync_to_async(list)(MessageRevision.objects.values_list("body", flat=True))
    assert revisions == ["First words"]
    for communicator in (a, o, f):
        await communicator.disconnect()


async def test_redaction_by_author_or_facilitator_leaves_a_tombstone(council, add_member):
    author = await sync_to_async(add_member)(council)
    other = await sync_to_async(add_member)(council)
    facilitator = await sync_to_async(add_member)(council, role=Membership.Role.FACILITATOR)
    a, _, _ = await open_socket(author, council.pk)
    o, _, _ = await open_socket(other, council.pk)
    f, _, _ = await open_socket(facilitator, council.pk)
    for body in ("one", "two"):
        await send_message(a, body)
    ids = [(await receive(o))["id"] for _ in range(2)]
    await o.send_json_to({"type": "message.redact", "message": ids[0]})
    assert (await receive(o))["code"] == events.ERROR_FORBIDDEN
    await a.send_json_to({"type": "message.redact", "message": ids[0]})
    await f.send_json_to({"type": "message.redact", "message": ids[1]})
    tombstones = [await receive(o) for _ in range(2)]
    assert {t["id"] for t in tombstones} == set(ids)
    assert all(t["redacted"] and t["body"] == "" for t in tombstones)
    assert await sync_to_async(Message.objects.filter(redacted_at__isnull=False).count)() == 2
    for communicator in (a, o, f):
        await communicator.disconnect()


async def test_backfill_after_a_forced_disconnect_has_no_gap_and_no_duplicate(council, add_member):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    for n in range(3):
        await send_message(a, f"before {n}")
    seen = [(await receive(b))["seq"] for _ in range(3)]
    await b.disconnect()  # the network drops
    for n in range(4):
        await send_message(a, f"while away {n}")
    for _ in range(3 + 4):
        await receive(a)
    b, connected, _ = await open_socket(bo, council.pk, query=f"last_seen_seq={seen[-1]}")
    assert connected
    await send_message(a, "after coming back")
    seen += [(await receive(b))["seq"] for _ in range(5)]
    assert await b.receive_nothing(timeout=0.3)
    assert seen == list(range(1, 9))
    await a.disconnect()
    await b.disconnect()


async def test_edits_and_redactions_made_while_offline_are_replayed_in_order(council, add_member):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    for body in ("one", "two", "three"):
        await send_message(a, body)
    before = [await receive(b) for _ in range(3)]
    ids = [p["id"] for p in before]
    for _ in range(3):
        await receive(a)
    await b.disconnect()  # Bo goes offline
    # While Bo is away: an edit of a message Bo saw, a removal, a new message
    # and an edit of that new message.
    await a.send_json_to({"type": "message.edit", "message": ids[0], "body": "one, reworded"})
    await a.send_json_to({"type": "message.redact", "message": ids[1]})
    await send_message(a, "four")
    changes = [await receive(a) for _ in range(3)]
    new_id = changes[-1]["id"]
    await a.send_json_to({"type": "message.edit", "message": new_id, "body": "four, reworded"})
    changes.append(await receive(a))
    # Every message event took the next seq of the room, without a gap.
    assert [p["seq"] for p in before + changes] == list(range(1, 8))
    assert [p["type"] for p in changes] == [
        "message.edited",
        "message.redacted",
        "message.new",
        "message.edited",
    ]

    b, connected, _ = await open_socket(bo, council.pk, query="last_seen_seq=3")
    assert connected
    replayed = [await receive(b) for _ in range(4)]
    assert await b.receive_nothing(timeout=0.3)
    assert [p["seq"] for p in replayed] == [4, 5, 6, 7]
    assert [(p["type"], p["id"]) for p in replayed] == [
        ("message.edited", ids[0]),
        ("message.redacted", ids[1]),
        ("message.new", new_id),
        ("message.edited", new_id),
    ]
    # Each shows the message as it is now.
    assert replayed[0]["body"] == "one, reworded" and replayed[0]["edited"] is True
    assert replayed[1]["redacted"] is True and replayed[1]["body"] == ""
    assert replayed[2]["body"] == replayed[3]["body"] == "four, reworded"
    # Live events continue from there, sent once.
    await a.send_json_to({"type": "message.redact", "message": ids[2]})
    live = await receive(b)
    assert (live["type"], live["seq"], live["id"]) == ("message.redacted", 8, ids[2])
    assert await b.receive_nothing(timeout=0.3)
    await a.disconnect()
    await b.disconnect()


async def test_backfill_with_events_gone_asks_the_client_to_resync(council, add_member):
    """Retention deleted messages a client had not seen: replaying around the
    hole would leave its page wrong, so it is asked to reload."""
    alice = await sync_to_async(add_member)(council)

    def post_then_lose_the_second():
        for body in ("one", "two", "three"):
            post_message(user=alice, council_id=council.pk, room_id=None, body=body, client_id=None)
        Message.objects.filter(body="two").delete()

    await sync_to_async(post_then_lose_the_second)()
    a, _, _ = await open_socket(alice, council.pk, query="last_seen_seq=1")
    payload = await receive(a)
    assert payload == {"type": "resync", "room": payload["room"], "latest_seq": 3}
    await a.disconnect()
    # From after the hole, backfill works.
    a, _, _ = await open_socket(alice, council.pk, query="last_seen_seq=2")
    assert (await receive(a))["body"] == "three"
    assert await a.receive_nothing(timeout=0.3)
    await a.disconnect()


async def test_too_much_missed_asks_the_client_to_resync(council, add_member):
    alice = await sync_to_async(add_member)(council)

    def post_many():
        for n in range(events.MAX_BACKFILL + 1):
            post_message(
                user=alice, council_id=council.pk, room_id=None, body=f"m{n}", client_id=None
            )

    await sync_to_async(post_many)()
    a, connected, _ = await open_socket(alice, council.pk, query="last_seen_seq=0")
    assert connected
    payload = await receive(a)
    assert payload["type"] == "resync"
    assert payload["latest_seq"] == events.MAX_BACKFILL + 1
    await a.disconnect()
    # 200 missed still fit.
    a, _, _ = await open_socket(alice, council.pk, query="last_seen_seq=1")
    first = await receive(a)
    assert first["type"] == "message.new" and first["seq"] == 2
    await a.disconnect()


async def _post_unpublished(monkeypatch, council, author, bodies):
    """Save messages, keeping what would have been published: (group, message)
    pairs, to send through the channel layer in an order of the test's own."""
    caught = []
    monkeypatch.setattr(
        publishing, "_group_send", lambda group, message: caught.append((group, message))
    )

    def post():
        for body in bodies:
            post_message(
                user=author, council_id=council.pk, room_id=None, body=body, client_id=None
            )

    await sync_to_async(post)()
    monkeypatch.undo()
    assert [m["seq"] for _g, m in caught] == list(range(1, len(bodies) + 1))
    return caught


async def test_live_events_that_cross_on_the_way_reach_the_member_in_order(
    council, add_member, monkeypatch
):
    """Two workers publishing at once can cross in Redis: a later seq arrives
    first. It waits for the earlier one, so the member gets each seq once, in
    order (dropping the earlier one as already sent lost it for good)."""
    from channels.layers import get_channel_layer

    alice = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    caught = await _post_unpublished(monkeypatch, council, alice, ["one", "two", "three"])
    layer = get_channel_layer()
    for group, message in [caught[2], caught[0], caught[1], caught[1]]:
        await layer.group_send(group, message)
    got = [await receive(a) for _ in range(3)]
    assert [(p["seq"], p["body"]) for p in got] == [(1, "one"), (2, "two"), (3, "three")]
    assert await a.receive_nothing(timeout=0.3)
    await a.disconnect()


async def test_a_live_event_that_never_arrives_is_read_from_the_database(
    council, add_member, monkeypatch
):
    """A publish lost on the way (Redis restarting): the next event shows the
    gap, and once it has waited GAP_WAIT the missing one comes from the
    database, before the later one."""
    from channels.layers import get_channel_layer

    from councils.consumers import GAP_WAIT

    alice = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk)
    caught = await _post_unpublished(monkeypatch, council, alice, ["one", "two", "three"])
    layer = get_channel_layer()
    for group, message in [caught[0], caught[2]]:
        await layer.group_send(group, message)
    assert (await receive(a))["seq"] == 1
    assert await a.receive_nothing(timeout=GAP_WAIT / 2)
    got = [await receive(a) for _ in range(2)]
    assert [(p["seq"], p["body"]) for p in got] == [(2, "two"), (3, "three")]
    # The lost publish turning up late changes nothing.
    await layer.group_send(*caught[1])
    assert await a.receive_nothing(timeout=0.3)
    await a.disconnect()


@pytest.mark.parametrize(
    ("error", "level"),
    [
        (OSError("closed"), "INFO"),  # uvicorn, sending to a closed socket
        (RuntimeError("Attempt to send on a closed protocol"), "INFO"),  # daphne
        (ValueError("a bug"), "ERROR"),
    ],
)
async def test_a_gap_fill_leaves_nothing_it_raises_unread(error, level, caplog):
    """The gap is filled in a task of its own; a member who closed the socket
    meanwhile makes the sending fail, and that must not end as an exception
    nobody reads ("Task exception was never retrieved")."""
    from councils.consumers import CouncilConsumer

    caplog.set_level("INFO", logger="councils.consumers")
    consumer = CouncilConsumer()

    async def fails():
        raise error

    consumer._fill_gap_now = fails
    await consumer._fill_gap()
    [record] = [r for r in caplog.records if r.name == "councils.consumers"]
    assert record.levelname == level


async def test_a_client_ahead_of_the_room_is_asked_to_resync(council, add_member):
    """A last_seen_seq the room never reached (a restored database, a stale
    tab of another room): the member reloads rather than have new events
    dropped as already seen."""
    alice = await sync_to_async(add_member)(council)
    a, _, _ = await open_socket(alice, council.pk, query="last_seen_seq=5")
    payload = await receive(a)
    assert (payload["type"], payload["latest_seq"]) == ("resync", 0)
    await send_message(a, "first")
    assert (await receive(a))["seq"] == 1
    await a.disconnect()


# Fixed, not uuid4(): pytest-xdist requires every worker to collect the same ids.
BLANK_CLIENT_ID = "00000000-0000-4000-8000-000000000001"
NO_ROOM_CLIENT_ID = "00000000-0000-4000-8000-000000000002"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", events.ERROR_MALFORMED),
        ("[1, 2]", events.ERROR_MALFORMED),
        (json.dumps({"type": "message.send", "body": "x" * 20000, "client_id": "a"}), "too_large"),
        (json.dumps({"type": "launch.rockets"}), events.ERROR_UNKNOWN_TYPE),
        (json.dumps({"type": "message.send", "body": 5, "client_id": "x"}), events.ERROR_INVALID),
        (json.dumps({"type": "message.send", "body": "hi", "client_id": "no"}), "invalid"),
        (json.dumps({"type": "message.edit", "message": True, "body": "x"}), "invalid"),
        (
            json.dumps({"type": "message.send", "body": "   ", "client_id": BLANK_CLIENT_ID}),
            "invalid",
        ),
        (
            json.dumps(
                {
                    "type": "message.send",
                    "body": "hi",
                    "client_id": NO_ROOM_CLIENT_ID,
                    "room": 2**70,
                }
            ),
            events.ERROR_NOT_FOUND,
        ),
    ],
    ids=[
        "not-json",
        "not-an-object",
        "too-large",
        "unknown-type",
        "body-not-text",
        "client-id-not-a-uuid",
        "edit-with-a-bad-message",
        "blank-body",
        "no-such-room",
    ],
)
async def test_bad_frames_get_an_error_and_the_socket_stays_open(council, add_member, frame, code):
    member = await sync_to_async(add_member)(council)
    communicator, _, _ = await open_socket(member, council.pk)
    await communicator.send_to(text_data=frame)
    error = await receive(communicator)
    assert error["type"] == "error" and error["code"] == code
    await send_message(communicator, "still here")
    assert (await receive(communicator))["body"] == "still here"
    await communicator.disconnect()


@override_settings(COUNCILS_SOCKET_EVENTS=3, COUNCILS_SOCKET_WINDOW=60)
async def test_rate_limit_sends_an_error_and_keeps_the_socket_open(council, add_member):
    member = await sync_to_async(add_member)(council)
    communicator, _, _ = await open_socket(member, council.pk)
    for n in range(3):
        await send_message(communicator, f"quick {n}")
        assert (await receive(communicator))["type"] == "message.new"
    await send_message(communicator, "too quick")
    error = await receive(communicator)
    assert error["code"] == events.ERROR_RATE_LIMITED
    assert await communicator.receive_nothing(timeout=0.2)
    assert await sync_to_async(Message.objects.count)() == 3
    await communicator.disconnect()


async def _assert_closed_with_4403(communicator):
    output = await communicator.receive_output(timeout=1)
    assert output == {"type": "websocket.close", "code": CLOSE_CODE_REVOKED}


async def test_a_removed_member_is_closed_with_4403(council, add_member):
    facilitator = await sync_to_async(add_member)(council, role=Membership.Role.FACILITATOR)
    member = await sync_to_async(add_member)(council)
    f, _, _ = await open_socket(facilitator, council.pk)
    m, _, _ = await open_socket(member, council.pk)
    membership = await sync_to_async(Membership.objects.get)(user=member)
    await sync_to_async(remove_member)(by=facilitator, membership=membership)
    await _assert_closed_with_4403(m)
    left = await receive(f)
    assert left["type"] == "member.left"
    # The facilitator's socket stays open and they are still in the audience.
    assert await sync_to_async(council.audience.has_member)(facilitator)
    assert not await sync_to_async(council.audience.has_member)(member)
    await f.disconnect()


async def test_signing_out_everywhere_closes_the_socket(council, add_member):
    from people.sessions import end_sessions

    member = await sync_to_async(add_member)(council)
    communicator, _, _ = await open_socket(member, council.pk)
    await sync_to_async(end_sessions)(member)
    await _assert_closed_with_4403(communicator)


async def _socket_in_its_own_session(user, council_id):
    """A signed-in browser (a test client with its own session) and its socket."""
    from config.asgi import application

    client = Client()
    await sync_to_async(client.force_login)(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    communicator = WebsocketCommunicator(
        application,
        f"/ws/councils/{council_id}/",
        headers=[
            (b"host", b"testserver"),
            (b"origin", b"http://testserver"),
            (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()),
        ],
    )
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return client, communicator


async def test_signing_out_of_one_device_closes_only_its_sockets(council, add_member):
    member = await sync_to_async(add_member)(council)
    phone, phone_socket = await _socket_in_its_own_session(member, council.pk)
    laptop, laptop_socket = await _socket_in_its_own_session(member, council.pk)
    response = await sync_to_async(phone.post)("/accounts/logout/")
    assert response.status_code == 302
    await _assert_closed_with_4403(phone_socket)
    assert await laptop_socket.receive_nothing(timeout=0.3)

    # Ending the laptop's sign-in from another device's session list closes it too.
    from people.sessions import end_sessions

    laptop_key = laptop.cookies[settings.SESSION_COOKIE_NAME].value
    assert await sync_to_async(end_sessions)(member, keys=[laptop_key]) == 1
    await _assert_closed_with_4403(laptop_socket)


async def test_disabling_an_account_closes_the_socket(council, add_member):
    member = await sync_to_async(add_member)(council)
    communicator, _, _ = await open_socket(member, council.pk)
    member.is_active = False
    await sync_to_async(member.save)()
    await _assert_closed_with_4403(communicator)


async def test_groups_are_empty_after_disconnect(council, add_member):
    from channels.layers import get_channel_layer

    member = await sync_to_async(add_member)(council)
    communicator, _, _ = await open_socket(member, council.pk)
    await communicator.disconnect()
    layer = get_channel_layer()
    room = await sync_to_async(lambda: council.rooms.get().pk)()
    if hasattr(layer, "groups"):
        assert not layer.groups.get(events.room_group(room))
