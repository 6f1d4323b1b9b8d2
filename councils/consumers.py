"""The council workspace socket: parse, check permission, call a service,
reply. Domain rules live in `councils.services`; names and shapes of events in
`councils.events`, and every payload leaves through `councils.publishing`."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import DatabaseError
from django.utils.translation import gettext as _

from core.realtime import (
    CLOSE_CODE_REVOKED,
    CLOSE_CODE_UNAVAILABLE,
    LAYER_UNAVAILABLE_ERRORS,
    channel_layer_outage,
    database_outage,
    session_group,
    user_group,
)
from core.socket_database import on_database_thread

from . import decisions, events, frames, permissions, publishing
from .models import Room
from .rate_limits import socket_event_allowed, socket_events_counting
from .services import posting
from .services.errors import CouncilActionError
from .services.messages import edit_message, redact_message
from .services.presence import announce_presence, announce_typing
from .services.replay import backfill, resync_payload
from .services.rooms import room_of

logger = logging.getLogger(__name__)


def _int_param(params: dict, name: str) -> int | None:
    try:
        return int(params[name][0])
    except (KeyError, IndexError, ValueError):
        return None


# How long a live event waits for an earlier one of its room that has not
# arrived before the gap is read from the database. Events reach a socket out
# of order when two workers publish at once (their sends cross in Redis) and
# go missing when a publish fails (Redis restarting); either way every socket
# still sends its member each seq once, in order.
GAP_WAIT = 0.5


def _catch_up(room, last_seen: int) -> tuple[list[dict], int]:
    """What a socket whose member has seen up to `last_seen` is sent next, and
    the seq that brings them to: the events they missed, or a resync (reload)
    when those cannot be replayed or `last_seen` is ahead of the room."""
    if last_seen <= room.last_seq:
        replay = backfill(room, last_seen)
        if replay is not None:
            # Events are numbered without a gap (backfill checks).
            return replay, last_seen + len(replay)
    resync = resync_payload(room)
    return [resync], resync["latest_seq"]


def _open_room(user, council_id: int, room_id: int | None, last_seen: int | None):
    """Connect-time check and backfill, in one trip to the database thread:
    the room's id, what to replay, and the last seq that covers."""
    membership = permissions.active_membership(user, council_id)
    if not permissions.can_read(membership):
        return None
    room = room_of(membership, room_id)
    if room is None:
        return None
    if last_seen is None:
        # Nothing asked for: live events from the room's next seq on.
        return room.pk, [], room.last_seq
    return room.pk, *_catch_up(room, last_seen)


def _fill_gap(user, council_id: int, room_id: int, last_sent: int):
    """A gap's events from the database, for a member who may still read the
    room; None when they may not (the socket closes)."""
    if not permissions.can_read(permissions.active_membership(user, council_id)):
        return None
    room = Room.objects.filter(pk=room_id, council_id=council_id).first()
    if room is None:
        return None
    return _catch_up(room, last_sent)


def _rate_limited(client_id: str | None = None) -> dict:
    return frames.error_payload(
        events.ERROR_RATE_LIMITED,
        _("You are sending very fast. Please wait a moment and try again."),
        client_id,
    )


def _save_sends(sends: list[posting.MessageSend]) -> list:
    """In the database thread: each send's rate limit, then every allowed one
    saved together. One entry per send: an error payload when rate limited,
    else its posting.SendOutcome. The senders' memberships are read while
    the cache counts (a round trip to Redis in production), so that the two
    waits overlap; nothing is written before the counts are in."""
    with socket_events_counting([send.user.pk for send in sends]) as counted:
        memberships = permissions.active_memberships((send.council_id, send.user) for send in sends)
        allowed = counted()
    saved = iter(
        posting.post_messages(
            [s for s, ok in zip(sends, allowed, strict=True) if ok], memberships=memberships
        )
    )
    return [
        next(saved) if ok else _rate_limited(str(send.client_id))
        for send, ok in zip(sends, allowed, strict=True)
    ]


