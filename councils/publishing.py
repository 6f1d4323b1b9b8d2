"""The one way council events leave the server, Zulip-style: every payload
goes through here, is held to its declaration in `councils.events` when
COUNCILS_CHECK_PAYLOADS is on (always in tests), is serialised ONCE, and the
ready text is sent through the channel layer; consumers only forward it.

- Services call `publish_on_commit()` so that nothing is announced that was
  not saved; typing and presence, which are not saved, call `publish()`.
- The socket's send batcher, which saves first, calls `publish_soon()`.
- `close_council_sockets_on_commit()` closes a member's sockets on a council
  (per-user group) once their leaving is saved.
- The consumer passes what it sends a socket directly (replay, resync, errors)
  through `checked()`.

Under a running event loop every send goes through that loop's publisher, in
order, and no worker thread waits for the layer.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import json
import logging
import weakref
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.event_loop import serving_loop
from core.realtime import LAYER_UNAVAILABLE_ERRORS, channel_layer_outage, user_group

from . import events

__all__ = [
    "LoopQueue",
    "UndeclaredPayload",
    "checked",
    "close_council_sockets_on_commit",
    "encode",
    "publish",
    "publish_on_commit",
    "publish_soon",
]

logger = logging.getLogger(__name__)


class UndeclaredPayload(Exception):
    """A payload that does not match its declaration in councils.events: an
    undeclared event or field, a missing field or a wrong type."""


def checked(payload: dict[str, Any]) -> dict[str, Any]:
    """`payload`, once held to its declaration in events.SERVER_EVENTS when
    COUNCILS_CHECK_PAYLOADS is on; raises UndeclaredPayload."""
    if settings.COUNCILS_CHECK_PAYLOADS:
        _raise_problems(payload, events.check_server_payload(payload))
    return payload


def _checked_layer_message(message: dict[str, Any]) -> dict[str, Any]:
    if settings.COUNCILS_CHECK_PAYLOADS:
        _raise_problems(message, events.check_layer_message(message))
    return message


def _raise_problems(payload: Any, problems: list[str]) -> None:
    if problems:
        kind = payload.get("type") if isinstance(payload, dict) else None
        raise UndeclaredPayload(f"{kind!r} does not match its declaration: {', '.join(problems)}")


def encode(payload: dict[str, Any]) -> str:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def publish(group: str, payload: dict[str, Any], *, room: int | None = None) -> None:
    """Send `payload` to every socket in `group`, serialised once.

    Message events (new, edited, redacted) carry `room` and `seq` beside the
    ready text so that a consumer can drop what it already sent during
    backfill without decoding.
    """
    _group_send(group, _layer_message(payload, room))


def publish_on_commit(group: str, payload: dict[str, Any], *, room: int | None = None) -> None:
    """Publish once the current transaction commits (at once outside one).
    The payload is checked now, so that a wrong one fails the action that
    built it, not a callback after its commit."""
    checked(payload)
    # Serialised after the commit, as publish() does: not inside the
    # transaction, which holds the room's lock (SQLite: the write lock).
    transaction.on_commit(lambda: _group_send(group, _layer_message(payload, room)))


def publish_soon(
    group: str, payload: dict[str, Any], *, room: int | None = None, on_sent=None
) -> None:
    """From async code on the event loop: hand `payload` to this loop's
    publisher and return at once. Sends leave in the order they were handed
    over (seq order, when the caller hands them over in seq order);
    `on_sent()` is called on the loop once this one has gone (or failed and
    was logged)."""
    _Publisher.for_loop(asyncio.get_running_loop()).put(
        (group, _layer_message(payload, room), on_sent)
    )


def close_council_sockets_on_commit(user_id: int, council_id: int) -> None:
    """After commit, close every socket `user_id` has open on `council_id`
    (on every worker) with code 4403: they were removed or left."""
    message = _checked_layer_message(
        {"type": events.LAYER_MEMBERSHIP_REVOKED, "council": council_id}
    )
    transaction.on_commit(lambda: _group_send(user_group(user_id), message))


def _layer_message(payload: dict[str, Any], room: int | None) -> dict[str, Any]:
    checked(payload)
    return _checked_layer_message(
        {
            "type": events.LAYER_EVENT,
            "text": encode(payload),
            "room": room,
            "seq": payload.get("seq") if payload.get("type") in events.MESSAGE_EVENTS else None,
        }
    )


class LoopQueue:
    """Work handed to one event loop and done by one task of its own, in the
    order it arrived: the task starts when work arrives and ends when none is
    left. One instance per event loop and subclass (`for_loop`); `put` is
    called on the loop's own thread. Subclasses say in `work()` how much of
    `waiting` one turn takes (one item, or all that queued up meanwhile)."""

    _instances: weakref.WeakKeyDictionary

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls._instances = weakref.WeakKeyDictionary()

    @classmethod
    def for_loop(cls, loop: asyncio.AbstractEventLoop):
        instance = cls._instances.get(loop)
        if instance is None:
            instance = cls._instances[loop] = cls(loop)
        return instance

    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.waiting: collections.deque = collections.deque()
        self.task: asyncio.Task | None = None

    def put(self, item) -> None:
        self.waiting.append(item)
        if self.task is None:
            # A context of its own: it outlives whichever socket started it.
            self.task = self.loop.create_task(self._drain(), context=contextvars.Context())

    async def _drain(self) -> None:
        try:
            while self.waiting:
                await self.work()
        finally:
            self.task = None

    async def work(self) -> None:
        """Take from `waiting` and do it; must not raise."""
        raise NotImplementedError


class _Publisher(LoopQueue):
    """Sends through the channel layer one at a time, in the order they were
    put, so that no later event overtakes an earlier one whichever thread
    published it. A send that fails is logged and dropped."""

    async def work(self) -> None:
        group, message, on_sent = self.waiting.popleft()
        layer = get_channel_layer()
        try:
            if layer is not None:
                await layer.group_send(group, message)
        except LAYER_UNAVAILABLE_ERRORS as error:
            # Logged once per outage; members catch up on reconnect.
            channel_layer_outage.failed(error)
        except Exception:
            logger.exception("Could not publish to %s; members will catch up on reconnect.", group)
        else:
            channel_layer_outage.answered()
        if on_sent is not None:
            on_sent()


def _group_send(group: str, message: dict[str, Any]) -> None:
    """Send through the channel layer; never raise, and never make the
    calling thread wait for the layer when an event loop can do the sending.

    Callers run after a commit: what was announced is already saved, and the
    database is the source of truth. If the layer (Redis) cannot be reached,
    the send is logged and dropped; connected members lose their sockets with
    the layer, and reconnecting with `last_seen_seq` backfills what they missed.

    - On the event loop's thread (a script driving its own loop): the loop's
      publisher sends it.
    - In a worker thread serving the ASGI application (the sockets' database
      thread, a request's thread; core.event_loop): handed to that loop's
      publisher, and this thread goes on at once. Waiting here would hold the
      one database thread that every socket of the process shares for as long
      as the layer takes, which is many seconds while Redis is down.
    - Otherwise (a command, a test without a loop): sent here and waited for.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = serving_loop()
        if loop is not None:
            try:
                loop.call_soon_threadsafe(_put, loop, group, message)
            except RuntimeError:  # The loop closed meanwhile.
                logger.error("Could not publish to %s; the event loop has closed.", group)
            return
        try:
            async_to_sync(layer.group_send)(group, message)
        except LAYER_UNAVAILABLE_ERRORS as error:
            channel_layer_outage.failed(error)
        except Exception:
            logger.exception("Could not publish to %s; members will catch up on reconnect.", group)
    else:
        _put(loop, group, message)


def _put(loop: asyncio.AbstractEventLoop, group: str, message: dict[str, Any]) -> None:
    _Publisher.for_loop(loop).put((group, message, None))
