"""The channels-redis layer as configured for production (one function builds
it for production, tests and benchmarks)."""

import asyncio
import os

import pytest
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from django.test import override_settings

from config.settings.base import redis_channel_layer


def _layer(url: str, prefix: str) -> RedisChannelLayer:
    return RedisChannelLayer(**redis_channel_layer(url, prefix)["CONFIG"])


def test_reads_wait_longer_than_the_layers_idle_wait():
    """A worker's connection waits up to brpop_timeout seconds for its next
    event; a shorter read timeout turns every quiet spell into an error that
    closes the worker's sockets (see the multi-worker test for the symptom)."""
    (host,) = _layer("redis://127.0.0.1:6379/0", "x").hosts
    assert host["socket_timeout"] > RedisChannelLayer.brpop_timeout


def _redis_url() -> str:
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("The services suite must run the channel layer tests.", pytrace=False)
        pytest.skip("Runs in the PostgreSQL + Redis suite (set REDIS_URL).")
    return url


async def test_hundreds_of_sockets_joining_and_leaving_at_once():
    """A deploy or a network blip: every socket of a worker leaves its groups
    at the same moment. redis-py's default pool (100) refused the rest."""
    url = _redis_url()
    layer = _layer(url, f"test-burst-{os.getpid()}")
    channels = [f"{layer.client_prefix}!{n}" for n in range(300)]
    try:
        await asyncio.gather(*(layer.group_add("burst", c) for c in channels))
        await asyncio.gather(*(layer.group_discard("burst", c) for c in channels))
    finally:
        await layer.flush()


async def _layer_twice():
    return get_channel_layer(), get_channel_layer()


def test_the_test_process_gives_each_event_loop_its_own_redis_layer():
    """tests/layers_per_loop.py: the live server, Playwright and every async
    test run loops of their own in the test process."""
    config = redis_channel_layer("redis://127.0.0.1:6379/0", "per-loop")
    with override_settings(CHANNEL_LAYERS={"default": config}):
        first, again = asyncio.run(_layer_twice())
        second, _ = asyncio.run(_layer_twice())
        assert first is again
        assert second is not first
        outside_any_loop = get_channel_layer()
        assert get_channel_layer() is outside_any_loop
        assert outside_any_loop not in (first, second)
    in_memory = {"default": {"BACKEND": "core.channel_layers.InMemoryChannelLayer"}}
    with override_settings(CHANNEL_LAYERS=in_memory):
        # The in-memory layer is the medium itself: one per process.
        first, _ = asyncio.run(_layer_twice())
        second, _ = asyncio.run(_layer_twice())
        assert first is second is get_channel_layer()
    assert get_channel_layer("no-such-layer") is None


async def _cancel_a_receive_queued_behind_a_clean_up():
    """A socket that closes while its receive waits for the previous
    message's backup queue to be cleaned (the Redis round trip after each
    message): channels-redis leaves that clean-up lock counted, bound to
    this loop."""
    layer = get_channel_layer()
    first, second = await layer.new_channel(), await layer.new_channel()
    await layer.send(first, {"type": "test.message"})
    await layer.receive(first)
    waiting = asyncio.ensure_future(layer.receive(second))
    process_channel = layer.prefix + layer.non_local_name(second)
    for _ in range(1000):
        if layer.receive_clean_locks.wait_counts.get(process_channel, 0) >= 2:
            break
        await asyncio.sleep(0)
    else:
        pytest.fail("The second receive never queued behind the clean-up.")
    waiting.cancel()
    await asyncio.gather(waiting, return_exceptions=True)


async def _receive_a_burst() -> tuple[list, list]:
    layer = get_channel_layer()
    names = [await layer.new_channel() for _ in range(4)]
    for name in names:
        await layer.send(name, {"type": "test.message", "to": name})
    received = await asyncio.gather(
        *(layer.receive(name) for name in names), return_exceptions=True
    )
    return names, received


def test_a_receive_cancelled_on_one_loop_leaves_the_next_loop_unharmed():
    """What closed members' sockets at random in the browser tests: an async
    test left a lock bound to its closed loop, and the live server's sockets
    failed on it when messages came close together."""
    _redis_url()
    asyncio.run(_cancel_a_receive_queued_behind_a_clean_up())
    names, received = asyncio.run(_receive_a_burst())
    # An exception in place of a message is what the shared layer gave.
    recipients = [m.get("to") if isinstance(m, dict) else m for m in received]
    assert recipients == names
