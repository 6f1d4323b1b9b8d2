"""ASGI entry point: HTTP through Django, WebSockets through Channels.

Django's ASGI application is built first so that apps are loaded before any
consumer (and its models) is imported.
"""

import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from core.event_loop import remember_serving_loop  # noqa: E402
from core.socket_database import AuthMiddlewareStack  # noqa: E402
from core.sqlite_wal import start_checkpointer  # noqa: E402
from councils.routing import websocket_urlpatterns as council_routes  # noqa: E402

# Worker threads serving a request or a socket hand events back to this
# process's event loop instead of waiting for the channel layer
# (core.event_loop, councils.publishing).
application = remember_serving_loop(
    ProtocolTypeRouter(
        {
            "http": django_asgi_app,
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter([*council_routes]))
            ),
        }
    )
)

# The embedded SQLite database's log is checkpointed beside the requests, not
# inside a council message's commit (core.sqlite_wal). None elsewhere.
sqlite_checkpointer = start_checkpointer()

# What is loaded by now (Django, Wagtail, every app's modules and the URL
# conf) lives as long as the process. Frozen, it is no longer walked by each
# full collection, which stops the event loop, and every socket with it,
# while it runs; and young objects are collected in larger steps. Measured on
# one worker with 200 council sockets: full collections went from ten pauses
# of up to 150 ms (1.1 s in all) in a 40-second run to three of up to 65 ms.
if settings.GC_FREEZE_AT_STARTUP:
    gc.collect()
    gc.freeze()
    gc.set_threshold(settings.GC_YOUNG_THRESHOLD, 10, 10)
