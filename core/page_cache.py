"""Whole pages for visitors, kept in the cache (docs/caching.md).

A public page that a visitor (nobody signed in) reads is the same for every
visitor who reads it in the same language with the same reading choices, so
the first visitor's page is kept and the next ones get it without a query.

- **What is kept.** Only responses a view marked with `cacheable()` (the page
  types' own views do), only `200 OK`, and only when the page holds nothing
  that belongs to one response: no CSRF token and no CSP nonce was asked for
  while it was made, no cookie was set, the session was not written. Pages
  that are kept therefore carry neither; their forms post without a token
  (`core.cross_origin`) and their scripts are the site's own files.
- **Who gets it.** GET and HEAD requests without a session cookie and without
  waiting messages: a signed-in member (or anyone the site keeps a session
  for) never reads or fills the cache.
- **The key** is the host, the path, the sorted query string, the language
  and the visitor's reading choices (the cookies in
  `settings.PAGE_CACHE_VARY_COOKIES`). Tracking parameters (utm_*, fbclid...)
  are not part of any page: a request carrying them is sent to the same
  address without them, so that every shared link reaches one kept page and
  no click id is ever repeated to someone else.
- **Invalidation by tags.** While a page is made, whatever it shows names a
  tag (`depends_on()`): the page itself, the listings it shows, a campaign's
  pledge count, a person's name... A change bumps the tags it affects
  (`invalidate()`, after the transaction commits), and a kept page whose tags
  moved on is made again. A tag's value is the time it was bumped plus a
  random part, so a page whose making overlapped a change is never kept with
  the older data. `PAGE_CACHE_SECONDS` bounds the life of every kept page.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import logging
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# Every kept page depends on this tag: the menu, the footer's settings and the
# addresses any page may link to. Bumping it forgets every kept page.
SITE = "site"

# Query parameters that only trackers read. Exact names, then prefixes.
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid"}
    | {"twclid", "ttclid", "yclid", "li_fat_id", "_ga", "_gl", "mkt_tok", "srsltid"}
)
TRACKING_PREFIXES = ("utm_",)

# Headers of a kept response that are given again; everything the outer
# middleware sets (CSP, Vary, cookies, security headers) is made afresh.
KEPT_HEADERS = ("Content-Type", "Content-Language", "X-Robots-Tag", "Link")

HIT_HEADER = "X-Page-Cache"
_KEY_PREFIX = "pagecache:page:"
_TAG_PREFIX = "pagecache:tag:"


def cache():
    return caches[settings.PAGE_CACHE_ALIAS]


_last_outage_log = 0.0


@contextlib.contextmanager
def _cache_down_is_survived(doing: str):
    """A cache that cannot be reached costs speed, never a page: lookups
    miss, pages are not kept, and a change that cannot forget pages is
    logged (kept pages live at most PAGE_CACHE_SECONDS). Logged once a
    minute at most per process."""
    global _last_outage_log
    try:
        yield
    except Exception as error:  # noqa: BLE001 - each cache backend raises its own errors
        now = time.monotonic()
        if now - _last_outage_log > 60:
            _last_outage_log = now
            logger.warning(
                "The page cache could not %s (%s: %s); pages are made without it.",
                doing,
                type(error).__name__,
                error,
            )


@dataclass
class Making:
    """What is learnt about one page while it is made."""

    started: float = field(default_factory=time.time)
    cacheable: bool = False
    tags: set[str] = field(default_factory=lambda: {SITE})
    # The moment something shown stops being true by itself (a consent's end).
    until: float | None = None


_making: contextvars.ContextVar[Making | None] = contextvars.ContextVar(
    "page_cache_making", default=None
)


def cacheable(*tags: str) -> None:
    """Called by a view: the page being made may be kept for visitors, and
    depends on `tags` (besides the site)."""
    making = _making.get()
    if making is not None:
        making.cacheable = True
        making.tags.update(tags)


def depends_on(*tags: str) -> None:
    """The page being made (if any is being made to be kept) shows something
    that these tags stand for. Cheap, and a no-op for anyone signed in."""
    making = _making.get()
    if making is not None:
        making.tags.update(tags)


def depends_on_all(tags: Iterable[str]) -> None:
    depends_on(*tags)


def valid_until(moment) -> None:
    """The page being made shows something that stops being true at
    `moment` (a datetime): it is not kept past it."""
    making = _making.get()
    if making is not None:
        at = moment.timestamp()
        making.until = at if making.until is None else min(making.until, at)


def _new_tag_value() -> str:
    return f"{time.time():.6f}:{secrets.token_hex(4)}"


def _bumped_at(value: str) -> float:
    try:
        return float(value.split(":", 1)[0])
    except (ValueError, AttributeError):
        return float("inf")


def invalidate(*tags: str) -> None:
    """Forget every kept page, and everything kept per process
    (core.site_wide), that depends on any of `tags`. Tags are bumped even
    when pages are not kept (PAGE_CACHE=off): site-wide data still are."""
    if not tags:
        return
    unique = sorted(set(tags))

    def bump():
        value = _new_tag_value()
        read = _read_this_request.get()
        if read:
            for tag in unique:
                read.pop(tag, None)
        with _cache_down_is_survived("forget pages"):
            cache().set_many({_TAG_PREFIX + tag: value for tag in unique}, timeout=None)

    # Now, and again once the change is committed: a page made in between
    # (reading the data from before the commit) is forgotten by the second.
    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def forget_when_changed(model, tags_of: Callable[[object], Iterable[str]]) -> None:
    """Every save or deletion of a `model` row invalidates `tags_of(row)`."""

    def forget(sender, instance, raw=False, **kwargs):
        if not raw:
            invalidate(*tags_of(instance))

    uid = f"page-cache-{model._meta.label_lower}"
    post_save.connect(forget, sender=model, dispatch_uid=uid, weak=False)
    post_delete.connect(forget, sender=model, dispatch_uid=uid, weak=False)


def invalidate_everything() -> None:
    invalidate(SITE)


def page_tag(page_id: int) -> str:
    return f"page:{page_id}"


def pages_tag(model) -> str:
    """Listings of one page type (or any model shown in lists)."""
    return f"pages:{model._meta.label_lower}"


# --- Requests -----------------------------------------------------------------


def _has_session(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def may_use_cache(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not _has_session(request)
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
    )


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def without_tracking(request) -> str | None:
    """The request's address without tracking parameters, or None when it has none."""
    if not any(is_tracking_parameter(name) for name in request.GET):
        return None
    kept = [(k, v) for k, v in request.GET.lists() if not is_tracking_parameter(k)]
    query = urlencode([(k, v) for k, values in kept for v in values])
    return request.path + (f"?{query}" if query else "")


