"""Every real-time event of the council workspace, declared once: names,
groups and the shape of every payload. Nothing here sends anything; that is
`councils.publishing`, and the socket's reading of frames is `councils.frames`.

- Client events (browser → server) and server events (server → browser), each
  with the fields and types of its payload (`CLIENT_EVENTS`, `SERVER_EVENTS`),
  and the channel-layer messages the consumer handles (`LAYER_MESSAGES`).
  `check_server_payload()` lists what is wrong with an outbound payload; the
  publisher holds every payload to it when `COUNCILS_CHECK_PAYLOADS` is on
  (always in tests).
- Group names (`room_group`, `council_group`; the per-user group lives in
  `core.realtime`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models.message import MAX_BODY_CHARS as MAX_BODY_CHARS

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


# --- Channel-layer message shapes ---------------------------------------------
LAYER_MESSAGES: dict[str, EventShape] = {
    # A server event, serialised once by the publisher; `room` and `seq` beside
    # it let a socket order a room's message events without decoding them.
    LAYER_EVENT: _shape({"text": _str, "room": _opt_int, "seq": _opt_int}),
    LAYER_MEMBERSHIP_REVOKED: _shape({"council": _int}),
}


# --- Checks -------------------------------------------------------------------
def check_server_payload(payload: dict[str, Any]) -> list[str]:
    """Problems of an outbound payload against its declaration ([] if none)."""
    return _check(SERVER_EVENTS, payload)


def check_layer_message(message: dict[str, Any]) -> list[str]:
    """Problems of a channel-layer message against its declaration ([] if none)."""
    return _check(LAYER_MESSAGES, message)


def _check(declared: dict[str, EventShape], payload: dict[str, Any]) -> list[str]:
    if not isinstance(payload, dict):
        return [f"not a JSON object: {type(payload).__name__}"]
    kind = payload.get("type")
    shape = declared.get(kind) if isinstance(kind, str) else None
    if shape is None:
        return [f"undeclared event {payload.get('type')!r}"]
    return shape.problems(payload)
