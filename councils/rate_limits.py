"""Per-person limit on socket events, counted in the shared cache (Redis in
production) so that every worker sees the same count."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def socket_event_allowed(user_id: int) -> bool:
    """Count one event for `user_id`; False once they exceed the limit of
    COUNCILS_SOCKET_EVENTS events per COUNCILS_SOCKET_WINDOW seconds."""
    limit = getattr(settings, "COUNCILS_SOCKET_EVENTS", 30)
    window = getattr(settings, "COUNCILS_SOCKET_WINDOW", 10)
    key = f"councils:socket-events:{user_id}:{int(time.time() // window)}"
    cache.add(key, 0, window + 1)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a new window.
        cache.set(key, 1, window + 1)
        count = 1
    return count <= limit
