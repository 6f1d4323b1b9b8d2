"""In the test process, one channels-redis layer per event loop.

A `RedisChannelLayer` keeps receive state in the process: a lock per process
channel, locks that hold a channel until its backup queue is cleaned, buffers.
An asyncio lock binds to the event loop that first waits on it, and a receive
cancelled while waiting for a clean-up lock stays counted (channels-redis
4.3), so that lock is never dropped. A worker process runs one event loop, so
neither matters there.

The test process runs many: one per async test, Playwright's on the main
thread, and the live server's in its own thread, which serves the browser
tests while other tests come and go. With one layer shared among them, an
async test whose socket closed mid-receive left a clean-up lock bound to its
own, since closed, loop; later the live server's sockets failed on it
("Lock ... is bound to a different event loop") whenever two events came
close together, and members' sockets closed at random in the browser tests.

So here each event loop gets its own layer, made on first use as
`get_channel_layer()` makes one; code outside any loop (a sync view's
on_commit, a command) shares one, as before. Redis carries the messages
between them, as it does between worker processes. The in-memory layer stays
one per process: it is itself the medium, and loops must share it to hear
each other.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import weakref

import channels.layers
from channels.layers import ChannelLayerManager
from channels_redis.core import RedisChannelLayer
from django.core.signals import setting_changed
from django.utils.module_loading import import_string


class ChannelLayersPerEventLoop(ChannelLayerManager):
    def __init__(self):
        super().__init__()
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        # channels' manager forgets its own layers on the same signal.
        setting_changed.connect(self.forget_layers)

    def forget_layers(self, *, setting, **kwargs):
        """Every loop's layers are made afresh once CHANNEL_LAYERS changes."""
        if setting == "CHANNEL_LAYERS":
            self._by_loop = weakref.WeakKeyDictionary()

    def _backends_here(self, alias: str) -> dict:
        """The layers of the running event loop, or the shared ones."""
        # A KeyError for an alias that is not configured means "no layer",
        # as in channels' own manager.
        if not _is_redis(self.configs[alias]["BACKEND"]):
            return self.backends
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return self.backends
        return self._by_loop.setdefault(loop, {})

    def __getitem__(self, alias):
        backends = self._backends_here(alias)
        if alias not in backends:
            backends[alias] = self.make_backend(alias)
        return backends[alias]

    def set(self, alias, layer):
        backends = self._backends_here(alias)
        old = backends.get(alias)
        backends[alias] = layer
        return old


@functools.cache
def _is_redis(backend: str) -> bool:
    """Asked on every get_channel_layer(): the import is looked up once."""
    return issubclass(import_string(backend), RedisChannelLayer)


@contextlib.contextmanager
def installed():
    """`get_channel_layer()` answers from a ChannelLayersPerEventLoop meanwhile."""
    original = channels.layers.channel_layers
    manager = ChannelLayersPerEventLoop()
    channels.layers.channel_layers = manager
    try:
        yield manager
    finally:
        channels.layers.channel_layers = original
        # channels' own receiver holds the manager weakly and goes with it.
        setting_changed.disconnect(manager.forget_layers)
