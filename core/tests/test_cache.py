"""The Redis cache backend shares one client (and its connections) per process."""

import os
import uuid

import pytest
from django.conf import settings
from django.core.cache import caches

from core.cache import SharedPoolRedisCache


def _backend(location: str) -> SharedPoolRedisCache:
    return SharedPoolRedisCache(location, {})


def test_instances_with_the_same_settings_share_one_client():
    # Django makes a cache instance per thread and per async context; each
    # used to build its own pool and so its own connection.
    first, second = _backend("redis://127.0.0.1:1/3"), _backend("redis://127.0.0.1:1/3")
    client = first._cache.get_client(write=True)
    assert second._cache.get_client(write=True) is client
    assert second._cache.get_client() is client


def test_other_servers_and_other_processes_get_their_own_client(monkeypatch):
    first = _backend("redis://127.0.0.1:1/3")._cache.get_client(write=True)
    assert _backend("redis://127.0.0.1:1/4")._cache.get_client(write=True) is not first
    # A forked worker must not write on its parent's sockets.
    monkeypatch.setattr(os, "getpid", lambda: -1)
    assert _backend("redis://127.0.0.1:1/3")._cache.get_client(write=True) is not first


def test_fresh_cache_instances_open_no_new_connections():
    if not getattr(settings, "REDIS_URL", ""):
        pytest.skip("Runs in the services suite, where the cache is Redis.")
    backend = caches["default"]
    assert isinstance(backend, SharedPoolRedisCache)
    key = f"test-cache:{uuid.uuid4().hex}"
    backend.set(key, 1, 30)
    admin = backend._cache.get_client(write=True)
    before = admin.client_list()
    # As many instances as requests or socket batches would make, all alive.
    instances = [caches.create_connection("default") for _ in range(10)]
    assert [instance.get(key) for instance in instances] == [1] * 10
    opened = {c["id"] for c in admin.client_list()} - {c["id"] for c in before}
    assert len(opened) <= 1, opened