class _SendBatcher(publishing.LoopQueue):
    """Messages sent on any socket of this process, saved in batches.

    Every socket shares one database thread. When it is free, a message goes
    alone at once (no waiting when the room is quiet); while it is busy, the
    messages that arrive queue up and are then saved together in one
    transaction (posting.post_messages: one membership query, one seq UPDATE
    per room, one INSERT). Each keeps its own rate limit, permission check,
    error and client_id. Once saved, the new messages are handed to the
    event loop's publisher in seq order, so the database thread never waits
    for the channel layer; each sender goes on once its own message has been
    published, so that what a socket does next is announced after it."""

    async def submit(self, send: posting.MessageSend):
        future = self.loop.create_future()
        self.put((send, future))
        return await future

    async def work(self) -> None:
        batch = list(self.waiting)
        self.waiting.clear()
        try:
            results = await on_database_thread(_save_sends)([s for s, _ in batch])
        except Exception as error:  # noqa: BLE001 - each sender is told
            for _send, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        for (_send, future), result in zip(batch, results, strict=True):
            if isinstance(result, posting.SendOutcome) and result.created:
                room = result.message.room_id
                publishing.publish_soon(
                    events.room_group(room),
                    result.payload,
                    room=room,
                    on_sent=functools.partial(_resolve, future, result),
                )
            else:
                _resolve(future, result)


def _resolve(future: asyncio.Future, result) -> None:
    if not future.done():
        future.set_result(result)


