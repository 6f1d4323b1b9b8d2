"""The embedded channel layer: channels' in-memory layer, its expiry sweep run
at most once a second.

The stock layer sweeps on every receive and every group_send: it walks every
channel's queue and every group membership of the process, so the cost of
delivering one message grows with everyone connected, and a broadcast to a
room of N costs N sweeps. A council socket belongs to four groups (room,
council, member, session), so a one-process site with 200 council sockets
walked 800 memberships per delivery: 43% of the worker's time under load
went into the sweep. Expiry keeps its meaning: a message is dropped, and its
channel leaves its groups, once it has waited `expiry` seconds; the sweep may
now notice up to `sweep_interval` later.
"""

from __future__ import annotations

import time

from core.upstream.channels import SweepHookedInMemoryChannelLayer


class InMemoryChannelLayer(SweepHookedInMemoryChannelLayer):
    def __init__(self, *args, sweep_interval: float = 1.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.sweep_interval = sweep_interval
        self.next_sweep = 0.0

    def sweep_due(self) -> bool:
        now = time.monotonic()
        if now < self.next_sweep:
            return False
        self.next_sweep = now + self.sweep_interval
        return True
