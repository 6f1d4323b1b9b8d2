"""Rate-limit counters, on whichever cache the suite runs with (memory in the
embedded suite, Redis in the services suite)."""

import time
import uuid

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from people import rate_limits


@pytest.fixture
def key():
    return f"test-rate:{uuid.uuid4().hex}"


def test_each_event_counts_once(key):
    assert [rate_limits.count(key, 60) for _ in range(3)] == [1, 2, 3]
    # The count is an ordinary cache value.
    assert cache.get(key) == 3


def test_many_keys_count_in_order_and_a_repeated_key_counts_twice(key):
    other = key + ":other"
    rate_limits.count(other, 60)
    assert rate_limits.count_many([key, other, key], 60) == [1, 2, 2]
    assert rate_limits.count_many([], 60) == []


def test_a_count_is_forgotten_a_timeout_after_its_first_event(key):
    assert rate_limits.count(key, 1) == 1
    time.sleep(0.6)
    # A later event does not stretch the window.
    assert rate_limits.count(key, 1) == 2
    time.sleep(0.6)
    assert rate_limits.count(key, 1) == 1


def test_on_redis_any_number_of_keys_is_one_round_trip(key, monkeypatch):
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.skip("Runs in the services suite, where the cache is Redis.")
    import redis

    single_commands, pipelines = [], []
    real_execute = redis.client.Pipeline.execute
    monkeypatch.setattr(
        redis.client.Redis, "execute_command", lambda *a, **k: single_commands.append(a)
    )

    def execute(pipe, *args, **kwargs):
        pipelines.append(len(pipe.command_stack))
        return real_execute(pipe, *args, **kwargs)

    monkeypatch.setattr(redis.client.Pipeline, "execute", execute)
    counts = rate_limits.count_many([f"{key}:{n}" for n in range(20)], 60)
    assert counts == [1] * 20
    assert single_commands == []
    assert pipelines == [40]
