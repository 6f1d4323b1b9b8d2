"""The site's pages run under the strict content security policy without violating it.

A violation means something on the page (an inline script or style, a foreign
resource) is blocked: at best a broken page, at worst a quick exit that does not
work. Violations are collected twice: from the `securitypolicyviolation` events
the page fires, and from Chromium's console messages about them.
"""

import re

import pytest

from .conftest import DEMO_PASSWORD, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


WATCH_VIOLATIONS = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
}, true);
"""
CSP_CONSOLE_MESSAGE = re.compile(r"Content Security Policy|Content-Security-Policy|violates")

PAGES = [
    ("/", 200),
    ("/know-your-rights/", 200),
    ("/safety/", 200),
    ("/about/", 200),
    ("/accounts/login/", 200),
    ("/accounts/signup/", 200),
    ("/accounts/password/reset/", 200),
    ("/no-such-page/", 404),
]


@pytest.fixture
def watched_page(page):
    """`page`, recording CSP violation events in window.__cspViolations."""
    page.add_init_script(WATCH_VIOLATIONS)
    return page


def violations(page, browser_log) -> list:
    """The CSP violations of the page's current document, from both sources."""
    # Violation events are queued as tasks: let the page run what is queued
    # before reading them. The round trip also delivers pending console events.
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    events = page.evaluate("window.__cspViolations")
    assert events is not None, "the violation watcher did not run on this page"
    console = [text for text in browser_log.texts() if CSP_CONSOLE_MESSAGE.search(text)]
    return events + console


def assert_strict_policy(response) -> None:
    policy = response.headers.get("content-security-policy")
    assert policy, f"no Content-Security-Policy on {response.url}"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    # The site's own script files only: no nonce is needed, so none is given.
    assert script_src.split() == ["script-src", "'self'"]


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_has_no_csp_violations(watched_page, browser_log, path, status):
    response = watched_page.goto(path)
    assert response.status == status
    assert_strict_policy(response)
    assert violations(watched_page, browser_log) == []
    assert browser_log.errors == []
    # The quick exit's script is among what the policy allows.
    assert watched_page.evaluate("document.scripts.length") >= 1


def test_the_violation_checks_see_violations(watched_page, browser_log):
    """A deliberate violation is caught, so an empty list above means something."""
    watched_page.goto("/about/")
    watched_page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.__inlineRan = true";
            document.body.append(script);
        }"""
    )
    found = violations(watched_page, browser_log)
    assert any(isinstance(v, dict) and v["directive"] == "script-src-elem" for v in found)
    assert any(isinstance(v, str) for v in found), "Chromium's console message was not seen"
    assert watched_page.evaluate("window.__inlineRan") is None


def test_mfa_set_up_pages_have_no_csp_violations(watched_page, browser_log, live_site):
    """A site admin without a second factor is sent to set one up; those pages,
    including the QR code of the authenticator app, work under the policy."""
    page = watched_page
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("admin@example.org")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")

    # Sent to set-up, keeping where they were going (the home page).
    page.wait_for_url(f"{live_site}/accounts/2fa/?next=%2F")
    assert violations(page, browser_log) == []

    # Right after signing in, set-up asks for no password (people.mfa_setup);
    # should the re-authentication page show after all, it is checked too.
    browser_log.console.clear()
    response = page.goto("/accounts/2fa/totp/activate/")
    assert_strict_policy(response)
    if page.url.startswith(f"{live_site}/accounts/reauthenticate/"):
        assert violations(page, browser_log) == []
        page.locator("input[name=password]").fill(DEMO_PASSWORD)
        browser_log.console.clear()
        with page.expect_navigation() as navigation:
            page.locator("input[name=password]").press("Enter")
        response = navigation.value
        assert_strict_policy(response)

    assert response.status == 200
    assert page.url == f"{live_site}/accounts/2fa/totp/activate/"
    qr_code = page.locator("main img[src^='data:image/svg+xml'], main svg").first
    qr_code.wait_for()
    assert qr_code.is_visible()
    assert qr_code.evaluate("el => el.tagName === 'svg' || el.naturalWidth > 0")
    assert violations(page, browser_log) == []
    assert browser_log.errors == []


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        (
            "leader@example.org",
            [
                "/me/",
                "/me/profile/",
                "/me/preferences/",
                "/me/consents/",
                "/me/story/",
                "/me/story/new/",
                "/me/sessions/",
                "/me/access-log/",
            ],
        ),
        ("org-member@example.org", ["/directory/"]),
    ],
    ids=["survivor leader", "organisation member"],
)
def test_member_pages_have_no_csp_violations(watched_page, browser_log, live_site, email, paths):
    sign_in(watched_page, email)
    for path in paths:
        browser_log.console.clear()
        response = watched_page.goto(path)
        assert response.status == 200, path
        assert_strict_policy(response)
        assert violations(watched_page, browser_log) == [], path
    assert browser_log.errors == []
