"""channels' private names, in one place. Checked against channels 4.3.2.

channels has no public hook for the in-memory layer's expiry sweep: its
`InMemoryChannelLayer` calls the private `_clean_expired()` at the start of
every `receive()` and `group_send()`. A layer that wants to sweep less often
subclasses `SweepHookedInMemoryChannelLayer` and answers `sweep_due()`;
`sweep()` runs channels' own sweep. core/tests/test_upstream_channels.py fails
when the private method disappears, takes arguments, or stops being called
where this module expects it.
"""

from __future__ import annotations

from channels.layers import InMemoryChannelLayer

CHECKED_AGAINST = "4.3.2"


class SweepHookedInMemoryChannelLayer(InMemoryChannelLayer):
    """channels' in-memory layer, its expiry sweep run only when `sweep_due()`."""

    def sweep_due(self) -> bool:
        """Whether the sweep channels asks for now should run."""
        return True

    def sweep(self) -> None:
        """channels' sweep: drop expired messages (their channels leave their
        groups) and expired group memberships."""
        super()._clean_expired()

    def _clean_expired(self) -> None:
        if self.sweep_due():
            self.sweep()
