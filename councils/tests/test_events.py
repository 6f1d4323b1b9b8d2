"""Every event is declared once in councils.events, every payload the server
builds matches its declaration, and the one publisher refuses any that does
not (COUNCILS_CHECK_PAYLOADS, on in the test suite)."""

import json
import uuid

import pytest

from councils import decisions, events, frames, publishing
from councils.factories import DecisionFactory
from councils.models import Message, Room
from councils.services.payloads import message_payload, names_for
from councils.services.posting import post_message
from councils.services.replay import resync_payload


def test_every_declared_event_name_has_a_shape():
    names = [v for k, v in vars(events).items() if k.isupper() and isinstance(v, str) and "." in v]
    client = {events.MESSAGE_SEND, events.MESSAGE_EDIT, events.MESSAGE_REDACT}
    client |= {events.DECISION_POSITION}
    assert client <= set(events.CLIENT_EVENTS)
    server = {n for n in names if n.startswith(("message.", "member.", "decision.updated"))}
    assert server - client <= set(events.SERVER_EVENTS)
    assert {events.ERROR, events.RESYNC, events.MEMBER_TYPING} <= set(events.SERVER_EVENTS)
    layer = {v for k, v in vars(events).items() if k.startswith("LAYER_") and isinstance(v, str)}
    assert layer == set(events.LAYER_MESSAGES)


def test_every_payload_the_server_builds_matches_its_declaration(council, add_member):
    member = add_member(council)
    message, _ = post_message(user=member, council_id=council.pk, room_id=None, body="Hello")
    names = names_for(council)
    built = [
        message_payload(message, names, name)
        for name in (events.MESSAGE_NEW, events.MESSAGE_EDITED, events.MESSAGE_REDACTED)
    ]
    decision = DecisionFactory(council=council)
    built.append(decisions.decision_payload(decision))
    decision.closed_at = decision.created_at
    built.append(decisions.decision_payload(decision))
    built.append(resync_payload(Room.objects.get()))
    built.append(frames.error_payload(events.ERROR_INVALID, "Kind words", "abc"))
    built.append(frames.error_payload(events.ERROR_INVALID, "Kind words"))
    for payload in built:
        assert events.check_server_payload(payload) == [], payload
        json.loads(publishing.encode(payload))
    assert built[0]["author_member"] == member.council_memberships.get().pk
    assert Message.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {"type": "message.new", "seq": 1},
        {"type": "nonsense"},
        {"type": "error", "code": "x", "message": "y", "extra": 1},
        {"type": "resync", "room": True, "latest_seq": 1},
    ],
)
def test_a_payload_that_breaks_its_declaration_is_caught(payload):
    assert events.check_server_payload(payload) != []


def test_client_frames_are_validated_against_their_declaration():
    frame = frames.parse_client_frame(
        json.dumps({"type": "message.send", "body": "hi", "client_id": str(uuid.uuid4())})
    )
    assert isinstance(frame["client_id"], uuid.UUID)
    with pytest.raises(frames.FrameError) as error:
        frames.parse_client_frame(json.dumps({"type": "presence", "here": "yes"}))
    assert error.value.code == events.ERROR_INVALID
    with pytest.raises(frames.FrameError):
        frames.parse_client_frame(json.dumps({"type": "typing", "room": 1, "spy": True}))


