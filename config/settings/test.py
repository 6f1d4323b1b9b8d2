"""Tests: fast hashing, outbox email, and the same services as production when
DATABASE_URL / REDIS_URL are set (make test runs the suite both ways)."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, CHANNEL_LAYERS, DATABASES, REDIS_URL

SECRET_KEY = "test-only-key-" + "x" * 50
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Emails go through the outbox as in production, and are delivered to Django's
# test mailbox by tasks that run at once (conftest.py keeps both in place).
EMAIL_BACKEND = "notifications.outbox.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = "tests.mail.TaskOnlyMailbox"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One id per run: two runs on one machine (a developer's and a benchmark's, or
# two checkouts) never share a test database, cache keys or channel groups.
_run = os.environ.get("TEST_RUN_ID") or uuid.uuid4().hex[:12]
# Under pytest-xdist each worker (gw0, gw1, ...) is a run of its own:
# pytest-django adds the worker to the test database's name, and the worker
# names its cache keys and channel groups, even when TEST_RUN_ID is given. The
# servers a test starts get the worker's keys' id as their TEST_RUN_ID
# (tests.service_processes).
_worker = os.environ.get("PYTEST_XDIST_WORKER")
_keys = f"{_run}-{_worker}" if _worker else _run

# Uploads go to a folder of the process's own (removed when it ends: conftest.py),
# on disk rather than in memory, so that a server the tests start and a test
# that switches storages (production's static files) still find them.
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"platform-test-media-{_keys}"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a live ASGI server thread sees the same data.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{_run}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_platform_{_run}"}

if REDIS_URL:
    # Counters (rate limits) never leak between runs.
    CACHES["default"]["KEY_PREFIX"] = f"test-{_keys}"
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"test-{_keys}"

# Closed after every call, so that no socket keeps a connection to a test
# database that is about to be dropped. The servers that the multi-worker and
# fault tests start keep theirs, as production does (tests.service_processes).
SOCKET_DB_CONNECTION_MAX_AGE = int(os.environ.get("SOCKET_DB_CONNECTION_MAX_AGE", "0"))

# Every council event sent in a test is held to its declaration.
COUNCILS_CHECK_PAYLOADS = True

# The suite imports config.asgi part-way through, while earlier tests' event
# loops and connections may still be alive: frozen, they would never be
# collected. Production workers freeze at startup (tests/test_settings.py).
GC_FREEZE_AT_STARTUP = False

# The suite's SQLite file is checkpointed inline; the checkpointer has tests
# of its own (core/tests/test_sqlite_wal.py).
SQLITE_CHECKPOINT_INTERVAL = 0

# One machine, one clock: a page made right after a change is kept.
PAGE_CACHE_CLOCK_SLACK = 0.0

# core/page_cache.py says whether each page was kept (X-Page-Cache).
PAGE_CACHE_HEADER = True
