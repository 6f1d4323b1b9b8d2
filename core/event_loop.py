"""The event loop serving the ASGI application, for code that runs in a
worker thread on its behalf (a request's view, a socket's database work) and
hands work back to that loop instead of waiting for it.

asgiref's sync_to_async runs its function in a copy of the caller's context,
so a context variable set where the application is entered is seen in every
worker thread that serves it. `config.asgi` wraps the whole application in
`remember_serving_loop`; outside it (a command, a test without the ASGI
application) `serving_loop()` is None.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import os

__all__ = ["remember_serving_loop", "serving_from_this_loop", "serving_loop"]

# The loop, and the process it was set in: a forked child must not use its
# parent's loop.
_serving: contextvars.ContextVar[tuple[asyncio.AbstractEventLoop, int] | None] = (
    contextvars.ContextVar("serving_loop", default=None)
)


def serving_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop that this code serves, if any."""
    entry = _serving.get()
    if entry is None:
        return None
    loop, pid = entry
    if pid != os.getpid() or not loop.is_running():
        return None
    return loop


@contextlib.contextmanager
def serving_from_this_loop():
    """Within this block (on the event loop), worker threads started through
    sync_to_async see this loop as `serving_loop()`."""
    token = _serving.set((asyncio.get_running_loop(), os.getpid()))
    try:
        yield
    finally:
        _serving.reset(token)


def remember_serving_loop(application):
    """`application` (ASGI), with its loop known to the worker threads that
    serve each of its connections."""

    async def serving(scope, receive, send):
        with serving_from_this_loop():
            return await application(scope, receive, send)

    return serving
