"""Every real-time event of the council workspace, declared once.

- Client events (browser → server) and server events (server → browser), each
  with the fields and types of its payload (`CLIENT_EVENTS`, `SERVER_EVENTS`);
  `parse_client_frame()` validates an inbound frame against its declaration and
  `check_server_payload()` is what tests hold every outbound payload to.
- Group names (`room_group`, `council_group`; the per-user group lives in
  `core.realtime`).
- The one publisher: `publish()` serialises a payload ONCE and sends the ready
  text through the channel layer; consumers only forward it. Services call
  `publish_on_commit()` so that nothing is announced that was not saved; the
  socket's send batcher, which saves first, calls `publish_soon()`. Under a
  running event loop every send goes through that loop's publisher, in order,
  and no worker thread waits for the layer.
"""

from __future__ import annotations

import asyncio
import collections
import contextvars
import json
import logging
import os
import uuid
import weakref
from dataclasses import dataclass
from typing import Any

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.realtime import LAYER_UNAVAILABLE_ERRORS, channel_layer_outage, user_group
from core.text_limits import too_long

from .models.message import MAX_BODY_CHARS

logger = logging.getLogger(__name__)

# --- Limits -----------------------------------------------------------------
MAX_FRAME_CHARS = 16 * 1024
# A message (new or edited): MAX_BODY_CHARS, imported above from Message,
# whose column holds it.
MAX_BACKFILL = 200

# --- Client events ----------------------------------------------------------
MESSAGE_SEND = "message.send"
MESSAGE_EDIT = "message.edit"
MESSAGE_REDACT = "message.redact"
TYPING = "typing"
PRESENCE = "presence"
DECISION_POSITION = "decision.position"

# --- Server events ----------------------------------------------------------
MESSAGE_NEW = "message.new"
MESSAGE_EDITED = "message.edited"
MESSAGE_REDACTED = "message.redacted"
DECISION_UPDATED = "decision.updated"
MEMBER_JOINED = "member.joined"
MEMBER_LEFT = "member.left"
MEMBER_TYPING = "typing"
MEMBER_PRESENCE = "presence"
ERROR = "error"
RESYNC = "resync"
# The last event on a socket the server cannot serve right now (Redis or the
# database unreachable); it then closes with core.realtime.CLOSE_CODE_UNAVAILABLE.
UNAVAILABLE = "unavailable"
# Each takes the room's next seq: together they number a room's events without a gap.
MESSAGE_EVENTS = frozenset({MESSAGE_NEW, MESSAGE_EDITED, MESSAGE_REDACTED})

# --- Channel-layer message types (group_send "type" → consumer handler) ------
LAYER_EVENT = "councils.event"  # handled by CouncilConsumer.councils_event
LAYER_MEMBERSHIP_REVOKED = "councils.membership_revoked"

# Error codes sent in `error` events.
ERROR_MALFORMED = "malformed"
ERROR_TOO_LARGE = "too_large"
ERROR_UNKNOWN_TYPE = "unknown_type"
ERROR_INVALID = "invalid"
ERROR_FORBIDDEN = "forbidden"
ERROR_NOT_FOUND = "not_found"
ERROR_RATE_LIMITED = "rate_limited"
# The database could not be reached mid-action; the same client_id may retry.
ERROR_UNAVAILABLE = "unavailable"

_int = (int,)
_str = (str,)
_bool = (bool,)
_opt_str = (str, type(None))
_opt_int = (int, type(None))
_opt_dict = (dict, type(None))
_list = (list,)


@dataclass(frozen=True)
class EventShape:
    """The declared payload of one event: required fields and optional ones,
    each with the types it may take. No other field is allowed."""

    required: dict[str, tuple[type, ...]]
    optional: dict[str, tuple[type, ...]]

    def problems(self, payload: dict[str, Any]) -> list[str]:
        found = []
        for name, types in self.required.items():
            if name not in payload:
                found.append(f"missing {name}")
            elif not _is_instance(payload[name], types):
                found.append(f"{name} has the wrong type")
        for name, types in self.optional.items():
            if name in payload and not _is_instance(payload[name], types):
                found.append(f"{name} has the wrong type")
        extra = set(payload) - set(self.required) - set(self.optional) - {"type"}
        found += [f"unexpected {name}" for name in sorted(extra)]
        return found


