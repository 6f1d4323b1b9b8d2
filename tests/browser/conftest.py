"""A Playwright fixture serving the ASGI app to headless Chromium.

`live_asgi_server` runs `config.asgi:application` under uvicorn in a thread;
`neutral_site` is a tiny second HTTP server standing in for the neutral website
the quick exit goes to (the browser has no internet). `live_site` loads the
demo data, committed, so the server thread sees it; `browser` and `page` drive
Debian's Chromium (Playwright cannot download its own here).

Browser tests must use `@pytest.mark.django_db(transaction=True,
serialized_rollback=True)`: data has to be committed to be visible to the server
thread, and the serialized rollback restores the root page, default site and
role groups that migrations created, for the tests that run afterwards.
"""

import contextlib
import io
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from core.upstream.django import serialized_test_contents, set_serialized_test_contents
from tests.chromium import ARGS as CHROMIUM_ARGS
from tests.chromium import chromium_path
from tests.database_snapshots import DemoSnapshot

# Playwright's sync API runs its asyncio event loop on this (the main) thread,
# in a greenlet, so while a browser is open asyncio reports a running loop here.
# Django then refuses every ORM call made from this thread (the fixtures below,
# and pytest-django's flush after each transactional test) with
# SynchronousOnlyOperation, although nothing actually runs concurrently: the
# test code is plain synchronous code. The server thread has its own loop and
# runs Django's sync code in sync_to_async threads, so it is not affected.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

NEUTRAL_TITLE = "Neutral page"
# The password every demo account shares (published on purpose: load_demo_data).
DEMO_PASSWORD = "demo-survivor-platform"


def sign_in(page, email: str) -> None:
    """Sign in through the real form as a demo account without two-step verification."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")


# Playwright's default is 30 s; a local server answers in well under a second,
# so anything slower is a failure worth seeing quickly.
DEFAULT_TIMEOUT_MS = 10_000


def _listening_socket() -> socket.socket:
    """A socket bound to a free port on 127.0.0.1 (no race between picking and binding)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _wait_for_port(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class RequestsInFlight:
    """Counts the live server's HTTP requests still being answered.

    Closing a browser context unloads its pages, and a page may send a last
    request as it goes (Wagtail's editor releases its editing session with a
    beacon). Answered while the test's database is being flushed, that request
    makes the flush fail; the `context` fixture waits for it instead."""

    def __init__(self, app):
        self.app = app
        self.count = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        self.count += 1
        try:
            return await self.app(scope, receive, send)
        finally:
            self.count -= 1

    def wait_until_idle(self, quiet: float = 0.2, timeout: float = 5.0) -> None:
        """Return once no request has been in flight for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if self.count:
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= quiet:
                return
            time.sleep(0.02)


_live_requests: RequestsInFlight | None = None


@contextlib.contextmanager
def serve_asgi(application):
    """`application` under uvicorn in a thread of this process; yields its base URL."""
    import uvicorn

    sock = _listening_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="live-asgi-server", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("The live ASGI server did not start.")
            time.sleep(0.02)
        _wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def live_asgi_server(django_db_setup, django_db_blocker):
    """The project's ASGI app (HTTP and WebSockets) under uvicorn; yields its base URL.

    Depends on django_db_setup so that connections opened in the server's
    threads already point at the test database.
    """
    from config.asgi import application

    global _live_requests
    _live_requests = RequestsInFlight(application)
    try:
        with serve_asgi(_live_requests) as base_url:
            yield base_url
    finally:
        _close_server_thread_connections(django_db_blocker)


def _close_server_thread_connections(django_db_blocker) -> None:
    """The server ran Django in worker threads whose database connections we
    cannot close from here; on PostgreSQL they would keep the test database
    from being dropped at the end of the session, so end them."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


class _NeutralPageHandler(BaseHTTPRequestHandler):
    """Any path: an everyday page with nothing to do with the platform."""

    body = (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{NEUTRAL_TITLE}</title></head>"
        f"<body><h1>Weather</h1><p>Sunny, 21°C.</p></body></html>"
    ).encode()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format, *args):  # quiet
        pass


