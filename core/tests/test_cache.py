"""The Redis cache (django-redis) shares one connection pool per process:
Django makes a cache instance per thread and per async context, and each one
must not open connections of its own."""

import multiprocessing
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches
from django_redis import get_redis_connection
from django_redis.cache import RedisCache


def _redis_or_skip() -> RedisCache:
    if not getattr(settings, "REDIS_URL", ""):
        pytest.skip("Runs in the services suite, where the cache is Redis.")
    backend = caches["default"]
    assert isinstance(backend, RedisCache)
    return backend


def test_fresh_cache_instances_open_no_new_connections():
    backend = _redis_or_skip()
    key = f"test-cache:{uuid.uuid4().hex}"
    backend.set(key, 1, 30)
    admin = get_redis_connection("default")
    before = admin.client_list()
    # As many instances as requests or socket batches would make, all alive.
    instances = [caches.create_connection("default") for _ in range(10)]
    assert [instance.get(key) for instance in instances] == [1] * 10
    opened = {c["id"] for c in admin.client_list()} - {c["id"] for c in before}
    assert len(opened) <= 1, opened


def test_fresh_cache_instances_share_one_pool():
    _redis_or_skip()
    pool = get_redis_connection("default").connection_pool
    for _ in range(3):
        instance = caches.create_connection("default")
        instance.get("test-cache:anything")
        assert instance.client.get_client(write=True).connection_pool is pool


def _count_in_child(key: str, queue) -> None:
    queue.put(caches.create_connection("default").incr(key))


def test_a_forked_worker_counts_on_connections_of_its_own():
    """A forked worker must not write on its parent's sockets: the shared pool
    notices the fork and connects afresh."""
    backend = _redis_or_skip()
    key = f"test-cache:{uuid.uuid4().hex}"
    backend.set(key, 1, 30)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_count_in_child, args=(key, queue))
    child.start()
    child.join(30)
    assert child.exitcode == 0
    assert queue.get(timeout=5) == 2
    # The parent's connections still answer in order.
    assert backend.incr(key) == 3
