"""The ASGI application: HTTP through Django, WebSockets through Channels with
origin and host validation in front of the council routes."""

import pytest
from channels.testing import HttpCommunicator, WebsocketCommunicator

from config.asgi import application

# Channels closes stale database connections around every consumer event, even
# for a refused socket, so these tests need database access like real traffic.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_http_is_served_by_django_with_security_headers():
    communicator = HttpCommunicator(
        application, "GET", "/accounts/login/", headers=[(b"host", b"testserver")]
    )
    response = await communicator.get_response(timeout=10)
    assert response["status"] == 200
    headers = {name.decode().lower(): value.decode() for name, value in response["headers"]}
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"


async def test_websocket_from_another_origin_is_refused():
    communicator = WebsocketCommunicator(
        application, "/ws/councils/1/", headers=[(b"origin", b"https://evil.example.org")]
    )
    connected, _ = await communicator.connect(timeout=5)
    assert not connected
    await communicator.disconnect()


async def test_websocket_without_origin_is_refused():
    communicator = WebsocketCommunicator(application, "/ws/councils/1/")
    connected, _ = await communicator.connect(timeout=5)
    assert not connected
    await communicator.disconnect()
