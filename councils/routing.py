"""WebSocket routes of the councils workspace, assembled in config/asgi.py."""

websocket_urlpatterns: list = []