class CouncilConsumer(AsyncJsonWebsocketConsumer):
    """One socket per member per room of a council."""

    groups_joined: tuple[str, ...] = ()
    # Set once this socket told the council its member is here (opt-in), so
    # that closing it tells them they left.
    announced_here = False
    # The room's message events go out in seq order, each once: the next seq
    # to send, and later ones that arrived first (seq -> frame), waiting for it.
    next_seq = 0
    held: dict[int, str]
    gap_timer: asyncio.TimerHandle | None = None
    gap_filling: asyncio.Task | None = None
    # Set once the handshake was accepted, and once this socket was told the
    # service is unavailable (it is closing).
    accepted = False
    refused = False

    async def __call__(self, scope, receive, send):
        """Channels' consumer loop; when the channel layer cannot reach Redis
        (on connecting, or later while waiting for events), the member is told
        to come back later (`_refuse_for_now`) instead of the handshake
        failing with a server error and a traceback per attempt."""
        try:
            await super().__call__(scope, receive, send)
        except LAYER_UNAVAILABLE_ERRORS as error:
            retry_after = channel_layer_outage.failed(error)
            # The member may have gone meanwhile: ASGI servers then raise an
            # OSError (uvicorn) or a RuntimeError (daphne) on sending.
            with contextlib.suppress(OSError, RuntimeError):
                await self._refuse_for_now(retry_after)
            await self._leave()

    async def _refuse_for_now(self, retry_after: int) -> None:
        """Accept (if not yet), say when to try again, and close with
        CLOSE_CODE_UNAVAILABLE: a browser cannot read an HTTP status of a
        refused handshake, but it can read this."""
        if self.refused:
            return
        self.refused = True
        if not self.accepted:
            await self.accept()
            self.accepted = True
        await self.send_json(
            {
                "type": events.UNAVAILABLE,
                "message": _("The live connection is down for a moment. Trying again soon…"),
                "retry_after": retry_after,
            }
        )
        await self.close(code=CLOSE_CODE_UNAVAILABLE)

    async def send_json(self, content, close=False):
        """Every payload this socket sends itself (replay, resync, errors,
        unavailable) is held to its declaration, as published ones are."""
        await super().send_json(publishing.checked(content), close=close)

    async def connect(self):
        user = self.scope.get("user")
        self.council_id = self.scope["url_route"]["kwargs"]["council_id"]
        params = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        last_seen = _int_param(params, "last_seen_seq")
        try:
            opened = await on_database_thread(_open_room)(
                user, self.council_id, _int_param(params, "room"), last_seen
            )
        except DatabaseError as error:
            await self._refuse_for_now(database_outage.failed(error))
            return
        database_outage.answered()
        if opened is None:
            await self.close(code=CLOSE_CODE_REVOKED)
            return
        self.user = user
        self.room_id, replay, sent_through = opened
        self.next_seq = sent_through + 1
        self.held = {}
        self.seq_lock = asyncio.Lock()
        session = self.scope.get("session")
        session_key = getattr(session, "session_key", None)
        self.groups_joined = (
            events.room_group(self.room_id),
            events.council_group(self.council_id),
            user_group(user.pk),
            # Signing out of this device closes this socket and no other.
            *([session_group(session_key)] if session_key else []),
        )
        try:
            for group in self.groups_joined:
                await self.channel_layer.group_add(group, self.channel_name)
        except LAYER_UNAVAILABLE_ERRORS as error:
            await self._refuse_for_now(channel_layer_outage.failed(error))
            return
        channel_layer_outage.answered()
        await self.accept()
        self.accepted = True
        # Live events up to sent_through that arrive while (or after)
        # replaying are dropped: the member has them.
        for payload in replay:
            await self.send_json(payload)

    async def disconnect(self, code):
        await self._leave()

    async def _leave(self) -> None:
        """What closing a socket undoes, whichever way it closed; never
        raises for an unreachable channel layer."""
        if self.gap_timer is not None:
            self.gap_timer.cancel()
        if self.gap_filling is not None:
            self.gap_filling.cancel()
        if self.announced_here:
            self.announced_here = False
            # Removed meanwhile (CouncilActionError): nothing more is said about them.
            with contextlib.suppress(CouncilActionError):
                await on_database_thread(announce_presence)(
                    user=self.user, council_id=self.council_id, here=False
                )
        groups, self.groups_joined = self.groups_joined, ()
        try:
            for group in groups:
                await self.channel_layer.group_discard(group, self.channel_name)
        except LAYER_UNAVAILABLE_ERRORS as error:
            # Redis forgets the membership itself (channels-redis group expiry).
            channel_layer_outage.failed(error)

    # --- Inbound ---------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:
            await self.send_json(
                frames.error_payload(events.ERROR_MALFORMED, _("We could not read that message."))
            )
            return
        try:
            frame = frames.parse_client_frame(text_data)
        except frames.FrameError as error:
            await self.send_json(frames.error_payload(error.code, error.message, error.client_id))
            return
        client_id = str(frame["client_id"]) if frame["type"] == events.MESSAGE_SEND else None
        try:
            if frame["type"] == events.MESSAGE_SEND:
                reply = await self._send_message(frame)
            else:
                reply = await on_database_thread(self._handle)(frame)
        except CouncilActionError as error:
            await self.send_json(frames.error_payload(error.code, error.message, client_id))
            # Removed since connecting: nothing more is shown on this socket.
            if await on_database_thread(self._lost_access)():
                await self.close(code=CLOSE_CODE_REVOKED)
            return
        except DatabaseError:
            # The connection dropped mid-action (a restart or failover). The
            # socket stays open and the sender may retry: a message's client_id
            # makes the retry save it once, whether or not this try committed.
            # The database thread closes the broken connection when it returns.
            logger.exception("Database error during a council socket action.")
            await self.send_json(
                frames.error_payload(
                    events.ERROR_UNAVAILABLE,
                    _("We could not save that just now. Please try again."),
                    client_id,
                )
            )
            return
        if reply is not None:
            await self.send_json(reply)

    async def _send_message(self, frame: dict) -> dict | None:
        """Queue the message with the others arriving now (see _SendBatcher);
        returns the reply for this socket alone, or raises this frame's error."""
        outcome = await _SendBatcher.for_loop(asyncio.get_running_loop()).submit(
            posting.MessageSend(
                user=self.user,
                council_id=self.council_id,
                room_id=frame.get("room", self.room_id),
                body=frame["body"],
                client_id=frame["client_id"],
                content_warnings=frame.get("content_warnings", []),
            )
        )
        if isinstance(outcome, dict):
            return outcome  # Rate limited.
        if outcome.error is not None:
            raise outcome.error
        # Created: everyone, the sender too, hears of it from the room group.
        # A retry: only the sender hears about it again.
        return None if outcome.created else outcome.payload

    def _lost_access(self) -> bool:
        self.user.refresh_from_db(fields=["is_active"])
        return not permissions.can_read(permissions.active_membership(self.user, self.council_id))

    def _handle(self, frame: dict) -> dict | None:
        """Runs in the database thread for every frame but message.send (see
        _send_message); every branch re-checks permission through the service
        it calls. The rate limit is checked here too, so that a frame costs one
        trip to the database thread, not two."""
        kind = frame["type"]
        if not socket_event_allowed(self.user.pk):
            return _rate_limited()
        user, council_id = self.user, self.council_id
        if kind == events.MESSAGE_EDIT:
            edit_message(
                user=user,
                council_id=council_id,
                message_id=frame["message"],
                body=frame["body"],
                content_warnings=frame.get("content_warnings"),
            )
        elif kind == events.MESSAGE_REDACT:
            redact_message(user=user, council_id=council_id, message_id=frame["message"])
        elif kind == events.TYPING:
            announce_typing(
                user=user, council_id=council_id, room_id=frame.get("room", self.room_id)
            )
        elif kind == events.PRESENCE:
            announced = announce_presence(user=user, council_id=council_id, here=frame["here"])
            self.announced_here = announced and frame["here"]
            if not announced:
                return frames.error_payload(
                    events.ERROR_FORBIDDEN,
                    _("Presence is off. You can turn it on in your council settings."),
                )
        elif kind == events.DECISION_POSITION:
            decisions.take_position(
                user=user,
                council_id=council_id,
                decision_id=frame["decision"],
                choice=frame["choice"],
                reason=frame.get("reason", ""),
                options=frame.get("options", []),
            )
        return None

    async def dispatch(self, message):
        """As channels' own, less its `aclose_old_connections()` before every
        handler: that is a trip to the one database thread for every event
        forwarded, so a message to a room of 200 queued 200 trips behind the
        database work of everyone else's messages. Every database call here
        goes through on_database_thread, which closes a broken or old
        connection itself, before and after."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    # --- From the channel layer (no database work here) -------------------------
    async def councils_event(self, event):
        seq = event.get("seq")
        if seq is None or event.get("room") != self.room_id:
            await self.send(text_data=event["text"])
            return
        async with self.seq_lock:
            if seq >= self.next_seq:
                self.held[seq] = event["text"]
                await self._send_held()

    async def _send_held(self):
        """Send the held events that are next in seq order; if a gap remains,
        give its events GAP_WAIT to arrive before reading them from the
        database. Called holding seq_lock."""
        while self.next_seq in self.held:
            await self.send(text_data=self.held.pop(self.next_seq))
            self.next_seq += 1
        if not self.held and self.gap_timer is not None:
            self.gap_timer.cancel()
            self.gap_timer = None
        elif self.held and self.gap_timer is None:
            self.gap_timer = asyncio.get_running_loop().call_later(GAP_WAIT, self._gap_waited)

    def _gap_waited(self):
        self.gap_timer = None
        self.gap_filling = asyncio.ensure_future(self._fill_gap())

    async def _fill_gap(self):
        """_fill_gap_now in a task of its own, which must leave nothing it
        raises unread."""
        try:
            await self._fill_gap_now()
        except (OSError, RuntimeError) as error:
            # Sending to a socket that its member closed meanwhile: ASGI
            # servers raise an OSError (uvicorn) or a RuntimeError (daphne).
            # The socket's disconnect follows; the member catches up on return.
            logger.info("A council socket closed while its missed events were sent: %r", error)
        except Exception:
            logger.exception("Could not send a council room's missed events.")

    async def _fill_gap_now(self):
        async with self.seq_lock:
            if not self.held:
                return
            try:
                filled = await on_database_thread(_fill_gap)(
                    self.user, self.council_id, self.room_id, self.next_seq - 1
                )
            except DatabaseError:
                # Tried again after the next wait; reconnecting also catches up.
                logger.exception("Could not read a council room's missed events.")
                self.gap_timer = asyncio.get_running_loop().call_later(GAP_WAIT, self._gap_waited)
                return
            if filled is None:
                await self.close(code=CLOSE_CODE_REVOKED)
                return
            replay, sent_through = filled
            for payload in replay:
                await self.send_json(payload)
            self.next_seq = sent_through + 1
            self.held = {seq: text for seq, text in self.held.items() if seq >= self.next_seq}
            await self._send_held()

    async def councils_membership_revoked(self, event):
        if event.get("council") == self.council_id:
            await self.close(code=CLOSE_CODE_REVOKED)

    async def account_revoked(self, event):
        await self.close(code=CLOSE_CODE_REVOKED)
