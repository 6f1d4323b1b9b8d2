"""Every event is declared once in councils.events, and every payload the
server builds matches its declaration."""

import json
import uuid

import pytest

from councils import decisions, events
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
    built.append(events.error_payload(events.ERROR_INVALID, "Kind words", "abc"))
    built.append(events.error_payload(events.ERROR_INVALID, "Kind words"))
    for payload in built:
        assert events.check_server_payload(payload) == [], payload
        json.loads(events.encode(payload))
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
    frame = events.parse_client_frame(
        json.dumps({"type": "message.send", "body": "hi", "client_id": str(uuid.uuid4())})
    )
    assert isinstance(frame["client_id"], uuid.UUID)
    with pytest.raises(events.FrameError) as error:
        events.parse_client_frame(json.dumps({"type": "presence", "here": "yes"}))
    assert error.value.code == events.ERROR_INVALID
    with pytest.raises(events.FrameError):
        events.parse_client_frame(json.dumps({"type": "typing", "room": 1, "spy": True}))


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
        caplog.at_level("WARNING", logger="people.realtime"),
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


async def test_a_publish_from_a_worker_thread_does_not_wait_for_the_layer(monkeypatch, caplog):
    """Sockets share one database thread: a publish from it (or from a
    request's thread) is handed to the event loop, which sends in order; one
    that fails is logged and dropped, and the next still goes."""
    import asyncio
    import time

    from asgiref.sync import sync_to_async

    sent = []

    class SlowLayer:
        async def group_send(self, group, message):
            await asyncio.sleep(0.1)
            if message["seq"] == 2:
                raise ConnectionError("the layer is down")
            sent.append((group, message["seq"]))

    monkeypatch.setattr(events, "get_channel_layer", SlowLayer)

    def publish_three() -> float:
        start = time.monotonic()
        for seq in (1, 2, 3):
            events.publish("room", {"type": events.MESSAGE_NEW, "seq": seq}, room=1)
        return time.monotonic() - start

    with caplog.at_level("ERROR", logger="councils.events"):
        assert await sync_to_async(publish_three)() < 0.1
        for _ in range(50):
            if len(sent) == 2:
                break
            await asyncio.sleep(0.05)
    assert sent == [("room", 1), ("room", 3)]
    assert "Could not publish to room" in caplog.text
