"""Moving around the site adds nothing to the tab's Back list
(site/static/js/one-entry.js), in a real browser.

test_quick_exit.py holds what this is for: after a quick exit, Back never
reaches the site. These tests hold the parts: links, GET and POST forms, a form
answered with errors, a file, and what is left to the browser.

Each page reports `history.length` from an init script as it loads, so no test
needs to run a script in the page to read it.
"""

import re

import pytest

from .conftest import DEMO_PASSWORD, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REPORT_HISTORY_LENGTH = """
addEventListener("load", () => {
  console.debug("history.length " + history.length + " " + location.href);
});
"""


def _history_lengths(browser_log) -> list[int]:
    return [
        int(text.split()[1])
        for text in browser_log.texts("debug")
        if text.startswith("history.length ")
    ]


def _csp_reports(browser_log) -> list[str]:
    return [text for text in browser_log.texts() if "Content Security Policy" in text]


def test_links_and_forms_replace_the_entry(page, live_site, browser_log):
    page.add_init_script(REPORT_HISTORY_LENGTH)
    page.goto("/")
    page.locator(".site-nav a", has_text="Campaigns").click()
    page.wait_for_url(f"{live_site}/campaigns/")
    page.locator("#campaign-q").fill("migrate")
    page.get_by_role("button", name="Show campaigns").click()
    page.wait_for_url(re.compile(r"/campaigns/\?q=migrate&"))
    page.locator("#language-select").select_option("es")
    page.locator(".language-switcher button[type=submit]").click()
    page.wait_for_url(re.compile(r"/es/campaigns/\?q=migrate&"))
    page.locator(".site-footer a[href$='/browse-safely/']").click()
    page.wait_for_url(f"{live_site}/es/browse-safely/")
    assert page.locator("article.browse-safely h1").is_visible()

    lengths = _history_lengths(browser_log)
    assert len(lengths) == 5
    assert set(lengths) == {2}, lengths  # the new tab's blank page, then the site
    assert browser_log.errors == []
    assert _csp_reports(browser_log) == []


def test_a_form_answered_with_errors_is_shown_in_place(page, live_site, neutral_site, browser_log):
    """The sign-in form, with a wrong password: the answer is a page, not a
    redirect, and it takes the place of the form without a new entry. Its
    scripts run once: the quick exit works, and does not count keys twice."""
    page.add_init_script(REPORT_HISTORY_LENGTH)
    page.goto("/about/")
    page.locator(".account-nav a[href$='/accounts/login/']").click()
    page.wait_for_url(f"{live_site}/accounts/login/")
    page.locator("input[name=login]").fill("nobody@example.org")
    page.locator("input[name=password]").fill("not the password")
    page.locator("input[name=password]").press("Enter")
    error = page.locator("main .errorlist, main [role=alert], main .form-errors").first
    error.wait_for()
    assert "not correct" in page.locator("main").inner_text()
    assert page.url == f"{live_site}/accounts/login/"
    assert page.evaluate("history.length") == 2
    assert page.locator("input[name=login]").input_value() == "nobody@example.org"

    page.keyboard.press("Escape")
    assert (
        page.evaluate("document.documentElement.classList.contains('quick-exit-active')") is False
    ), "one Escape must not count twice after the answer is shown"

    # Links on the answer still replace the entry.
    page.locator(".site-nav a", has_text="About").click()
    page.wait_for_url(f"{live_site}/about/")
    assert page.evaluate("history.length") == 2

    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_site)
    page.go_back()
    assert page.url == "about:blank"
    assert browser_log.errors == []
    assert _csp_reports(browser_log) == []


def test_a_file_from_a_form_is_saved_and_the_page_stays(page, live_site, browser_log):
    """The data export: a POST answered with a zip. The first time the site asks
    for the password again and the download follows that form; once signed in
    again recently, the zip is the answer itself, saved from the script."""
    sign_in(page, "leader@example.org")
    page.goto("/me/data/")
    length = page.evaluate("history.length")
    page.get_by_role("button", name="Download my data").click()
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_download() as first:
        page.locator("input[name=password]").press("Enter")
    assert first.value.suggested_filename.endswith(".zip")

    page.locator(".account-nav a[href$='/me/']").click()
    page.wait_for_url(f"{live_site}/me/")
    page.goto("/me/data/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    assert re.fullmatch(r"my-data-\d{4}-\d{2}-\d{2}\.zip", download.value.suggested_filename)
    with open(download.value.path(), "rb") as saved:
        assert saved.read(2) == b"PK"  # a zip
    assert page.url == f"{live_site}/me/data/"
    assert page.locator("main h1").first.inner_text() == "Your data"
    assert page.evaluate("history.length") == length + 1  # the goto above, not the form
    assert browser_log.errors == []


def test_the_skip_link_adds_no_entry(page, live_site):
    page.goto("/about/")
    length = page.evaluate("history.length")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site}/about/#main")
    assert page.evaluate("history.length") == length
    assert page.evaluate("document.querySelector(':target').id") == "main"


def test_new_tabs_and_other_sites_are_left_to_the_browser(page, context, live_site):
    """Ctrl+click opens a tab as usual; a link to another site is an ordinary
    navigation (that site is not ours to keep out of the Back list)."""
    page.goto("/about/")
    with context.expect_page() as new_tab:
        page.locator(".site-nav a", has_text="Campaigns").click(modifiers=["Control"])
    new_tab.value.wait_for_load_state()
    assert new_tab.value.url == f"{live_site}/campaigns/"
    assert page.url == f"{live_site}/about/"

    helpline = page.locator(".site-footer a[href^='https://www.globalmodernslavery.org']")
    other_site = helpline.get_attribute("href")
    context.route(
        other_site,
        lambda route: route.fulfill(content_type="text/html", body="<title>Elsewhere</title>"),
    )
    helpline.click()
    page.wait_for_url(other_site)
    page.go_back()
    assert page.url == f"{live_site}/about/"
