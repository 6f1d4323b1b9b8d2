"""The channels-redis layer as configured for production (one function builds
it for production, tests and benchmarks)."""

import asyncio
import os

import pytest
from channels_redis.core import RedisChannelLayer

from config.settings.base import redis_channel_layer


def _layer(url: str, prefix: str) -> RedisChannelLayer:
    return RedisChannelLayer(**redis_channel_layer(url, prefix)["CONFIG"])


def test_reads_wait_longer_than_the_layers_idle_wait():
    """A worker's connection waits up to brpop_timeout seconds for its next
    event; a shorter read timeout turns every quiet spell into an error that
    closes the worker's sockets (see the multi-worker test for the symptom)."""
    (host,) = _layer("redis://127.0.0.1:6379/0", "x").hosts
    assert host["socket_timeout"] > RedisChannelLayer.brpop_timeout


async def test_hundreds_of_sockets_joining_and_leaving_at_once():
    """A deploy or a network blip: every socket of a worker leaves its groups
    at the same moment. redis-py's default pool (100) refused the rest."""
    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("The services suite must run the channel layer tests.", pytrace=False)
        pytest.skip("Runs in the PostgreSQL + Redis suite (set REDIS_URL).")
    layer = _layer(url, f"test-burst-{os.getpid()}")
    channels = [f"{layer.client_prefix}!{n}" for n in range(300)]
    try:
        await asyncio.gather(*(layer.group_add("burst", c) for c in channels))
        await asyncio.gather(*(layer.group_discard("burst", c) for c in channels))
    finally:
        await layer.flush()
