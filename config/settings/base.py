"""Settings shared by every environment, secure by default.

`dev.py` relaxes what local work needs; `production.py` requires every secret
from the environment. Anything that leaks identity or location must stay off
here unless a later file turns it on deliberately.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.conf.locale import LANG_INFO
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"

DEBUG = False
# No fallback: base is never run on its own; dev/test set a local key, production reads it.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "safety",
    "people",
    "campaigns",
    "advocacy",
    "advocacy.organisations",
    "advocacy.opportunities",
    "advocacy.proposals",
    "pathways",
    "councils",
    "notifications",
    "background",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    # Page translation: the translation editor, and the locales admin with its
    # synchronisation settings (replaces wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "guardian",
    "channels",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Each shared tag read once per request: what every request needs (the
    # site, settings, menu, redirects) is kept per process (core/site_wide.py).
    "core.page_cache.TagValuesMiddleware",
    # HTML compressed here (static files come compressed from WhiteNoise);
    # Django pads each response's gzip header at random against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    # ETags from the uncompressed body: a repeat visit to an unchanged page
    # gets 304 Not Modified, with no body at all.
    "django.middleware.http.ConditionalGetMiddleware",
    "config.middleware.SiteCSPMiddleware",
    "config.middleware.SafetyHeadersMiddleware",
    # Outside everything that may redirect (sign-in, MFA, language, views).
    "home.middleware.SameEntryRedirectMiddleware",
    "config.middleware.AdminScriptNonceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Token-less posts from kept pages that the browser says this site sent
    # pass; everything else gets Django's check (core/cross_origin.py).
    "core.cross_origin.SameOriginPostMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "people.middleware.RequireMFAMiddleware",
    "config.middleware.AdminAccessMiddleware",
    "people.admin.side_doors.AdminSideDoorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, asked only for addresses that have one.
    "content.redirects.KnownRedirectMiddleware",
    # Admin POSTs are all or nothing; malformed form data is a 400, not a 500.
    "config.middleware.IncompleteAdminFormMiddleware",
    # Innermost: a kept page skips the view, never the headers above.
    "core.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # Dates and times the reader's way, in every template.
            "builtins": ["core.template_dates", "content.template_translations"],
        },
    },
]

# --- Data ------------------------------------------------------------------
# Embedded default: one SQLite file. DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0,
    )
}
# SQLite in write-ahead-log mode: readers and the one writer no longer block
# each other (several workers on one file, a page read while a council message
# is saved), and a commit appends to the log instead of syncing both the
# database file and a rollback journal. With synchronous=NORMAL, WAL never
# corrupts the database; a power cut (not a crash of the server process) may
# lose the last commits, which is what the embedded default trades for speed.
# The log is copied back (checkpointed, syncing the disk) by a thread of each
# server process every SQLITE_CHECKPOINT_INTERVAL seconds, not inside a commit
# (core.sqlite_wal); a connection checkpoints inline only once the log
# reaches 10,000 pages (40 MB), where no server thread does it (commands).
SQLITE_CHECKPOINT_INTERVAL = float(os.environ.get("SQLITE_CHECKPOINT_INTERVAL", "1"))
SQLITE_INIT_COMMAND = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; " + (
    "PRAGMA wal_autocheckpoint=10000"
    if SQLITE_CHECKPOINT_INTERVAL > 0
    else "PRAGMA wal_autocheckpoint=1000"  # SQLite's default: inside commits.
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": SQLITE_INIT_COMMAND,
            # The site and its background worker are two processes writing to
            # one file. A transaction takes SQLite's write lock when it begins,
            # waiting up to `timeout` seconds for another writer; a deferred one
            # that read first would instead fail at once with "database is
            # locked" when another process had written meanwhile.
            "transaction_mode": "IMMEDIATE",
            "timeout": 10,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sockets share one database connection per worker process
# (core.socket_database), reopened after this many seconds.
SOCKET_DB_CONNECTION_MAX_AGE = int(os.environ.get("SOCKET_DB_CONNECTION_MAX_AGE", "300"))
# An ASGI worker freezes what it loaded at startup out of garbage collection
# and collects young objects every GC_YOUNG_THRESHOLD allocations (Python's
# default is 700); see config/asgi.py.
GC_FREEZE_AT_STARTUP = True
GC_YOUNG_THRESHOLD = int(os.environ.get("GC_YOUNG_THRESHOLD", "20000"))

# Council events: when on, every payload sent to a socket is held to its
# declaration in councils.events, and an undeclared event or field, a missing
# field or a wrong type raises (councils.publishing). On in the test suite.
COUNCILS_CHECK_PAYLOADS = False

REDIS_URL = os.environ.get("REDIS_URL", "")

# channels-redis waits for a worker's next event with BZPOPMIN, which Redis
# answers after 5 seconds when nothing came. redis-py 8 gives every read a
# 5-second timeout by default, so a quiet worker's wait raised TimeoutError
# and closed its sockets (1006) about every 5 seconds. Reads on the channel
# layer's connections get more time than that wait; a Redis that is really
# gone still fails them within seconds (refused or reset connections).
CHANNEL_LAYER_SOCKET_TIMEOUT = 15
# Every socket joining or leaving its groups holds one pooled connection for a
# moment; redis-py refuses (MaxConnectionsError) rather than waits once a
# worker's pool has 100 in use, which a few hundred sockets connecting or
# closing together (a deploy, a network blip) reach. Redis allows 10,000
# clients by default.
CHANNEL_LAYER_MAX_CONNECTIONS = 1000


def redis_channel_layer(url: str, prefix: str) -> dict:
    """The channels-redis layer on `url`, its keys and groups under `prefix`."""
    return {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [
                {
                    "address": url,
                    "socket_timeout": CHANNEL_LAYER_SOCKET_TIMEOUT,
                    "max_connections": CHANNEL_LAYER_MAX_CONNECTIONS,
                }
            ],
            "prefix": prefix,
        },
    }


def redis_cache(url: str, prefix: str) -> dict:
    """The Redis cache on `url`, its keys under `prefix`.

    Django makes a cache instance per thread and, under ASGI, per async
    context: every request and every socket batch gets a fresh one. Django's
    own RedisCache builds a connection pool for each, so each opened a new
    connection to Redis (2.5 to 3 ms of a council message's 9 ms went into
    one rate-limit round trip, nearly all of it connecting). django-redis
    keeps one pool per server URL for the whole process, which every instance
    shares (redis-py's pools are thread-safe and reset themselves in a forked
    child). Integers are stored as plain Redis integers, as rate limits
    need (rate limits INCR the values that cache.get() reads)."""
    return {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}


if REDIS_URL:
    CACHES = {
        "default": redis_cache(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "survivor-platform"))
    }
    CHANNEL_LAYERS = {
        "default": redis_channel_layer(
            REDIS_URL, os.environ.get("CHANNELS_PREFIX", "survivor-platform")
        )
    }
else:
    # One process: its memory is the cache. Kept pages count against the
    # entries, so there is room for a few thousand (Django's default is 300).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    CHANNEL_LAYERS = {"default": {"BACKEND": "core.channel_layers.InMemoryChannelLayer"}}

# Whole pages for visitors (core/page_cache.py, docs/caching.md).
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE", "on") != "off"
PAGE_CACHE_ALIAS = "default"
# The longest a kept page lives; changes forget the pages they affect at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
# How long a proxy or CDN in front may keep a visitor's page (s-maxage); with
# a purge hook configured (WAGTAILFRONTENDCACHE) it can be much longer.
PAGE_CACHE_SHARED_SECONDS = int(os.environ.get("PAGE_CACHE_SHARED_SECONDS", 60))
# Seconds by which the servers' clocks may disagree: a page begun this long
# before a change that affects it is not kept (core/page_cache.py).
PAGE_CACHE_CLOCK_SLACK = float(os.environ.get("PAGE_CACHE_CLOCK_SLACK", 0.25))
# Say in X-Page-Cache whether a page was kept (development and tests only:
# in production it would tell anyone that someone read a page just now).
PAGE_CACHE_HEADER = False
# Cookies that change how a page reads: content warnings, helpline country.
PAGE_CACHE_VARY_COOKIES = ["content_warnings", "helpline_country"]

# --- Accounts --------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# The home page in the language of the request (/th/ for a Thai reader).
LOGIN_REDIRECT_URL = reverse_lazy("wagtail_serve", args=[""])
LOGOUT_REDIRECT_URL = LOGIN_REDIRECT_URL

ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Never say whether an address has an account (signup, login, password reset).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
# How long a password entry counts as recent for sensitive account changes
# (and, for a first second factor, the sign-in itself: see people/mfa_setup.py).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Rate limits live in the configured cache (Redis in production), so every
# worker shares the same counters. "key" means per account/email address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/15m/ip,5/15m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/h/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_ADAPTER = "people.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Survivor Leadership Platform"
MFA_RECOVERY_CODE_COUNT = 10

# --- Email -----------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email becomes an outbox row, delivered by background tasks through
# OUTBOX_DELIVERY_BACKEND (notifications.outbox, notifications.delivery).
EMAIL_BACKEND = "notifications.outbox.OutboxBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# A worker holds the emails it took for this long (then another may take them).
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
OUTBOX_MAX_ATTEMPTS = 10
# First retry after a minute, then doubling (at most 6 hours).
OUTBOX_RETRY_SECONDS = int(os.environ.get("OUTBOX_RETRY_SECONDS", "60"))
# The sender name and notice subject every email uses (Safety settings).
SAFETY_SETTINGS_MODEL = "home.SafetySettings"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
EMAIL_TIMEOUT = 10

# --- Background work ---------------------------------------------------------
# Django's tasks framework; Wagtail's own background work (search index,
# references) runs on the same queue. Tasks are rows in the database, run by
# `manage.py run_worker` (docs/background.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Languages -------------------------------------------------------------
# Tagalog is not in Django's table of languages; describe it so the language
# switcher and get_language_info() can name it.
LANG_INFO.setdefault(
    "tl", {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"}
)
# Django names Khmer in Latin letters; the switcher shows each language in its
# own script.
LANG_INFO["km"] = {**LANG_INFO["km"], "name_local": "ខ្មែរ"}
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("id", _("Indonesian")),
    ("tl", _("Tagalog")),
    ("km", _("Khmer")),
    ("my", _("Burmese")),
]
# Languages whose wording a fluent speaker has checked. The others say on the
# language switcher that they are drafts (docs/translations.md).
REVIEWED_LANGUAGES = ["en"]
# The project's catalogues, then its translations of the libraries' own words
# for the languages the libraries lack (core/vendor_messages.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "core.static_storage.MinifiedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Security --------------------------------------------------------------
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A shared computer must not stay signed in for long.
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "home.views.csrf_failure"
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Public and member pages: no inline script or style, ever. Scripts may carry
# the per-request nonce; nothing else runs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "worker-src": [SELF],
        "manifest-src": [SELF],
    }
}
# The Wagtail admin still writes inline scripts (wagtail/wagtail#1288): its paths,
# and only its paths, get this policy, in which Wagtail's own initialisers, and
# nothing else, get the nonce (config/admin_scripts.py). See docs/security.md.
ADMIN_PATH_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": [SELF],
    # Wagtail's own inline scripts get the nonce (config/admin_scripts.py).
    "script-src": [SELF, NONCE],
    # Draftail (rich text) and axe-core (accessibility checks) add <style>
    # elements at run time, with no way to give them a nonce.
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
    "base-uri": [NONE],
    "form-action": [SELF],
    "worker-src": [SELF, "blob:"],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Survivor Leadership Platform"
# Nothing in the admin calls a third party: no Gravatar (it would tell
# gravatar.com who signs in here), no release check, no "what's new" banner.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The admin signs in through allauth, so rate limits and MFA apply there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
# Pages have a tree per language (Wagtail's locales), edited with
# wagtail-localize. A page keeps one address in every language: readers reach
# the source page, shown with its translation's words when one is published
# (content/translations.py, docs/translations.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "txt", "csv", "xlsx", "pptx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Renditions are sized for the screen ({% picture %} with several widths) and
# compressed a little harder than Wagtail's defaults (85 and 80): many readers
# are on slow, metered connections (docs/caching.md, "Light pages").
WAGTAILIMAGES_JPEG_QUALITY = 75
WAGTAILIMAGES_WEBP_QUALITY = 70
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Uploaded images and documents lose EXIF/XMP/IPTC/GPS and author metadata
# before they are stored (safety/uploads/); originals are never kept.
WAGTAILIMAGES_IMAGE_FORM_BASE = "safety.uploads.MetadataStrippingImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "safety.uploads.MetadataStrippingDocumentForm"
# Campaigns go live when the survivor review approves them (leaders never hold "publish").
WAGTAIL_FINISH_WORKFLOW_ACTION = "campaigns.review.publish_approved"

# --- Safety ----------------------------------------------------------------
# Used by the quick exit when the site setting cannot be read (e.g. the 500 page).
QUICK_EXIT_FALLBACK_URL = "https://www.bbc.com/weather"
SANITIZER_BACKEND = "bleach"

# --- Guardian --------------------------------------------------------------
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Never log request bodies or query strings that may carry personal data.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}
