"""Settings for benchmark runs: the production stack's shape on the loopback interface.

The benchmark never touches the developer's database: it uses a SQLite file in a
temporary directory (``BENCH_SQLITE_PATH``) or a dedicated PostgreSQL database
(``BENCH_DATABASE_URL``, created and dropped by the harness). ``BENCH_REDIS_URL`` and
``BENCH_REDIS_PREFIX`` switch the channel layer and the cache to Redis.
"""

import os
import warnings

import dj_database_url

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    BASE_DIR,
    SQLITE_INIT_COMMAND,
    redis_cache,
    redis_channel_layer,
)

SECRET_KEY = "bench-only-key-" + "b" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.bench.urls"
ASGI_APPLICATION = "tests.bench.asgi.application"

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# Creating thousands of seeded accounts must not be dominated by password hashing.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The harness collects the static files as production does (minified, hashed,
# Brotli) into BENCH_STATIC_ROOT and keeps uploads in BENCH_MEDIA_ROOT, which the
# servers it starts share; without them, files come from the finders and memory.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "core.static_storage.MinifiedStaticFilesStorage"},
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    WHITENOISE_USE_FINDERS = True
if os.environ.get("BENCH_MEDIA_ROOT"):
    MEDIA_ROOT = os.environ["BENCH_MEDIA_ROOT"]
    STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

if os.environ.get("BENCH_DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("BENCH_SQLITE_PATH", str(BASE_DIR / ".bench-db.sqlite3")),
            # Several server and worker processes share the file during a run;
            # transactions take the write lock when they begin, as in the site's
            # own settings (config.settings.base).
            "OPTIONS": {
                "timeout": 30,
                "init_command": SQLITE_INIT_COMMAND,
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("BENCH_REDIS_URL"):
    # As in production: the processes share the cache (rate limits, sessions'
    # counters) as well as the channel layer.
    _redis_url = os.environ["BENCH_REDIS_URL"]
    _prefix = os.environ.get("BENCH_REDIS_PREFIX", "bench")
    CACHES = {"default": redis_cache(_redis_url, _prefix)}
    CHANNEL_LAYERS = {"default": redis_channel_layer(_redis_url, _prefix)}
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "core.channel_layers.InMemoryChannelLayer"}}

# Before the harness has collected the static files, there is no folder to warn about.
warnings.filterwarnings("ignore", message="No directory at")
