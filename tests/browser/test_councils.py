"""The council workspace in a real browser: two members, one posts, the other
sees it live; hostile markup stays inert; nothing breaks the strict CSP."""

import json
import re
import time

import pytest

from .conftest import DEFAULT_TIMEOUT_MS, DEMO_PASSWORD, watch
from .test_csp import WATCH_VIOLATIONS, violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo's second council: the leader is a member, the organisation member an
# observer (the observer would first be asked to set up two-step verification).
ROOM = "/councils/partner-review-council/"


def member_page(browser, live_site, browser_log, email, route_sockets=None):
    context = browser.new_context(base_url=live_site)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    watch(context, browser_log)
    if route_sockets is not None:
        context.route_web_socket(re.compile(r"/ws/councils/"), route_sockets)
    page = context.new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    page.goto(ROOM)
    page.wait_for_selector("#council-room[data-connected='true']", state="attached")
    return context, page


def test_a_message_from_one_member_appears_live_for_another(browser, live_site, browser_log):
    leader_context, leader = member_page(browser, live_site, browser_log, "leader@example.org")
    observer_context, observer = member_page(
        browser, live_site, browser_log, "org-member@example.org"
    )
    dialogs = []
    observer.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        leader.get_by_role("textbox", name="Message").fill("See you on Thursday")
        leader.get_by_role("textbox", name="Message").press("Control+Enter")
        live = observer.locator("#council-history .council-message").last
        live.get_by_text("See you on Thursday").wait_for()
        # Sent over the socket, not by posting the form: the page never reloaded.
        assert leader.url.endswith(ROOM)
        assert "See you on Thursday" in observer.locator("#council-announcer").inner_text()

        # Text that looks like HTML is text: shown exactly as typed, live and
        # after a reload, and nothing in it becomes an element.
        for typed in (
            "use <b> for bold",
            "<b>",
            "<script>alert(1)</script>",
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a><b>kept</b>',
        ):
            leader.get_by_role("textbox", name="Message").fill(typed)
            leader.get_by_role("button", name="Send").click()
            for page in (observer, leader):
                last = page.locator("#council-history .council-message").last
                body = last.locator(".council-message__body")
                body.get_by_text(typed, exact=True).wait_for()
                assert body.inner_text() == typed
                assert body.locator("b, script, img, a").count() == 0
        observer.reload()
        bodies = observer.locator("#council-history .council-message__body")
        assert bodies.last.inner_text().strip() == (
            '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">link</a><b>kept</b>'
        )
        assert bodies.last.locator("b, script, img, a").count() == 0
        observer.wait_for_selector("#council-room[data-connected='true']", state="attached")
        assert dialogs == []
        # Order is the same on both pages.
        seqs = [
            page.eval_on_selector_all(
                "#council-history .council-message", "items => items.map(i => i.dataset.seq)"
            )
            for page in (leader, observer)
        ]
        assert seqs[0][-2:] == seqs[1][-2:]
        for page in (leader, observer):
            assert violations(page, browser_log) == []
        assert browser_log.errors == []
        assert not [t for t in browser_log.texts("error") if re.search("WebSocket", t)]
    finally:
        leader_context.close()
        observer_context.close()


class FlakyNetwork:
    """Stands between the page and the server's council sockets: drops them on
    demand and refuses new ones while "offline", as a lost connection would."""

    def __init__(self):
        self.offline = False
        self.routes = []

    def __call__(self, route):
        if self.offline:
            route.close()
            return
        route.connect_to_server()
        self.routes.append(route)

    def drop(self):
        self.offline = True
        for route in self.routes:
            route.close()
        self.routes.clear()


def send(page, text):
    page.get_by_role("textbox", name="Message").fill(text)
    page.get_by_role("textbox", name="Message").press("Control+Enter")
    page.locator("#council-history .council-message", has_text=text).wait_for()


