"""ASGI entry point: HTTP through Django, WebSockets through Channels.

Django's ASGI application is built first so that apps are loaded before any
consumer (and its models) is imported.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from councils.routing import websocket_urlpatterns as council_routes  # noqa: E402
from people.socket_database import AuthMiddlewareStack  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter([*council_routes]))),
    }
)
