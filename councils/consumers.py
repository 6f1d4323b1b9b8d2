"""The council workspace socket: parse, check permission, call a service,
reply. Domain rules live in `councils.services`; names and shapes of events in
`councils.events`."""

from __future__ import annotations

import contextlib
import logging
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import DatabaseError
from django.utils.translation import gettext as _

from people.realtime import CLOSE_CODE_REVOKED, session_group, user_group

from . import decisions, events, permissions, services
from .rate_limits import socket_event_allowed

logger = logging.getLogger(__name__)


def _int_param(params: dict, name: str) -> int | None:
    try:
        return int(params[name][0])
    except (KeyError, IndexError, ValueError):
        return None


def _open_room(user, council_id: int, room_id: int | None, last_seen: int | None):
    """Connect-time check and backfill, in one trip to the database thread."""
    membership = permissions.active_membership(user, council_id)
    if not permissions.can_read(membership):
        return None
    room = services.room_of(membership, room_id)
    if room is None:
        return None
    replay: list | None = []
    if last_seen is not None:
        replay = services.backfill(room, last_seen)
        if replay is None:
            replay = [services.resync_payload(room)]
    return room.pk, replay


class CouncilConsumer(AsyncJsonWebsocketConsumer):
    """One socket per member per room of a council."""

    groups_joined: tuple[str, ...] = ()
    # Set once this socket told the council its member is here (opt-in), so
    # that closing it tells them they left.
    announced_here = False

    async def connect(self):
        user = self.scope.get("user")
        self.council_id = self.scope["url_route"]["kwargs"]["council_id"]
        params = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        last_seen = _int_param(params, "last_seen_seq")
        opened = await database_sync_to_async(_open_room)(
            user, self.council_id, _int_param(params, "room"), last_seen
        )
        if opened is None:
            await self.close(code=CLOSE_CODE_REVOKED)
            return
        self.user = user
        self.room_id, replay = opened
        session = self.scope.get("session")
        session_key = getattr(session, "session_key", None)
        self.groups_joined = (
            events.room_group(self.room_id),
            events.council_group(self.council_id),
            user_group(user.pk),
            # Signing out of this device closes this socket and no other.
            *([session_group(session_key)] if session_key else []),
        )
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        # Live events that arrive while (or after) replaying are compared with
        # this so the client never gets the same seq twice.
        self.last_sent_seq = last_seen or 0
        for payload in replay:
            await self.send_json(payload)
            if payload["type"] in events.MESSAGE_EVENTS:
                self.last_sent_seq = max(self.last_sent_seq, payload["seq"])
        if last_seen is None:
            self.last_sent_seq = -1

    async def disconnect(self, code):
        if self.announced_here:
            self.announced_here = False
            # Removed meanwhile (CouncilActionError): nothing more is said about them.
            with contextlib.suppress(services.CouncilActionError):
                await database_sync_to_async(services.announce_presence)(
                    user=self.user, council_id=self.council_id, here=False
                )
        for group in self.groups_joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = ()

    # --- Inbound ---------------------------------------------------------------
    async def receive(self, text_data=None, bytes_data=None):
        if text_data is None:
            await self.send_json(
                events.error_payload(events.ERROR_MALFORMED, _("We could not read that message."))
            )
            return
        try:
            frame = events.parse_client_frame(text_data)
        except events.FrameError as error:
            await self.send_json(events.error_payload(error.code, error.message, error.client_id))
            return
        client_id = str(frame["client_id"]) if frame["type"] == events.MESSAGE_SEND else None
        try:
            reply = await database_sync_to_async(self._handle)(frame)
        except services.CouncilActionError as error:
            await self.send_json(events.error_payload(error.code, error.message, client_id))
            # Removed since connecting: nothing more is shown on this socket.
            if await database_sync_to_async(self._lost_access)():
                await self.close(code=CLOSE_CODE_REVOKED)
            return
        except DatabaseError:
            # The connection dropped mid-action (a restart or failover). The
            # socket stays open and the sender may retry: a message's client_id
            # makes the retry save it once, whether or not this try committed.
            # The database thread closes the broken connection when it returns.
            logger.exception("Database error during a council socket action.")
            await self.send_json(
                events.error_payload(
                    events.ERROR_UNAVAILABLE,
                    _("We could not save that just now. Please try again."),
                    client_id,
                )
            )
            return
        if reply is not None:
            await self.send_json(reply)

    def _lost_access(self) -> bool:
        self.user.refresh_from_db(fields=["is_active"])
        return not permissions.can_read(permissions.active_membership(self.user, self.council_id))

    def _handle(self, frame: dict) -> dict | None:
        """Runs in the database thread; every branch re-checks permission
        through the service it calls. The rate limit is checked here too, so
        that a frame costs one trip to the database thread, not two."""
        kind = frame["type"]
        if not socket_event_allowed(self.user.pk):
            return events.error_payload(
                events.ERROR_RATE_LIMITED,
                _("You are sending very fast. Please wait a moment and try again."),
                str(frame["client_id"]) if kind == events.MESSAGE_SEND else None,
            )
        user, council_id = self.user, self.council_id
        if kind == events.MESSAGE_SEND:
            message, created = services.post_message(
                user=user,
                council_id=council_id,
                room_id=frame.get("room", self.room_id),
                body=frame["body"],
                client_id=frame["client_id"],
                content_warnings=frame.get("content_warnings", []),
            )
            if created:
                return None
            # A retry: only the sender hears about it again.
            names = services.names_for(message.room.council, [user.pk])
            return services.message_payload(message, names, events.MESSAGE_NEW)
        if kind == events.MESSAGE_EDIT:
            services.edit_message(
                user=user,
                council_id=council_id,
                message_id=frame["message"],
                body=frame["body"],
                content_warnings=frame.get("content_warnings"),
            )
        elif kind == events.MESSAGE_REDACT:
            services.redact_message(user=user, council_id=council_id, message_id=frame["message"])
        elif kind == events.TYPING:
            services.announce_typing(
                user=user, council_id=council_id, room_id=frame.get("room", self.room_id)
            )
        elif kind == events.PRESENCE:
            announced = services.announce_presence(
                user=user, council_id=council_id, here=frame["here"]
            )
            self.announced_here = announced and frame["here"]
            if not announced:
                return events.error_payload(
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

    # --- From the channel layer (no database work here) -------------------------
    async def councils_event(self, event):
        seq = event.get("seq")
        if seq is not None and event.get("room") == self.room_id:
            if seq <= self.last_sent_seq:
                return
            self.last_sent_seq = seq
        await self.send(text_data=event["text"])

    async def councils_membership_revoked(self, event):
        if event.get("council") == self.council_id:
            await self.close(code=CLOSE_CODE_REVOKED)

    async def account_revoked(self, event):
        await self.close(code=CLOSE_CODE_REVOKED)