def test_a_member_back_from_offline_sees_what_changed_without_reloading(
    browser, live_site, browser_log
):
    network = FlakyNetwork()
    leader_context, leader = member_page(browser, live_site, browser_log, "leader@example.org")
    observer_context, observer = member_page(
        browser, live_site, browser_log, "org-member@example.org", route_sockets=network
    )
    history = observer.locator("#council-history .council-message")
    try:
        send(leader, "Agenda draft is ready")
        send(leader, "Room booked for Thursday")
        history.filter(has_text="Room booked for Thursday").wait_for()
        observer.evaluate("window.stayedOnPage = true")

        network.drop()
        observer.wait_for_selector("#council-room[data-connected='false']", state="attached")
        # While the observer is away: an edit, a removal and a new message,
        # made through the pages without JavaScript.
        leader.reload()
        first = leader.locator("#council-history .council-message", has_text="Agenda draft")
        with leader.expect_navigation():
            first.get_by_role("link", name="Edit").click()
        leader.get_by_role("textbox", name="Message").fill("Agenda draft is ready, with times")
        with leader.expect_navigation():
            leader.get_by_role("button", name="Save").click()
        second = leader.locator("#council-history .council-message", has_text="Room booked")
        with leader.expect_navigation():
            second.get_by_role("button", name="Remove").click()
        leader.wait_for_selector("#council-room[data-connected='true']", state="attached")
        send(leader, "Snacks are on me")

        network.offline = False
        history.filter(has_text="Snacks are on me").wait_for(timeout=45_000)
        edited = history.filter(has_text="Agenda draft is ready, with times")
        assert edited.count() == 1 and "edited" in edited.inner_text()
        assert history.filter(has_text="Room booked for Thursday").count() == 0
        assert observer.locator(".council-message--removed .council-message__tombstone").count()
        assert history.filter(has_text="Snacks are on me").count() == 1
        # Caught up over the socket: the page was never reloaded, and every
        # message is there once, in the same order as on the leader's page.
        assert observer.evaluate("window.stayedOnPage") is True
        ids = [
            page.eval_on_selector_all(
                "#council-history .council-message", "items => items.map(i => i.dataset.id)"
            )
            for page in (leader, observer)
        ]
        assert len(set(ids[1])) == len(ids[1])
        assert ids[0][-3:] == ids[1][-3:]
        assert observer.get_attribute("#council-room", "data-last-seq") == leader.get_attribute(
            "#council-room", "data-last-seq"
        )

        # Messages drawn live offer the same actions as the server's history:
        # the author may edit or remove their own, others may report it.
        snacks = leader.locator("#council-history .council-message", has_text="Snacks are on me")
        assert snacks.get_by_role("link", name="Edit").count() == 1
        observed = history.filter(has_text="Snacks are on me")
        assert observed.get_by_role("link", name="Report to facilitators").count() == 1
        assert observed.get_by_role("link", name="Edit").count() == 0
        leader.evaluate("window.stayedOnPage = true")
        tombstone = f"#{snacks.get_attribute('id')} .council-message__tombstone"
        snacks.get_by_role("button", name="Remove").click()
        # Removed over the socket: a tombstone on both pages, no reload.
        for page in (leader, observer):
            page.wait_for_selector(tombstone)
        assert leader.evaluate("window.stayedOnPage") is True
        assert browser_log.errors == []
    finally:
        leader_context.close()
        observer_context.close()


class RefusingServer:
    """Stands in for a server whose Redis is down: the first `refusals`
    sockets get what the consumer sends then (an `unavailable` event with a
    retry-after, and close code 4503); later ones reach the real server.
    Records when each attempt came."""

    def __init__(self, refusals: int, retry_after: int):
        self.refusals = refusals
        self.retry_after = retry_after
        self.attempts: list[float] = []

    def __call__(self, route):
        self.attempts.append(time.monotonic())
        if len(self.attempts) > self.refusals:
            route.connect_to_server()
            return
        route.send(
            json.dumps(
                {
                    "type": "unavailable",
                    "message": "The live connection is down for a moment. Trying again soon…",
                    "retry_after": self.retry_after,
                }
            )
        )
        route.close(code=4503, reason="")


