"""The council workspace in a real browser: two members, one posts, the other
sees it live; hostile markup stays inert; nothing breaks the strict CSP."""

import re

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

        hostile = (
            '<img src=x onerror="alert(1)"><a href="javascript:alert(2)">link</a>'
            "<script>alert(3)</script><b>kept</b>"
        )
        leader.get_by_role("textbox", name="Message").fill(hostile)
        leader.get_by_role("button", name="Send").click()
        last = observer.locator("#council-history .council-message").last
        last.locator("b", has_text="kept").wait_for()
        html = last.inner_html()
        assert "onerror" not in html and "javascript:" not in html and "<script" not in html
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


COUNCIL_PAGES = [
    "/councils/",
    "/councils/partner-review-council/",
    "/councils/survivor-advisory-council/",
    "/councils/partner-review-council/settings/",
    "/councils/partner-review-council/meetings/",
    "/councils/survivor-advisory-council/meetings/",
]


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
