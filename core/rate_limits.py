"""Counting events for rate limits, in the shared cache so every worker sees the
same counts (Redis in production, the process's memory in the embedded default).

Callers choose the key (who, what, and which window) and compare the count with
their limit. A key's count starts at its first event and is forgotten `timeout`
seconds later. On Redis, counting any number of keys is one round trip (SET NX
with the expiry, then INCR, for each key, in one MULTI); other caches take
add() and incr() per key.

`counting()` sends the counts and lets the caller work while Redis answers
(a council message reads the sender's membership meanwhile).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import caches
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# The pool checks a connection when it hands it out; one that Redis closes
# after that (a restart) fails the counts, which are then sent once more on
# a new connection, as redis-py's own pipelines retry. Had Redis counted
# before the connection went, the events count twice: erring towards the
# limit.
_STALE = (RedisConnectionError, RedisTimeoutError)


def count(key: str, timeout: int) -> int:
    """Count one event against `key`; how many it holds now."""
    return count_many([key], timeout)[0]


def count_many(keys: Sequence[str], timeout: int) -> list[int]:
    """Count one event against each key in turn (a key may repeat); each
    key's count just after its own event, in the same order."""
    with counting(keys, timeout) as counts:
        return counts.result()


class _Counting:
    """Counts already made (caches other than Redis count at once)."""

    def __init__(self, counts: list[int]):
        self._counts = counts

    def result(self) -> list[int]:
        return self._counts

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        return None


class _RedisCounting(_Counting):
    """One MULTI sent to Redis on a connection of the cache's pool, its
    replies not read yet. The connection goes back to the pool once they
    are read, by result() or on leaving the block; it is dropped when
    anything went wrong with it, so that no half-read reply reaches the
    pool's next user. A connection found closed is reconnected and the counts
    sent again, once."""

    def __init__(self, cache: RedisCache, keys: Sequence[str], timeout: int):
        # django-redis stores integers as plain Redis integers, so INCR counts
        # the same values that cache.get() reads. (Its own incr() costs two
        # round trips, and add() a third.)
        full_keys = [cache.make_and_validate_key(key) for key in keys]
        self._pool = get_redis_connection("default", write=True).connection_pool
        self._connection = self._pool.get_connection()
        commands = [("MULTI",)]
        for full_key in full_keys:
            commands += [("SET", full_key, 0, "EX", timeout, "NX"), ("INCR", full_key)]
        commands.append(("EXEC",))
        self._replies_before_exec = len(commands) - 1
        self._packed = self._connection.pack_commands(commands)
        self._counts = None
        try:
            try:
                self._connection.send_packed_command(self._packed)
            except _STALE:
                self._send_again()
        except BaseException:
            self._drop()
            raise

    def result(self) -> list[int]:
        if self._counts is None:
            if self._connection is None:
                raise RuntimeError("These counts were not read before their block ended.")
            try:
                try:
                    replies = self._read()
                except _STALE:
                    # Nothing was read: the connection was closed under us.
                    self._send_again()
                    replies = self._read()
            except BaseException:
                self._drop()
                raise
            self._pool.release(self._connection)
            self._connection = None
            # A command that failed inside the MULTI (a key holding text, say)
            # comes back as an error in EXEC's replies.
            failed = [reply for reply in replies if isinstance(reply, Exception)]
            if failed:
                raise failed[0]
            self._counts = [int(n) for n in replies[1::2]]
        return self._counts

    def _send_again(self) -> None:
        """Once, on a new connection (send_packed_command reconnects)."""
        self._connection.disconnect()
        self._connection.send_packed_command(self._packed)

    def _read(self) -> list:
        for _queued in range(self._replies_before_exec):
            self._connection.read_response()
        return self._connection.read_response()

    def __exit__(self, *exc_info) -> None:
        if self._connection is not None:
            # Not read: the block ended early (an error). The count stands,
            # as with count_many; the connection must not carry the replies.
            self._drop()

    def _drop(self) -> None:
        self._connection.disconnect()
        self._pool.release(self._connection)
        self._connection = None


def counting(keys: Sequence[str], timeout: int) -> _Counting:
    """count_many(), answered later: send the counts now, do other work, then
    read them with `.result()` inside the block::

        with rate_limits.counting(keys, timeout) as counts:
            ...  # other work while Redis answers
            allowed = [n <= limit for n in counts.result()]
    """
    if not keys:
        return _Counting([])
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        return _RedisCounting(cache, keys, timeout)
    return _Counting([_count_one(cache, key, timeout) for key in keys])


def _count_one(cache, key: str, timeout: int) -> int:
    cache.add(key, 0, timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is a new window.
        cache.set(key, 1, timeout)
        return 1