def test_a_refused_socket_waits_as_told_then_backs_off_with_jitter(browser, live_site, browser_log):
    server = RefusingServer(refusals=2, retry_after=2)
    context, page = member_page(
        browser, live_site, browser_log, "leader@example.org", route_sockets=server
    )
    try:
        # member_page returned at the first (mocked) open; wait for the real one.
        page.wait_for_function(
            "document.querySelector('#council-room').dataset.closeCode === '4503'"
        )
        deadline = time.monotonic() + 20
        while len(server.attempts) < 3 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        page.wait_for_selector("#council-room[data-connected='true']", state="attached")
        assert len(server.attempts) == 3, server.attempts
        waits = [b - a for a, b in zip(server.attempts, server.attempts[1:], strict=False)]
        # Never sooner than the server asked; the first backoff adds at most 1 s
        # of jitter, the second at most 2 s.
        assert 2.0 <= waits[0] < 2.0 + 1.0 + 0.5, waits
        assert 2.0 <= waits[1] < 2.0 + 2.0 + 0.5, waits
        # Live again: a message goes over the socket.
        send(page, "Back after the outage")

        # The schedule itself: retry-after plus exponential backoff with full
        # jitter, capped at 30 s.
        delays = page.evaluate(
            """async () => {
                const src = document.querySelector("script[src*='workspace.js']").src;
                const { reconnectDelay } = await import(src);
                return [
                    reconnectDelay(0, 3, 0), reconnectDelay(0, 3, 0.999),
                    reconnectDelay(1, 0, 0.5), reconnectDelay(4, 0, 0.5),
                    reconnectDelay(20, 0, 0.999), reconnectDelay(20, 5, 0.999),
                ];
            }"""
        )
        assert delays[0] == 3000 and 3990 < delays[1] < 4000
        assert delays[2] == 1000 and delays[3] == 8000
        assert 29_900 < delays[4] < 30_000 and 34_900 < delays[5] < 35_000
        assert browser_log.errors == []
    finally:
        context.close()


COUNCIL_PAGES = [
    "/councils/",
    "/councils/partner-review-council/",
    "/councils/survivor-advisory-council/",
    "/councils/partner-review-council/settings/",
    "/councils/partner-review-council/meetings/",
    "/councils/survivor-advisory-council/meetings/",
]


def wait_until(page, expression, seconds=20):
    """Polls `expression` with page.evaluate(), which the page's CSP leaves
    alone; wait_for_function() polls through eval(), which the strict CSP
    forbids once the page has been replaced."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {expression}"
        page.wait_for_timeout(100)


def test_a_form_answered_in_place_ends_the_workspace_s_socket(browser, live_site, browser_log):
    """one-entry.js shows a refused form's answer in the same history entry
    (document.open()), which keeps the old page's sockets and timers alive: the
    workspace must close its socket and never reconnect behind the new page."""
    context, page = member_page(browser, live_site, browser_log, "leader@example.org")
    try:
        page.evaluate("window.oldWorkspace = window.councilWorkspace")
        wait_until(page, "window.oldWorkspace.socket.readyState === 1")  # open
        # A form with a wrong security token: refused (403) and shown in place.
        page.evaluate(
            """(room) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = room;
                const token = document.createElement("input");
                token.name = "csrfmiddlewaretoken";
                token.value = "x".repeat(64);
                form.appendChild(token);
                document.body.appendChild(form);
                form.requestSubmit();
            }""",
            ROOM,
        )
        page.wait_for_selector("#council-room", state="detached")
        wait_until(page, "window.oldWorkspace.socket.readyState === 3")  # closed
        old_socket = page.evaluate_handle("window.oldWorkspace.socket")
        # Longer than the first reconnect delay: nothing opens a socket again.
        page.wait_for_timeout(2500)
        assert page.evaluate("(s) => window.oldWorkspace.socket === s", old_socket)
        assert page.evaluate("window.oldWorkspace.stopped") is True
    finally:
        context.close()


def test_council_pages_pass_automated_accessibility_checks_and_csp(page, browser_log):
    from .test_accessibility import check, sign_in

    page.add_init_script(WATCH_VIOLATIONS)
    sign_in(page, "leader@example.org")
    problems = {path: found for path in COUNCIL_PAGES if (found := check(page, path))}
    assert problems == {}
    page.goto("/councils/survivor-advisory-council/")
    meeting = page.get_by_role("link", name="Being heard: our advice to partners").first
    meeting.click()
    page.wait_for_load_state()
    assert check(page, page.url) == ""
    assert violations(page, browser_log) == []