@pytest.fixture(scope="session")
def neutral_site():
    """URL of a neutral page on another local origin, for the quick exit to go to."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralPageHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="neutral-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/weather"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Loaded once per test process, then restored from its rows
# (tests/database_snapshots.py).
_demo = DemoSnapshot()


@pytest.fixture
def live_site(transactional_db, live_asgi_server, neutral_site):
    """The demo site, committed, with the quick exit pointing at `neutral_site`.

    Yields the server's base URL.
    """
    from django.core.management import call_command
    from django.db import connection
    from wagtail.models import Site

    from home.models import SafetySettings

    if not Site.objects.filter(is_default_site=True).exists():
        pytest.fail(
            "The test database has no default site: the serialized rollback of the "
            "previous transactional test did not restore it.",
            pytrace=False,
        )
    _demo.load(connection, lambda: call_command("load_demo_data", "--force", stdout=io.StringIO()))
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.quick_exit_url = neutral_site
    safety.save()
    return live_asgi_server


def _share_serialized_rollback(saved: dict[str, str]) -> None:
    """Give the database connections that Django hands out while Playwright runs
    the serialized contents that pytest-django restores after each test.

    Playwright's sync API marks its event loop as running on this thread between
    calls. asgiref's Local, which holds Django's connections, then switches from
    thread-local to context-local storage, so `connections["default"]` becomes a
    second DatabaseWrapper for the same test database. That one lacks
    `_test_serialized_contents`, set on the first wrapper when the test database
    was created, so `serialized_rollback=True` would silently restore nothing
    and the next test would start without Wagtail's root page, default site and
    role groups.
    """
    from django.db import connections

    for alias, contents in saved.items():
        set_serialized_test_contents(connections[alias], contents)


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Headless Chromium, one per test module.

    Module- rather than session-scoped: while Playwright's sync API is running,
    its event loop counts as running on the main thread, which would break
    async tests (pytest-asyncio) collected after the browser tests.
    """
    from django.db import connections

    executable = chromium_path()
    if executable is None:
        configured = os.environ.get("CHROMIUM_PATH")
        message = (
            f"CHROMIUM_PATH={configured} does not exist."
            if configured
            else "No Chromium found (looked for `chromium` and `chromium-browser`); "
            "install it with `apt-get install chromium`, or set CHROMIUM_PATH."
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {message}", pytrace=False)
        pytest.skip(message)

    from playwright.sync_api import sync_playwright

    saved = {
        alias: contents
        for alias in connections
        if (contents := serialized_test_contents(connections[alias])) is not None
    }
    with sync_playwright() as playwright:
        _share_serialized_rollback(saved)
        chromium = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            # Playwright turns the pop-up blocker off; people's browsers have it on,
            # and the quick exit's new tab is a pop-up.
            ignore_default_args=["--disable-popup-blocking"],
        )
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class BrowserLog:
    """What the pages of one browser context said: console messages and uncaught errors."""

    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, page URL)
    errors: list[str] = field(default_factory=list)

    def texts(self, *types: str) -> list[str]:
        return [text for kind, text, _url in self.console if not types or kind in types]


def watch(context, log: BrowserLog) -> None:
    """Record console messages and page errors of every page in `context` (pop-ups too)."""
    context.on(
        "console",
        lambda msg: log.console.append((msg.type, msg.text, msg.page.url if msg.page else "")),
    )
    context.on("weberror", lambda error: log.errors.append(str(error.error)))


@pytest.fixture
def browser_log():
    return BrowserLog()


@pytest.fixture
def context(browser, live_site, browser_log):
    """A fresh browser context (no cookies, no history) whose base URL is the live site."""
    ctx = browser.new_context(base_url=live_site)
    ctx.set_default_timeout(DEFAULT_TIMEOUT_MS)
    watch(ctx, browser_log)
    try:
        yield ctx
    finally:
        ctx.close()
        if _live_requests is not None:
            _live_requests.wait_until_idle()


@pytest.fixture
def page(context):
    """A new page in a fresh context; its console and errors go to `browser_log`."""
    return context.new_page()
