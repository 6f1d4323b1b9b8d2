"""Local work: the embedded default (SQLite, in-memory channel layer, local cache)
served over plain HTTP on 127.0.0.1 by one ASGI process."""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "true").lower() == "true"
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]

# Plain HTTP on the loopback interface.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True

# Collected static files are served by whitenoise, also while DEBUG is on.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# core/page_cache.py says whether each page was kept (X-Page-Cache).
PAGE_CACHE_HEADER = True
