"""channels' private names that core/upstream/channels.py relies on: each test
fails loudly when an upgrade removes one or changes its shape. Re-check the
fence against the new version, then update CHECKED_AGAINST there."""

import asyncio
import importlib.metadata
import inspect
import time

from channels.layers import InMemoryChannelLayer

from core.upstream import channels as fence


def test_the_fence_names_the_installed_version_or_says_what_to_check():
    installed = importlib.metadata.version("channels")
    assert installed == fence.CHECKED_AGAINST, (
        f"channels {installed} is installed; core/upstream/channels.py was checked "
        f"against {fence.CHECKED_AGAINST}. Read channels' InMemoryChannelLayer "
        "(_clean_expired, receive, group_send) and update the fence."
    )


def test_the_stock_layer_still_has_a_private_sweep_taking_no_arguments():
    sweep = InMemoryChannelLayer.__dict__.get("_clean_expired")
    assert callable(sweep), "channels' InMemoryChannelLayer no longer has _clean_expired()"
    assert not inspect.iscoroutinefunction(sweep), "_clean_expired() became a coroutine"
    assert list(inspect.signature(sweep).parameters) == ["self"]


def _counting_layer(**kwargs):
    calls = []

    class Counting(fence.SweepHookedInMemoryChannelLayer):
        def sweep_due(self):
            calls.append("due")
            return False

    return Counting(**kwargs), calls


async def test_receive_and_group_send_still_ask_for_the_sweep():
    layer, calls = _counting_layer()
    channel = await layer.new_channel()
    await layer.group_add("room", channel)
    await layer.group_send("room", {"type": "hello"})
    assert calls == ["due"], "group_send() no longer calls _clean_expired()"
    assert (await layer.receive(channel))["type"] == "hello"
    assert calls == ["due", "due"], "receive() no longer calls _clean_expired()"


async def test_the_sweep_still_drops_expired_messages_and_memberships():
    layer = fence.SweepHookedInMemoryChannelLayer(expiry=0.01, group_expiry=1)
    stale, old_member = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("room", stale)
    await layer.group_add("room", old_member)
    layer.groups["room"][old_member] = time.time() - 5  # joined long ago
    await layer.send(stale, {"type": "never.read"})
    await asyncio.sleep(0.03)
    layer.sweep()
    assert stale not in layer.channels
    assert layer.groups["room"] == {}