def _is_instance(value: Any, types: tuple[type, ...]) -> bool:
    # bool is an int in Python; a JSON true must not pass as a number.
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _shape(required=None, optional=None) -> EventShape:
    return EventShape(required or {}, optional or {})


CLIENT_EVENTS: dict[str, EventShape] = {
    MESSAGE_SEND: _shape(
        {"body": _str, "client_id": _str}, {"room": _int, "content_warnings": _list}
    ),
    MESSAGE_EDIT: _shape({"message": _int, "body": _str}, {"content_warnings": _list}),
    MESSAGE_REDACT: _shape({"message": _int}),
    TYPING: _shape({}, {"room": _int}),
    PRESENCE: _shape({"here": _bool}),
    DECISION_POSITION: _shape(
        {"decision": _int, "choice": _str}, {"reason": _str, "options": _list}
    ),
}

_MESSAGE_FIELDS = {
    "room": _int,
    "seq": _int,
    "id": _int,
    "author": _str,
    "author_member": _opt_int,
    "body": _str,
    "body_format": _str,
    "warning_topics": _list,
    "warning_labels": _list,
    "created": _str,
    "edited": _bool,
    "redacted": _bool,
}

SERVER_EVENTS: dict[str, EventShape] = {
    MESSAGE_NEW: _shape(_MESSAGE_FIELDS),
    MESSAGE_EDITED: _shape(_MESSAGE_FIELDS),
    MESSAGE_REDACTED: _shape(_MESSAGE_FIELDS),
    DECISION_UPDATED: _shape(
        {
            "decision": _int,
            "question": _str,
            "method": _str,
            "closed": _bool,
            "closes_at": _str,
            "taken_part": _int,
            "quorum": _int,
        },
        {"result": _opt_dict},
    ),
    MEMBER_JOINED: _shape({"council": _int, "member": _int, "name": _str}),
    MEMBER_LEFT: _shape({"council": _int, "member": _int, "name": _str}),
    MEMBER_TYPING: _shape({"room": _int, "member": _int, "name": _str}),
    MEMBER_PRESENCE: _shape({"council": _int, "member": _int, "name": _str, "here": _bool}),
    ERROR: _shape({"code": _str, "message": _str}, {"client_id": _opt_str}),
    RESYNC: _shape({"room": _int, "latest_seq": _int}),
    UNAVAILABLE: _shape({"message": _str, "retry_after": _int}),
}


# --- Groups -------------------------------------------------------------------
def room_group(room_id: int) -> str:
    """Everyone connected to one room."""
    return f"councils.room.{room_id}"


def council_group(council_id: int) -> str:
    """Everyone connected to any room of one council (decisions, members)."""
    return f"councils.council.{council_id}"


