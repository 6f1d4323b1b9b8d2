"""Bench-only ASGI application: the real site plus the baselines, in one process.

HTTP and the site's WebSocket routes go to ``config.asgi.application`` untouched; the
bare broadcast consumer is served under ``/bench/ws/`` by the same process, channel
layer and middleware (origin check, session authentication), so the two can be
compared fairly. The baseline view lives in ``tests.bench.urls``.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path

from config.asgi import application as site_application
from core.socket_database import AuthMiddlewareStack
from tests.bench.consumers import BareBroadcastConsumer
from tests.page_weight import MediaAsTheProxyServesIt

BARE_ROUTE_PREFIX = "/bench/ws/"

bare_application = AllowedHostsOriginValidator(
    AuthMiddlewareStack(URLRouter([path("bench/ws/<str:room>/", BareBroadcastConsumer.as_asgi())]))
)


# Uploaded images come from the proxy in production; here from the harness's folder.
site_with_media = MediaAsTheProxyServesIt(site_application)


async def application(scope, receive, send):
    """Send the bare consumer's route to the baseline, everything else to the site."""
    if scope["type"] == "websocket" and scope["path"].startswith(BARE_ROUTE_PREFIX):
        return await bare_application(scope, receive, send)
    return await site_with_media(scope, receive, send)
