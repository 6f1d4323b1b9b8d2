"""Per-person limit on socket events, counted in the shared cache (Redis in
production) so that every worker sees the same count."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence

from django.conf import settings

from core import rate_limits


def socket_event_allowed(user_id: int) -> bool:
    """Count one event for `user_id`; False once they exceed the limit of
    COUNCILS_SOCKET_EVENTS events per COUNCILS_SOCKET_WINDOW seconds."""
    return socket_events_allowed([user_id])[0]


def socket_events_allowed(user_ids: Sequence[int]) -> list[bool]:
    """socket_event_allowed for each id in turn (one may repeat), counted in
    one round trip to the cache."""
    with socket_events_counting(user_ids) as allowed:
        return allowed()


@contextlib.contextmanager
def socket_events_counting(user_ids: Sequence[int]) -> Iterator[Callable[[], list[bool]]]:
    """socket_events_allowed, answered later (core.rate_limits.counting):
    the block gets a function that reads the answer once the caller has done
    other work."""
    limit = getattr(settings, "COUNCILS_SOCKET_EVENTS", 30)
    window = getattr(settings, "COUNCILS_SOCKET_WINDOW", 10)
    current = int(time.time() // window)
    keys = [f"councils:socket-events:{user_id}:{current}" for user_id in user_ids]
    with rate_limits.counting(keys, window + 1) as counts:
        yield lambda: [n <= limit for n in counts.result()]