# --- Inbound ------------------------------------------------------------------
class FrameError(Exception):
    """An inbound frame that cannot be acted on; becomes an `error` event."""

    def __init__(self, code: str, message: str, client_id: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.client_id = client_id


def parse_client_frame(text: str) -> dict[str, Any]:
    """Decode and validate one inbound text frame; raises FrameError."""
    from django.utils.translation import gettext as _

    if len(text) > MAX_FRAME_CHARS:
        raise FrameError(ERROR_TOO_LARGE, _("That was too long to send. Try a shorter message."))
    try:
        frame = json.loads(text)
    except ValueError:
        raise FrameError(ERROR_MALFORMED, _("We could not read that message.")) from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError(ERROR_MALFORMED, _("We could not read that message."))
    shape = CLIENT_EVENTS.get(frame["type"])
    if shape is None:
        raise FrameError(ERROR_UNKNOWN_TYPE, _("That action is not available here."))
    client_id = frame.get("client_id") if isinstance(frame.get("client_id"), str) else None
    if shape.problems(frame):
        raise FrameError(ERROR_INVALID, _("Something in that message was not right."), client_id)
    warnings = frame.get("content_warnings", [])
    if not all(isinstance(t, int) and not isinstance(t, bool) for t in warnings):
        raise FrameError(ERROR_INVALID, _("Something in that message was not right."), client_id)
    if frame["type"] == MESSAGE_SEND:
        try:
            frame["client_id"] = uuid.UUID(frame["client_id"])
        except ValueError:
            raise FrameError(ERROR_INVALID, _("Something in that message was not right.")) from None
    return frame


# --- Outbound -----------------------------------------------------------------
def too_long_message(length: int, limit: int = MAX_BODY_CHARS) -> str:
    """What a person is told when their message is over the limit."""
    from django.utils.translation import gettext as _

    return too_long(
        _("Messages can be up to %(limit)s characters; yours has %(length)s."), limit, length
    )


def check_server_payload(payload: dict[str, Any]) -> list[str]:
    """Problems of an outbound payload against its declaration ([] if none)."""
    shape = SERVER_EVENTS.get(payload.get("type"))
    if shape is None:
        return [f"undeclared event {payload.get('type')!r}"]
    return shape.problems(payload)


def error_payload(code: str, message: str, client_id: str | None = None) -> dict[str, Any]:
    payload = {"type": ERROR, "code": code, "message": str(message)}
    if client_id is not None:
        payload["client_id"] = client_id
    return payload


def encode(payload: dict[str, Any]) -> str:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def publish(group: str, payload: dict[str, Any], *, room: int | None = None) -> None:
    """Send `payload` to every socket in `group`, serialised once.

    Message events (new, edited, redacted) carry `room` and `seq` beside the
    ready text so that a consumer can drop what it already sent during
    backfill without decoding.
    """
    _group_send(group, _layer_message(payload, room))


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


def _layer_message(payload: dict[str, Any], room: int | None) -> dict[str, Any]:
    return {
        "type": LAYER_EVENT,
        "text": encode(payload),
        "room": room,
        "seq": payload.get("seq") if payload.get("type") in MESSAGE_EVENTS else None,
    }


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


def _caller_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop that called this worker thread through
    sync_to_async (a socket's database thread, a request's thread), if any."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != (
        os.getpid()
    ):
        return None
    return loop if loop.is_running() else None


def _group_send(group: str, message: dict[str, Any]) -> None:
    """Send through the channel layer; never raise, and never make the
    calling thread wait for the layer when an event loop can do the sending.

    Callers run after a commit: what was announced is already saved, and the
    database is the source of truth. If the layer (Redis) cannot be reached,
    the send is logged and dropped; connected members lose their sockets with
    the layer, and reconnecting with `last_seen_seq` backfills what they missed.

    - On the event loop's thread (a script driving its own loop): the loop's
      publisher sends it.
    - In a worker thread called from a running loop (the sockets' database
      thread, a request's thread): handed to that loop's publisher, and this
      thread goes on at once. Waiting here would hold the one database thread
      that every socket of the process shares for as long as the layer takes,
      which is many seconds while Redis is down.
    - Otherwise (a command, a test without a loop): sent here and waited for.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = _caller_loop()
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


def publish_on_commit(group: str, payload: dict[str, Any], *, room: int | None = None) -> None:
    """Publish once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: publish(group, payload, room=room))


def close_council_sockets_on_commit(user_id: int, council_id: int) -> None:
    """After commit, close every socket `user_id` has open on `council_id`
    (on every worker) with code 4403: they were removed or left."""

    transaction.on_commit(
        lambda: _group_send(
            user_group(user_id), {"type": LAYER_MEMBERSHIP_REVOKED, "council": council_id}
        )
    )