def cache_key(request) -> str:
    query = sorted((k, v) for k, values in request.GET.lists() for v in values)
    choices = [request.COOKIES.get(name, "")[:200] for name in settings.PAGE_CACHE_VARY_COOKIES]
    raw = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(query),
            get_language() or "",
            *choices,
        ]
    )
    return _KEY_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def lookup(request) -> HttpResponse | None:
    """The kept page for this request, if it is still current."""
    store = cache()
    entry = store.get(cache_key(request))
    if entry is None:
        return None
    tags = entry["tags"]
    current = store.get_many([_TAG_PREFIX + tag for tag in tags])
    for tag, value in tags.items():
        if current.get(_TAG_PREFIX + tag) != value:
            return None
    response = HttpResponse(entry["body"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    _say(response, "hit")
    return response


def _holds_something_of_this_request(request, response) -> str:
    """Why this response may not be kept ('' when it may)."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return "status"
    if response.cookies:
        return "cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return "csrf token"
    if getattr(request, "_csp_nonce", None) is not None:
        return "csp nonce"
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return "session"
    control = response.get("Cache-Control", "")
    if "private" in control or "no-store" in control:
        return "private"
    return ""


def _read_tag_values(tags: Iterable[str]) -> dict[str, str | None]:
    """The tags' values in the shared cache. A tag never bumped (or
    forgotten by the cache) starts at time 0, with a random part."""
    store = cache()
    keys = {tag: _TAG_PREFIX + tag for tag in tags}
    current = store.get_many(list(keys.values()))
    values = {}
    for tag, key in keys.items():
        value = current.get(key)
        if value is None:
            store.add(key, f"0:{secrets.token_hex(4)}", timeout=None)
            value = store.get(key)
        values[tag] = value
    return values


_read_this_request: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "page_cache_tags_read", default=None
)


# Tags nearly every request reads (the menu's): read with a request's first
# read of any tag, in the same round trip.
_read_first: set[str] = set()


def read_with_the_first(tag: str) -> None:
    """From now on, read `tag` with the first tag each request reads."""
    _read_first.add(tag)


def current_tag_values(tags: Iterable[str]) -> dict[str, str] | None:
    """The tags' values, each read at most once per request
    (`TagValuesMiddleware`), and again after this request bumps it; None
    when the shared cache cannot be reached."""
    read = _read_this_request.get()
    wanted = list(tags)
    missing = [tag for tag in wanted if read is None or tag not in read]
    if missing and read is not None and not read:
        ahead = _read_first.union(_read_last_time.get(_path_this_request.get(), ()))
        missing.extend(ahead.difference(missing))
    if missing:
        found = None
        with _cache_down_is_survived("read its tags"):
            found = _read_tag_values(missing)
        if found is None or None in found.values():
            return None
        if read is None:
            return found
        read.update(found)
    return {tag: read[tag] for tag in wanted}


# The tags the last successful request for each address read: the next
# request for it reads them all in its first round trip. Bounded: once full,
# only addresses already in it are updated.
_read_last_time: dict[str, frozenset[str]] = {}
MOST_ADDRESSES_REMEMBERED = 10_000
_path_this_request: contextvars.ContextVar[str] = contextvars.ContextVar(
    "page_cache_path", default=""
)


class TagValuesMiddleware:
    """One read of each tag per request, however many things ask; and for an
    address read before, one round trip for all the tags it read last time."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read: dict[str, str] = {}
        token = _read_this_request.set(read)
        path_token = _path_this_request.set(request.path)
        try:
            response = self.get_response(request)
        finally:
            _read_this_request.reset(token)
            _path_this_request.reset(path_token)
        if (
            getattr(response, "status_code", None) == 200
            and read
            and (
                request.path in _read_last_time or len(_read_last_time) < MOST_ADDRESSES_REMEMBERED
            )
        ):
            _read_last_time[request.path] = frozenset(read)
        return response


def _tag_values(tags: set[str], started: float) -> dict[str, str] | None:
    """The tags' current values; None when one was bumped while the page was
    being made (the page may show the data from before the change)."""
    values = _read_tag_values(tags)
    for value in values.values():
        if value is None or _bumped_at(value) >= started - settings.PAGE_CACHE_CLOCK_SLACK:
            return None
    return values


def keep(request, response, making: Making) -> bool:
    """Keep the page (True), unless what it shows changed while it was made."""
    values = _tag_values(making.tags, making.started)
    if values is None:
        return False
    entry = {
        "status": response.status_code,
        "headers": [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)],
        "body": response.content,
        "tags": values,
    }
    timeout = settings.PAGE_CACHE_SECONDS
    if making.until is not None:
        timeout = min(timeout, int(making.until - time.time()))
        if timeout <= 0:
            return False
    cache().set(cache_key(request), entry, timeout=timeout)
    return True


