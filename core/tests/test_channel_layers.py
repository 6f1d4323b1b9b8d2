"""The embedded channel layer sweeps for expired messages at most once per
interval instead of on every receive and group_send."""

import asyncio

from core.channel_layers import InMemoryChannelLayer


def _count_sweeps(monkeypatch) -> list:
    sweeps = []
    real = InMemoryChannelLayer.sweep

    def counting(layer):
        sweeps.append(layer)
        return real(layer)

    monkeypatch.setattr(InMemoryChannelLayer, "sweep", counting)
    return sweeps


async def test_a_burst_of_broadcasts_sweeps_once(monkeypatch):
    sweeps = _count_sweeps(monkeypatch)
    layer = InMemoryChannelLayer(sweep_interval=60)
    channels = [await layer.new_channel() for _ in range(50)]
    for channel in channels:
        await layer.group_add("room", channel)
    for n in range(20):
        await layer.group_send("room", {"type": "hello", "n": n})
        received = [await layer.receive(channel) for channel in channels]
        assert {m["n"] for m in received} == {n}
    # The stock layer swept 20 x 51 times here, each walking every channel
    # and group membership.
    assert len(sweeps) == 1


async def test_expired_messages_are_dropped_and_their_channel_leaves_its_groups():
    layer = InMemoryChannelLayer(expiry=0.05, sweep_interval=0.05)
    gone, alive = await layer.new_channel(), await layer.new_channel()
    await layer.group_add("room", gone)
    await layer.group_add("room", alive)
    await layer.send(gone, {"type": "never.read"})
    await asyncio.sleep(0.12)
    await layer.send(alive, {"type": "fresh"})
    assert (await layer.receive(alive))["type"] == "fresh"
    assert gone not in layer.channels
    assert set(layer.groups["room"]) == {alive}


async def test_group_memberships_still_expire():
    layer = InMemoryChannelLayer(group_expiry=1, sweep_interval=0)
    channel = await layer.new_channel()
    await layer.group_add("room", channel)
    layer.groups["room"][channel] -= 5  # joined long ago
    await layer.group_send("room", {"type": "hello"})
    assert channel not in layer.groups["room"]
    assert channel not in layer.channels
