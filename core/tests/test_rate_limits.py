"""Rate-limit counters, on whichever cache the suite runs with (memory in the
embedded suite, Redis in the services suite)."""

import time
import uuid

import pytest
from django.core.cache import cache, caches
from django_redis import get_redis_connection
from django_redis.cache import RedisCache

from core import rate_limits


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


def _redis_or_skip() -> RedisCache:
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        pytest.skip("Runs in the services suite, where the cache is Redis.")
    return backend


def test_on_redis_any_number_of_keys_is_one_round_trip(key, monkeypatch):
    _redis_or_skip()
    import redis

    single_commands, sends = [], []
    real_execute = redis.client.Redis.execute_command
    real_send = redis.connection.AbstractConnection.send_packed_command

    def execute(client, *args, **kwargs):
        # Recorded, and still sent: the cache clean-up after the test uses it.
        single_commands.append(args)
        return real_execute(client, *args, **kwargs)

    monkeypatch.setattr(redis.client.Redis, "execute_command", execute)

    def send(connection, command, *args, **kwargs):
        sends.append(command)
        return real_send(connection, command, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", send)
    counts = rate_limits.count_many([f"{key}:{n}" for n in range(20)], 60)
    assert counts == [1] * 20
    assert single_commands == []
    assert len(sends) == 1


def test_counts_sent_early_are_read_after_other_work(key):
    with rate_limits.counting([key, key + ":b", key], 60) as counts:
        # Meanwhile, the same keys counted elsewhere (another worker).
        assert rate_limits.count(key + ":b", 60) == 2
        assert counts.result() == [1, 1, 2]
        assert counts.result() == [1, 1, 2]  # Read once, kept.
    assert rate_limits.count(key, 60) == 3
    with rate_limits.counting([], 60) as counts:
        assert counts.result() == []


def test_counts_left_unread_still_count_and_leave_the_pool_clean(key):
    with pytest.raises(ZeroDivisionError), rate_limits.counting([key], 60) as counts:
        1 / 0  # noqa: B018 - the caller's work fails before reading
    # The event was counted, and no stale reply reaches the next user of the pool.
    assert rate_limits.count(key, 60) == 2
    assert cache.get(key) == 2
    if isinstance(caches["default"], RedisCache):
        with pytest.raises(RuntimeError, match="not read"):
            counts.result()


def test_a_failed_count_on_redis_raises_and_the_connection_stays_usable(key):
    backend = _redis_or_skip()
    import redis

    get_redis_connection("default").set(backend.make_and_validate_key(key), "text")
    with pytest.raises(redis.ResponseError):
        rate_limits.count_many([key + ":fine", key], 60)
    assert rate_limits.count(key + ":other", 60) == 1


@pytest.mark.parametrize("fails", ["send_packed_command", "read_response"])
def test_a_connection_closed_under_the_counts_is_reconnected_once(key, monkeypatch, fails):
    """The pool checks a connection when it hands it out; Redis closing it
    between that and the counts (a restart) costs one more try, not an error."""
    _redis_or_skip()
    import redis

    real = getattr(redis.connection.AbstractConnection, fails)
    calls = []

    def once_closed(connection, *args, **kwargs):
        calls.append(fails)
        if len(calls) == 1:
            raise redis.exceptions.ConnectionError("Connection closed by server.")
        return real(connection, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, fails, once_closed)
    counts = rate_limits.count_many([key, key], 60)
    monkeypatch.undo()
    if fails == "send_packed_command":
        assert counts == [1, 2]
    else:
        # Redis may have counted before the connection went: counted twice
        # then, which errs on the side of the limit.
        assert counts == [3, 4]
    assert rate_limits.count(key, 60) == counts[-1] + 1  # The pool is clean afterwards.
