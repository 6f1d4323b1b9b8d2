"""Helpers for council tests: members signed in over a real WebSocket to the
full ASGI application (origin check, session auth, routing)."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from councils.factories import CouncilFactory
from councils.models import Membership
from councils.services import memberships
from people.factories import enable_mfa


def session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_socket(user=None, council_id=1, *, query="", origin=b"http://testserver"):
    """Connect like a browser on this site; returns (communicator, connected, code)."""
    from config.asgi import application

    headers = [(b"host", b"testserver")]
    if origin:
        headers.append((b"origin", origin))
    if user is not None:
        cookie = await sync_to_async(session_cookie)(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    path = f"/ws/councils/{council_id}/" + (f"?{query}" if query else "")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect(timeout=5)
    return communicator, connected, code


@pytest.fixture(autouse=True)
def _close_socket_thread_connections():
    """Consumers reach the database from asgiref's shared worker thread; close
    that thread's connection after each test, so that no later test (nor the
    end of the run on PostgreSQL) meets a connection left open there."""
    yield
    from django.db import connections

    from core.upstream.asgiref import run_on_shared_sync_thread

    run_on_shared_sync_thread(connections.close_all)


@pytest.fixture(autouse=True)
def _no_outage_left_over():
    """Outages are remembered per process (core.realtime), so that each is
    logged once; no test starts inside another's."""
    from core.realtime import channel_layer_outage, database_outage

    for outage in (channel_layer_outage, database_outage):
        outage.started_at = None
    yield
    for outage in (channel_layer_outage, database_outage):
        outage.started_at = None


@pytest.fixture
def council(db):
    return CouncilFactory()


@pytest.fixture
def add_member(db, user_factory):
    def make(council, role=Membership.Role.MEMBER, user=None, **kwargs):
        # Facilitators must use two-step verification (their role requires it).
        needs_mfa = role == Membership.Role.FACILITATOR
        if user is None:
            user = user_factory(mfa=needs_mfa)
        elif needs_mfa:
            enable_mfa(user)
        memberships.add_member(council, user, role=role, **kwargs)
        return user

    return make
