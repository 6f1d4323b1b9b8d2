"""Production: every secret and service comes from the environment, and the
process refuses to start when one is missing, naming it."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED_VARIABLES = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")


def require_env(name: str) -> str:
    """Return the environment variable `name`, or stop with a message naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set. "
            f"Production needs all of: {', '.join(REQUIRED_VARIABLES)}."
        )
    return value


for _name in REQUIRED_VARIABLES:
    require_env(_name)

DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in require_env("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
] or [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]

# base.py already switched to PostgreSQL and Redis when the variables are set.
# Requests close their connection when they end. Under ASGI every request runs
# on a thread of its own, so a connection kept for reuse is never reused: with
# CONN_MAX_AGE=60, 60 requests left 12 PostgreSQL connections open until the
# garbage collector found them. Sockets keep one connection per worker
# (SOCKET_DB_CONNECTION_MAX_AGE, core.socket_database).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "0"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = False

WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}")
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", MEDIA_ROOT)
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")

# A proxy or CDN in front may keep visitors' pages for PAGE_CACHE_SHARED_SECONDS
# (docs/caching.md). With one of these set, publishing and unpublishing also
# purge the page's addresses in every language there (Wagtail's frontend
# cache module, run as a background task).
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip()
CLOUDFLARE_ZONE_ID = os.environ.get("CLOUDFLARE_ZONE_ID", "").strip()
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": CLOUDFLARE_ZONE_ID,
        "BEARER_TOKEN": require_env("CLOUDFLARE_BEARER_TOKEN"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
