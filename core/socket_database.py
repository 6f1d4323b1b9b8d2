"""Database work for sockets, on the one database thread, with its connection
kept open.

Every consumer's database call runs on asgiref's one thread for thread-sensitive
work, and Django keeps one connection per thread, so the sockets of a worker
process already share one connection. Channels' `database_sync_to_async`
closes it before and after every call unless CONN_MAX_AGE says otherwise, and
CONN_MAX_AGE is about requests: left at 0 (the embedded default, the
benchmarks), every council message paid for a new connection, which on SQLite
means reading the whole schema again (about 6 ms of the 8 ms a message spent
on the database thread).

Here that one connection is checked before and after every call as Django
checks a request's: closed when a call left it broken (the server restarted,
the network dropped) or outside autocommit, so the next call connects afresh;
and closed once it is SOCKET_DB_CONNECTION_MAX_AGE seconds old (0: after every
call, as the test suite does so that its database can be dropped).
"""

from __future__ import annotations

import functools
import time
from types import SimpleNamespace

from asgiref.sync import sync_to_async
from channels.middleware import BaseMiddleware
from channels.sessions import CookieMiddleware, SessionMiddleware
from django.conf import settings
from django.contrib import auth
from django.db import connections


def on_database_thread(func):
    """`func` as a coroutine function that runs it on the database thread,
    keeping that thread's connection open between calls."""
    return sync_to_async(functools.partial(_checked, func), thread_sensitive=True)


def _checked(func, *args, **kwargs):
    _close_if_unusable_or_old()
    try:
        return func(*args, **kwargs)
    finally:
        _close_if_unusable_or_old()


def _close_if_unusable_or_old() -> None:
    """Django's close_if_unusable_or_obsolete, with this module's age limit."""
    max_age = settings.SOCKET_DB_CONNECTION_MAX_AGE
    now = time.monotonic()
    for connection in connections.all(initialized_only=True):
        if connection.connection is None:
            continue
        # When this driver connection was first seen here, for the age limit.
        seen = getattr(connection, "socket_connection_seen", None)
        if seen is None or seen[0] != id(connection.connection):
            seen = connection.socket_connection_seen = (id(connection.connection), now)
        if (
            now - seen[1] >= max_age
            or connection.get_autocommit() != connection.settings_dict["AUTOCOMMIT"]
        ):
            connection.close()
        elif connection.errors_occurred:
            if connection.is_usable():
                connection.errors_occurred = False
            else:
                connection.close()


def _session_user(session):
    """The user the session is signed in as, or AnonymousUser: Django's own
    get_user(), which reads only the request's session, so a socket signs in
    exactly as a request with the same session cookie would."""
    return auth.get_user(SimpleNamespace(session=session))


class AuthMiddleware(BaseMiddleware):
    """Puts the socket's user in `scope["user"]`, as channels' AuthMiddleware
    does, but looks it up through on_database_thread (channels' own closes the
    connection afterwards)."""

    async def __call__(self, scope, receive, send):
        if "session" not in scope:
            raise ValueError(
                "AuthMiddleware cannot find session in scope. SessionMiddleware must be above it."
            )
        user = await on_database_thread(_session_user)(scope["session"])
        return await super().__call__(dict(scope, user=user), receive, send)


def AuthMiddlewareStack(inner):
    """Cookies, session and user for a socket, as channels' AuthMiddlewareStack."""
    return CookieMiddleware(SessionMiddleware(AuthMiddleware(inner)))
