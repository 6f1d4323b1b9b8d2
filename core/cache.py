"""Django's Redis cache, with one connection pool per process instead of one per
cache instance.

Django keeps a cache instance per thread and, under ASGI, per async context:
every request, and every socket batch that runs in a context of its own, gets
a fresh instance, and each instance builds its own redis-py connection pool.
So each of them opened a new TCP connection to Redis and dropped it after
(measured: 2.5 to 3 ms of a council message's 9 ms went into one rate-limit
round trip, nearly all of it connecting). Here every instance of the same
settings shares one client, and so one pool, per process; redis-py's clients
and pools are thread-safe, and a pool resets itself in a forked child. (Making
a redis-py client costs more than the round trip itself, so it is kept too.)
"""

from __future__ import annotations

import os
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


class SharedPoolRedisCacheClient(RedisCacheClient):
    """One redis-py client (and so one connection pool) per server and
    options in each process. redis-py's clients are thread-safe: each command
    takes a connection from the pool and gives it back."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._options_key = tuple(
            sorted((name, repr(value)) for name, value in self._pool_options.items())
        )

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        shared = (os.getpid(), self._pool_class, self._servers[index], self._options_key)
        client = _clients.get(shared)
        if client is None:
            with _clients_lock:
                client = _clients.get(shared)
                if client is None:
                    pool = self._pool_class.from_url(self._servers[index], **self._pool_options)
                    client = _clients[shared] = self._client(connection_pool=pool)
        return client


class SharedPoolRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache`, its connections shared
    by every instance in the process."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedPoolRedisCacheClient
