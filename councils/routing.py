"""WebSocket routes of the councils workspace, assembled in config/asgi.py."""

from django.urls import path

from .consumers import CouncilConsumer

websocket_urlpatterns: list = [
    path("ws/councils/<int:council_id>/", CouncilConsumer.as_asgi()),
]
