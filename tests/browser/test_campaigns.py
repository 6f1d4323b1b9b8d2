"""A visitor pledges to a campaign, confirms from the email link, and sees the
progress move: in a real browser, without JavaScript being needed."""

import re

import pytest
from django.core import mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CAMPAIGN = "/campaigns/migrate-safely/"
CONFIRM_LINK = re.compile(r"https?://\S+/pledge/confirm/[\w-]+/")


def _progress(page) -> str:
    return page.locator(".campaign-progress__text").first.inner_text()


def test_a_visitor_pledges_confirms_and_sees_the_progress_move(page, browser_log):
    mail.outbox.clear()
    page.goto(CAMPAIGN)
    before = _progress(page)
    assert before == "122 confirmed pledges of 400"
    assert page.locator("progress").first.get_attribute("value") == "122"

    page.get_by_label(re.compile(r"^Name to show")).fill("Lin")
    page.get_by_label(re.compile(r"^Email:?$")).fill("lin@example.net")
    page.get_by_label(re.compile(r"^Email me updates")).check()
    page.get_by_role("button", name="Pledge").click()
    page.wait_for_url(re.compile(r"/campaigns/migrate-safely/"))
    assert "your pledge counts once you open it" in page.locator(".messages").inner_text()
    assert _progress(page) == before, "an unconfirmed pledge must not count"

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lin@example.net"]
    link = CONFIRM_LINK.search(mail.outbox[0].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm my pledge").click()
    page.wait_for_url(re.compile(r"/campaigns/migrate-safely/"))
    assert "your pledge is confirmed" in page.locator(".messages").inner_text()
    assert _progress(page) == "123 confirmed pledges of 400"
    assert page.locator("progress").first.get_attribute("value") == "123"
    assert "lin@example.net" not in page.content()
    assert browser_log.errors == []


WATCH_VIOLATIONS = """
window.__cspViolations = [];
window.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.effectiveDirective + " " + event.blockedURI);
}, true);
"""


@pytest.mark.parametrize(
    "path",
    ["/campaigns/", "/campaigns/?topic=safe-migration&language=my", CAMPAIGN, "/"],
)
def test_campaign_pages_keep_to_the_content_security_policy(page, browser_log, path):
    page.add_init_script(WATCH_VIOLATIONS)
    response = page.goto(path)
    assert response.status == 200
    page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in browser_log.texts() if "Content Security Policy" in text] == []
    assert page.locator("progress").count() >= 1
