"""Automated accessibility checks (axe-core, WCAG 2.1 A and AA rules) on the
pages people use most, signed out and signed in.

axe cannot judge everything (reading order, plain words, whether a label makes
sense), but what it does catch — missing labels, low contrast, broken ARIA,
headings out of order, unnamed links — must never ship.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PUBLIC_PAGES = [
    "/",
    "/know-your-rights/",
    "/safety/",
    "/about/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/content-warnings/",
    "/browse-safely/",
    "/no-such-page/",
]

MEMBER_PAGES = [
    "/me/",
    "/me/profile/",
    "/me/preferences/",
    "/me/consents/",
    "/me/story/",
    "/me/story/new/",
    "/me/sessions/",
    "/me/access-log/",
    "/me/data/",
]


def describe(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


def check(page, path: str) -> str:
    page.goto(path)
    results = Axe().run(page, options=WCAG_AA)
    return describe(results)


def test_public_pages_pass_automated_accessibility_checks(page):
    problems = {path: found for path in PUBLIC_PAGES if (found := check(page, path))}
    assert problems == {}


def test_member_pages_pass_automated_accessibility_checks(page):
    sign_in(page, "leader@example.org")
    problems = {path: found for path in MEMBER_PAGES if (found := check(page, path))}
    assert problems == {}


def test_the_checker_finds_a_real_problem(page):
    """A page with a known fault is caught, so an empty result above means something."""
    page.goto("/about/")
    page.evaluate(
        "document.querySelector('main').append("
        "Object.assign(document.createElement('img'), {src: '/static/none.png'}))"
    )
    assert "image-alt" in describe(Axe().run(page, options=WCAG_AA))
