"""Channel-layer groups through which the server closes open sockets (council
workspace): one per person, for signing out everywhere, removal and disabled
accounts, and one per signed-in session, for signing out of one device.
Consumers join both on connect and close with code 4403 when they receive
ACCOUNT_REVOKED."""

import hashlib
import logging
import threading
import time
from collections.abc import Iterable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

ACCOUNT_REVOKED = "account.revoked"
CLOSE_CODE_REVOKED = 4403


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def session_group(session_key: str) -> str:
    """The group of one session's sockets. Named by a hash, because a session
    key is a credential and group names are stored in Redis."""
    return "session." + hashlib.sha256(session_key.encode()).hexdigest()[:40]


def _close(groups: Iterable[str], reason: str) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    for group in groups:
        async_to_sync(layer.group_send)(group, {"type": ACCOUNT_REVOKED, "reason": reason})


def close_user_sockets(user_id: int, reason: str) -> None:
    """Ask every socket of `user_id`, on every worker, to close at once."""
    _close([user_group(user_id)], reason)


def close_session_sockets(session_keys: Iterable[str], reason: str) -> None:
    """Ask the sockets opened in these sessions (only) to close at once."""
    _close([session_group(key) for key in session_keys if key], reason)


# --- Outages of the channel layer ---------------------------------------------
# A socket that the server cannot serve right now (Redis, which carries the
# channel layer, or the database is unreachable) is accepted and closed at
# once with this code, after a last `unavailable` event that says when to try
# again. The page waits at least that long, plus its own backoff and jitter.
CLOSE_CODE_UNAVAILABLE = 4503

# What the channel layer raises when Redis cannot be reached: refused, reset
# or timed-out connections, and a Redis still loading its data after a restart
# (BusyLoadingError is a ConnectionError).
LAYER_UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    RedisConnectionError,
    RedisTimeoutError,
)

# How long a refused socket is asked to wait: the outage's age so far, within
# these bounds, so that a long outage is not polled as often as a blip.
RETRY_AFTER_MIN = 2
RETRY_AFTER_MAX = 30


class ServiceOutage:
    """One process's view of whether a service (the channel layer, the
    database) is reachable, so that an outage is logged once when it starts
    and once when it ends, however many sockets and publishes meet it in
    between: during a three-second Redis restart, dozens of members
    reconnect, and a traceback each would bury whatever else was logged."""

    def __init__(self, name: str, logger: logging.Logger):
        self.name = name
        self.logger = logger
        self.started_at: float | None = None
        self.failures = 0
        self._lock = threading.Lock()

    @property
    def ongoing(self) -> bool:
        return self.started_at is not None

    def failed(self, error: BaseException) -> int:
        """Record one failure; logs (once) that the outage started. Returns
        the seconds a refused client should wait before trying again."""
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            if self.started_at is None:
                self.started_at = now
                self.failures = 1
                self.logger.warning(
                    "%s is unreachable (%s: %s); council sockets are refused with code %s "
                    "until it is back.",
                    self.name,
                    type(error).__name__,
                    error,
                    CLOSE_CODE_UNAVAILABLE,
                )
            elapsed = now - self.started_at
        return int(min(RETRY_AFTER_MAX, max(RETRY_AFTER_MIN, elapsed)))

    def answered(self) -> None:
        """Record a success; logs (once) that the outage is over."""
        if self.started_at is None:
            return
        with self._lock:
            if self.started_at is None:
                return
            lasted = time.monotonic() - self.started_at
            failures, self.started_at, self.failures = self.failures, None, 0
        self.logger.warning(
            "%s answers again after %.1f s (%d failed calls meanwhile).",
            self.name,
            lasted,
            failures,
        )


logger = logging.getLogger(__name__)

# Per process: every worker logs its own view of the outage once.
channel_layer_outage = ServiceOutage("The channel layer (Redis)", logger)
database_outage = ServiceOutage("The database", logger)