def test_a_message_is_saved_and_the_sender_not_failed_when_the_channel_layer_is_down(
    council, add_member, settings, django_capture_on_commit_callbacks, caplog
):
    """The database is the source of truth: with Redis unreachable, a message
    is still saved, the publish after commit is logged, and nothing is raised
    into the request or socket that sent it (members backfill on reconnect)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        unused_port = probe.getsockname()[1]
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{unused_port}/0"]},
        }
    }
    author = add_member(council)
    with (
        caplog.at_level("WARNING", logger="core.realtime"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        message, created = post_message(
            user=author, council_id=council.pk, room_id=None, body="Still here", client_id=None
        )
    assert created
    assert len(callbacks) == 1
    assert Message.objects.filter(pk=message.pk, body="Still here").exists()
    # Logged once for the outage, without a traceback.
    assert "The channel layer (Redis) is unreachable" in caplog.text
    assert not [r for r in caplog.records if r.exc_info]


def _message_new(seq: int) -> dict:
    """A message.new payload as declared, numbered `seq`."""
    return {
        "type": events.MESSAGE_NEW,
        "room": 1,
        "seq": seq,
        "id": seq,
        "author": "Someone",
        "author_member": None,
        "body": "Hello",
        "body_format": "text",
        "warning_topics": [],
        "warning_labels": [],
        "created": "2026-01-01T00:00:00+00:00",
        "edited": False,
        "redacted": False,
    }


async def test_a_publish_from_a_worker_thread_does_not_wait_for_the_layer(monkeypatch, caplog):
    """Sockets share one database thread: a publish from it (or from a
    request's thread) is handed to the event loop that serves them, which
    sends in order; one that fails is logged and dropped, and the next still
    goes."""
    import asyncio
    import time

    from asgiref.sync import sync_to_async

    from core.event_loop import serving_from_this_loop

    sent = []

    class SlowLayer:
        async def group_send(self, group, message):
            await asyncio.sleep(0.1)
            if message["seq"] == 2:
                raise ConnectionError("the layer is down")
            sent.append((group, message["seq"]))

    monkeypatch.setattr(publishing, "get_channel_layer", SlowLayer)

    def publish_three() -> float:
        start = time.monotonic()
        for seq in (1, 2, 3):
            publishing.publish("room", _message_new(seq), room=1)
        return time.monotonic() - start

    with caplog.at_level("ERROR", logger="councils.publishing"), serving_from_this_loop():
        assert await sync_to_async(publish_three)() < 0.1
        for _ in range(50):
            if len(sent) == 2:
                break
            await asyncio.sleep(0.05)
    assert sent == [("room", 1), ("room", 3)]
    assert "Could not publish to room" in caplog.text


# --- Every publish is held to its declaration ---------------------------------
_UNDECLARED = [
    pytest.param({**_message_new(1), "email": "someone@example.org"}, id="undeclared-field"),
    pytest.param({k: v for k, v in _message_new(1).items() if k != "author"}, id="missing-field"),
    pytest.param({**_message_new(1), "seq": "1"}, id="wrong-type"),
    pytest.param({"type": "message.deleted", "room": 1}, id="undeclared-event"),
]


@pytest.mark.parametrize("payload", _UNDECLARED)
def test_an_undeclared_payload_makes_publish_raise(payload, db, django_capture_on_commit_callbacks):
    with pytest.raises(publishing.UndeclaredPayload):
        publishing.publish(events.room_group(1), payload, room=1)
    # Refused when asked, inside the action's transaction, not after its commit.
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(publishing.UndeclaredPayload),
    ):
        publishing.publish_on_commit(events.room_group(1), payload, room=1)
    assert callbacks == []


@pytest.mark.parametrize("payload", _UNDECLARED)
async def test_an_undeclared_payload_is_not_handed_to_the_event_loop(payload):
    with pytest.raises(publishing.UndeclaredPayload):
        publishing.publish_soon(events.room_group(1), payload, room=1)


@pytest.mark.parametrize("payload", _UNDECLARED)
async def test_what_a_socket_sends_directly_is_held_to_its_declaration_too(payload):
    """Replays, resyncs and errors go to one socket, not through the layer."""
    from councils.consumers import CouncilConsumer

    sent = []

    async def base_send(message):
        sent.append(message)

    consumer = CouncilConsumer()
    consumer.base_send = base_send
    with pytest.raises(publishing.UndeclaredPayload):
        await consumer.send_json(payload)
    await consumer.send_json(_message_new(1))
    assert json.loads(sent[0]["text"])["seq"] == 1
    assert len(sent) == 1


@pytest.mark.parametrize(
    "message",
    [
        {"type": events.LAYER_MEMBERSHIP_REVOKED},
        {"type": events.LAYER_MEMBERSHIP_REVOKED, "council": "1"},
        {"type": events.LAYER_EVENT, "text": "{}", "room": 1, "seq": 1, "extra": True},
        {"type": "councils.unknown"},
    ],
)
def test_a_channel_layer_message_that_breaks_its_declaration_is_caught(message):
    assert events.check_layer_message(message) != []


def test_closing_a_members_sockets_sends_a_declared_layer_message(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    caught = []
    monkeypatch.setattr(publishing, "_group_send", lambda group, message: caught.append(message))
    with django_capture_on_commit_callbacks(execute=True):
        publishing.close_council_sockets_on_commit(user_id=1, council_id=2)
    assert caught == [{"type": events.LAYER_MEMBERSHIP_REVOKED, "council": 2}]
    assert events.check_layer_message(caught[0]) == []


def test_production_does_not_pay_for_the_check(settings, monkeypatch):
    """Off outside the test suite: a payload is then sent as built."""
    settings.COUNCILS_CHECK_PAYLOADS = False
    caught = []
    monkeypatch.setattr(publishing, "_group_send", lambda group, message: caught.append(message))
    publishing.publish("room", {"type": "message.new", "seq": 1}, room=1)
    assert json.loads(caught[0]["text"]) == {"type": "message.new", "seq": 1}
