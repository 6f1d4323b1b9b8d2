"""Counting events for rate limits, in the shared cache so every worker sees the
same counts (Redis in production, the process's memory in the embedded default).

Callers choose the key (who, what, and which window) and compare the count with
their limit. A key's count starts at its first event and is forgotten `timeout`
seconds later. On Redis, counting any number of keys is one round trip (SET NX
with the expiry, then INCR, for each key, in one MULTI); other caches take
add() and incr() per key.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def count(key: str, timeout: int) -> int:
    """Count one event against `key`; how many it holds now."""
    return count_many([key], timeout)[0]


def count_many(keys: Sequence[str], timeout: int) -> list[int]:
    """Count one event against each key in turn (a key may repeat); each
    key's count just after its own event, in the same order."""
    if not keys:
        return []
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return _count_on_redis(cache, keys, timeout)
    return [_count_one(cache, key, timeout) for key in keys]


def _count_on_redis(cache: RedisCache, keys: Sequence[str], timeout: int) -> list[int]:
    # Django's Redis cache stores integers as plain Redis integers, so INCR
    # counts the same values that cache.get() reads. (Its own incr() costs
    # two round trips, and add() a third.)
    full_keys = [cache.make_and_validate_key(key) for key in keys]
    client = cache._cache.get_client(full_keys[0], write=True)
    with client.pipeline(transaction=True) as pipe:
        for full_key in full_keys:
            pipe.set(full_key, 0, ex=timeout, nx=True)
            pipe.incr(full_key)
        replies = pipe.execute()
    return [int(n) for n in replies[1::2]]


def _count_one(cache, key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a new window.
        cache.set(key, 1, timeout)
        return 1
