"""Why a council action was refused: the error every service raises, with
an `events.ERROR_*` code the socket sends and a kind sentence for the person."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .. import events

__all__ = ["CouncilActionError", "NotAllowed", "require"]


class CouncilActionError(Exception):
    """An action that cannot be done; `code` is an events.ERROR_* code and
    `message` a kind sentence to show the person."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class NotAllowed(CouncilActionError):
    def __init__(self, message: str | None = None):
        super().__init__(events.ERROR_FORBIDDEN, message or _("You cannot do that here."))


def require(condition: bool, message: str | None = None) -> None:
    if not condition:
        raise NotAllowed(message)