def _say(response, state: str) -> None:
    """`X-Page-Cache: hit/miss/not kept`, where settings ask for it (tests
    and development): a page just kept says someone read it a moment ago in
    that language with those choices, which production keeps to itself."""
    if settings.PAGE_CACHE_HEADER:
        response[HIT_HEADER] = state


def mark_shared(response) -> None:
    """Headers that let a proxy or CDN in front keep the page for visitors
    (docs/caching.md): browsers check back every time (cheaply, by ETag)."""
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SHARED_SECONDS
    )
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Serves and keeps visitors' pages. The innermost middleware: everything
    outside it (CSP, security headers, CSRF cookie, Vary) runs for every
    response, kept or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            response = self.get_response(request)
            if _has_session(request) and not response.has_header("Cache-Control"):
                # Someone the site knows: nobody in between may keep it.
                patch_cache_control(response, private=True)
            return response
        clean = without_tracking(request)
        if clean is not None:
            return HttpResponsePermanentRedirect(clean)
        found = None
        with _cache_down_is_survived("look a page up"):
            found = lookup(request)
        if found is not None:
            mark_shared(found)
            return found
        making = Making()
        token = _making.set(making)
        try:
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        finally:
            _making.reset(token)
        if making.cacheable:
            reason = _holds_something_of_this_request(request, response)
            if not reason:
                kept = False
                with _cache_down_is_survived("keep a page"):
                    kept = keep(request, response, making)
                _say(response, "miss" if kept else "not kept")
                mark_shared(response)
            elif reason not in ("status", "private"):
                logger.warning(
                    "A cacheable page was not kept: it holds a %s (%s).", reason, request.path
                )
        return response
