"""A council socket while Redis (the channel layer) or the database cannot be
reached: the member is told to come back later, with a close code and a
retry-after the page understands, never a server error; and the outage is
logged once when it starts and once when it ends, not once per attempt."""

from __future__ import annotations

import logging

import pytest
from asgiref.sync import sync_to_async
from django.db import DatabaseError
from django.test import override_settings

# Imported now, not inside a test: building the ASGI application sets Django
# up, which configures logging again and would unhook pytest's log capture.
from config.asgi import application  # noqa: F401
from config.settings.base import redis_channel_layer
from core.realtime import (
    CLOSE_CODE_UNAVAILABLE,
    RETRY_AFTER_MAX,
    RETRY_AFTER_MIN,
    channel_layer_outage,
)
from councils import events
from tests.service_processes import free_port

from .conftest import open_socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _unreachable_redis_layer():
    """A channels-redis layer on a port where nothing listens."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    layer = redis_channel_layer(url, "outage-test")
    # No retries: each attempt meets the outage at once.
    layer["CONFIG"]["hosts"][0]["retry"] = None
    return {"default": layer}


async def _assert_refused_for_now(communicator, connected: bool) -> dict:
    assert connected, "The handshake itself failed: the page cannot tell why."
    payload = await communicator.receive_json_from(timeout=10)
    assert events.check_server_payload(payload) == [], payload
    assert payload["type"] == events.UNAVAILABLE
    assert RETRY_AFTER_MIN <= payload["retry_after"] <= RETRY_AFTER_MAX
    closed = await communicator.receive_output(timeout=10)
    assert closed == {"type": "websocket.close", "code": CLOSE_CODE_UNAVAILABLE}
    await communicator.disconnect()
    return payload


def _outage_records(caplog, name: str):
    return [r for r in caplog.records if r.name == "core.realtime" and name in r.getMessage()]


async def test_handshakes_while_redis_is_down_are_refused_with_a_retry_after(
    council, add_member, caplog
):
    member = await sync_to_async(add_member)(council)
    caplog.set_level(logging.INFO)
    with override_settings(CHANNEL_LAYERS=_unreachable_redis_layer()):
        for _attempt in range(5):
            communicator, connected, _ = await open_socket(member, council.pk)
            await _assert_refused_for_now(communicator, connected)
    # Redis is back (here: a layer that answers).
    communicator, connected, _ = await open_socket(member, council.pk)
    assert connected
    await communicator.disconnect()

    started = _outage_records(caplog, "is unreachable")
    ended = _outage_records(caplog, "answers again")
    assert len(started) == 1 and len(ended) == 1, [r.getMessage() for r in caplog.records]
    assert started[0].levelno == logging.WARNING and started[0].exc_info is None
    # No traceback for any attempt.
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


async def test_a_handshake_while_the_database_is_down_is_refused_for_now(
    council, add_member, caplog, monkeypatch
):
    from councils import consumers

    member = await sync_to_async(add_member)(council)

    def unreachable(*args, **kwargs):
        raise DatabaseError("could not connect to server")

    caplog.set_level(logging.INFO)
    monkeypatch.setattr(consumers, "_open_room", unreachable)
    for _attempt in range(3):
        communicator, connected, _ = await open_socket(member, council.pk)
        await _assert_refused_for_now(communicator, connected)
    monkeypatch.undo()
    communicator, connected, _ = await open_socket(member, council.pk)
    assert connected
    await communicator.disconnect()
    assert len(_outage_records(caplog, "The database is unreachable")) == 1
    assert len(_outage_records(caplog, "The database answers again")) == 1
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []


def test_retry_after_grows_with_the_outage_within_bounds(monkeypatch):
    from core import realtime

    now = [1000.0]
    monkeypatch.setattr(realtime.time, "monotonic", lambda: now[0])
    assert channel_layer_outage.failed(OSError()) == RETRY_AFTER_MIN
    now[0] += 7.5
    assert channel_layer_outage.failed(OSError()) == 7
    now[0] += 600
    assert channel_layer_outage.failed(OSError()) == RETRY_AFTER_MAX
