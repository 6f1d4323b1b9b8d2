"""What the council socket reads and what it says back in words: inbound
frames decoded and validated against `events.CLIENT_EVENTS`, and the
`error` payloads and texts a person is shown when something cannot be done."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.utils.translation import gettext as _

from core.text_limits import too_long

from . import events

__all__ = ["FrameError", "error_payload", "parse_client_frame", "too_long_message"]


class FrameError(Exception):
    """An inbound frame that cannot be acted on; becomes an `error` event."""

    def __init__(self, code: str, message: str, client_id: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.client_id = client_id


def parse_client_frame(text: str) -> dict[str, Any]:
    """Decode and validate one inbound text frame; raises FrameError."""
    if len(text) > events.MAX_FRAME_CHARS:
        raise FrameError(
            events.ERROR_TOO_LARGE, _("That was too long to send. Try a shorter message.")
        )
    try:
        frame = json.loads(text)
    except ValueError:
        raise FrameError(events.ERROR_MALFORMED, _("We could not read that message.")) from None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError(events.ERROR_MALFORMED, _("We could not read that message."))
    shape = events.CLIENT_EVENTS.get(frame["type"])
    if shape is None:
        raise FrameError(events.ERROR_UNKNOWN_TYPE, _("That action is not available here."))
    client_id = frame.get("client_id") if isinstance(frame.get("client_id"), str) else None
    if shape.problems(frame):
        raise FrameError(
            events.ERROR_INVALID, _("Something in that message was not right."), client_id
        )
    warnings = frame.get("content_warnings", [])
    if not all(isinstance(t, int) and not isinstance(t, bool) for t in warnings):
        raise FrameError(
            events.ERROR_INVALID, _("Something in that message was not right."), client_id
        )
    if frame["type"] == events.MESSAGE_SEND:
        try:
            frame["client_id"] = uuid.UUID(frame["client_id"])
        except ValueError:
            raise FrameError(
                events.ERROR_INVALID, _("Something in that message was not right.")
            ) from None
    return frame


def error_payload(code: str, message: str, client_id: str | None = None) -> dict[str, Any]:
    """An `error` event: `code` is an events.ERROR_* code, `message` kind words."""
    payload = {"type": events.ERROR, "code": code, "message": str(message)}
    if client_id is not None:
        payload["client_id"] = client_id
    return payload


def too_long_message(length: int, limit: int = events.MAX_BODY_CHARS) -> str:
    """What a person is told when their message is over the limit."""
    return too_long(
        _("Messages can be up to %(limit)s characters; yours has %(length)s."), limit, length
    )
