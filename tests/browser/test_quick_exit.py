"""The quick exit (components/quick_exit.html + static/js/quick-exit.js), in a real browser.

The button, Esc twice or Shift three times (within a second, nothing between)
replace the current page with the neutral site, so that Back does not return
to the page the person was reading, and open the neutral site in a new tab.

Two things keep these tests honest about what people get:

- Chromium runs with its pop-up blocker on (see conftest), so the new tab only
  opens where a real browser would let it.
- Nothing calls `page.evaluate()` (or another script-running helper) between
  loading a page and triggering the exit: Playwright runs those scripts as a
  user gesture, which would give the page the "user activation" that lets it
  open pop-ups, and the test would see a new tab that a person would not get.
  `history.length` before the exit is reported by an init script instead.
"""

import pytest
from playwright.sync_api import expect

from .conftest import NEUTRAL_TITLE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXITING = "document.documentElement.classList.contains('quick-exit-active')"
REPORT_HISTORY_LENGTH = """
addEventListener("load", () => {
  console.debug("history.length " + history.length + " " + location.href);
});
"""


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/about/", 200), ("/accounts/login/", 200), ("/no-such-page/", 404)],
)
def test_button_is_on_every_page(page, live_site, neutral_site, browser_log, path, status):
    response = page.goto(path)
    assert response.status == status

    button = page.locator("#quick-exit")
    assert button.is_visible()
    assert button.get_attribute("data-quick-exit") == neutral_site
    assert button.get_attribute("href") == neutral_site
    assert button.inner_text().strip() == "Quick exit"
    assert page.locator("#quick-exit-hint").is_visible()
    assert browser_log.errors == []


def _read_two_pages(page, live_site) -> int:
    """/about/ then /safety/: returns history.length while reading /safety/,
    without running a script in the page (see the module docstring)."""
    page.add_init_script(REPORT_HISTORY_LENGTH)
    page.goto("/about/")
    safety = f"{live_site}/safety/"
    with page.expect_console_message(lambda msg: msg.text.endswith(f" {safety}")) as report:
        page.goto("/safety/")
    assert page.url == safety
    return int(report.value.text.split()[1])


def _assert_replaced(page, live_site, neutral_site, history_length) -> None:
    """This tab shows the neutral site, with no new history entry, and Back
    skips the page that was replaced: it is /about/, never /safety/."""
    page.wait_for_url(neutral_site)
    page.wait_for_load_state()
    assert page.title() == NEUTRAL_TITLE
    assert page.evaluate("document.referrer") == ""
    assert page.evaluate("history.length") == history_length

    page.go_back()
    assert page.url == f"{live_site}/about/"


def _assert_new_tab(new_tab, neutral_site) -> None:
    """The new tab shows the neutral site, cannot reach back to the page that
    opened it, and was not told where it was opened from."""
    new_tab.wait_for_url(neutral_site)
    new_tab.wait_for_load_state()
    assert new_tab.title() == NEUTRAL_TITLE
    assert new_tab.evaluate("window.opener") is None
    assert new_tab.evaluate("document.referrer") == ""


def _click_the_button(page):
    page.locator("#quick-exit").click()


def _enter_on_the_focused_button(page):
    """Keyboard users: Tab to the button (it is first after the skip link), then Enter."""
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("#quick-exit")).to_be_focused()
    page.keyboard.press("Enter")


def _escape_twice(page):
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")


def _shift_three_times(page):
    for _ in range(3):
        page.keyboard.press("Shift")


@pytest.mark.parametrize(
    "trigger", [_click_the_button, _enter_on_the_focused_button], ids=["click", "enter"]
)
def test_the_button_replaces_the_page_and_opens_a_new_tab(
    page, context, live_site, neutral_site, browser_log, trigger
):
    history_length = _read_two_pages(page, live_site)
    with context.expect_page() as new_tab:
        trigger(page)
    _assert_new_tab(new_tab.value, neutral_site)
    _assert_replaced(page, live_site, neutral_site, history_length)
    assert browser_log.errors == []


@pytest.mark.parametrize("trigger", [_escape_twice, _shift_three_times], ids=["esc", "shift"])
def test_the_shortcut_replaces_the_page(
    page, context, live_site, neutral_site, browser_log, trigger
):
    history_length = _read_two_pages(page, live_site)
    trigger(page)
    _assert_replaced(page, live_site, neutral_site, history_length)
    assert browser_log.errors == []


@pytest.mark.parametrize("trigger", [_escape_twice, _shift_three_times], ids=["esc", "shift"])
def test_the_shortcut_replaces_the_page_without_trying_a_pop_up(
    page, context, live_site, neutral_site, trigger
):
    """Browsers do not treat Esc or Shift as a user gesture and block pop-ups
    from them, so the shortcut only replaces the page: no tab, no blocked pop-up."""
    _read_two_pages(page, live_site)
    trigger(page)
    page.wait_for_url(neutral_site)
    assert len(context.pages) == 1


def test_the_shortcut_works_while_typing_in_a_form(page, live_site, neutral_site):
    """Someone filling in the sign-in form can still leave with the keyboard."""
    page.goto("/accounts/login/")
    page.locator("input[name=login]").click()
    page.keyboard.type("someone")
    _escape_twice(page)
    page.wait_for_url(neutral_site)
    assert page.title() == NEUTRAL_TITLE


# A keydown listener on window runs after quick-exit.js's listener on document.
REPORT_VISIBILITY_ON_EXIT = """
addEventListener("keydown", () => {
  if (document.documentElement.classList.contains("quick-exit-active")) {
    const visibility = (selector) => getComputedStyle(document.querySelector(selector)).visibility;
    console.debug(
      "quick exit: body " + visibility("body") + ", main " + visibility("main") +
      ", button " + visibility("#quick-exit")
    );
  }
});
"""


def test_the_page_is_hidden_while_the_neutral_site_loads(page, context, live_site, neutral_site):
    """Nothing of the page stays on screen while a slow neutral site loads.

    The neutral site's answer is held back until the check is done. Playwright
    cannot evaluate scripts in a page whose navigation is pending, so the page
    reports what it looks like itself, through the console.
    """
    held, released = [], False

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    context.route(neutral_site, hold)
    page.add_init_script(REPORT_VISIBILITY_ON_EXIT)
    page.goto("/about/")

    with page.expect_console_message(lambda msg: msg.text.startswith("quick exit:")) as report:
        _escape_twice(page)
    assert report.value.text == "quick exit: body hidden, main hidden, button hidden"
    assert page.url == f"{live_site}/about/"  # the neutral site has not answered yet

    released = True
    for route in list(held):
        route.continue_()
    page.wait_for_url(neutral_site)
    assert page.title() == NEUTRAL_TITLE


def _assert_still_here(page, context, url) -> None:
    """The quick exit did not start: no pop-up, no navigation, page not hidden.

    quick-exit.js marks the page synchronously, in the keydown handler, before it
    opens or navigates anything, and Playwright's key presses return after the
    page has handled them, so checking straight away is deterministic.
    """
    assert page.evaluate(EXITING) is False
    assert page.url == url
    assert context.pages == [page]


def test_typing_capitals_does_not_exit(page, context, live_site):
    page.goto("/about/")
    for letter in "ABC":
        page.keyboard.press(f"Shift+{letter}")
    _assert_still_here(page, context, f"{live_site}/about/")

    # Nor in a form field: "ABC" typed into the sign-in form stays there.
    page.goto("/accounts/login/")
    field = page.locator("input[name=login]")
    field.click()
    for letter in "ABC":
        page.keyboard.press(f"Shift+{letter}")
    page.keyboard.type("DEF")
    assert field.input_value() == "ABCDEF"
    _assert_still_here(page, context, f"{live_site}/accounts/login/")


def test_holding_shift_does_not_exit(page, context, live_site):
    """Auto-repeat while Shift is held down is one press, not three."""
    page.goto("/about/")
    for _ in range(3):
        page.keyboard.down("Shift")  # the second and third are repeats
    page.keyboard.up("Shift")
    _assert_still_here(page, context, f"{live_site}/about/")


def test_a_single_escape_does_not_exit(page, context, live_site):
    page.goto("/about/")
    page.keyboard.press("Escape")
    _assert_still_here(page, context, f"{live_site}/about/")


def test_escape_twice_more_than_a_second_apart_does_not_exit(page, context, live_site):
    page.goto("/about/")
    page.keyboard.press("Escape")
    page.wait_for_timeout(1500)  # the shortcut's window is 1 s: this gap is the point
    page.keyboard.press("Escape")
    _assert_still_here(page, context, f"{live_site}/about/")


def test_another_key_between_escapes_does_not_exit(page, context, live_site):
    page.goto("/about/")
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.keyboard.press("Escape")
    _assert_still_here(page, context, f"{live_site}/about/")


def test_without_javascript_the_button_is_a_link_to_the_neutral_site(
    browser, live_site, neutral_site
):
    context = browser.new_context(base_url=live_site, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/about/")
        button = page.locator("#quick-exit")
        assert button.is_visible()
        assert button.evaluate("el => el.tagName") == "A"
        assert button.get_attribute("href") == neutral_site
        assert set(button.get_attribute("rel").split()) >= {"noopener", "noreferrer"}

        button.click()
        page.wait_for_url(neutral_site)
        assert page.title() == NEUTRAL_TITLE
    finally:
        context.close()


# --- Back after browsing: the site leaves one entry, which the exit replaces ---------


def _browse_five_pages(page, live_site, neutral_site) -> list[str]:
    """Someone comes from another site and reads five pages of this one, by links
    and forms (a GET search and the POST language switcher); returns what they saw."""
    before = f"{neutral_site}?before"
    page.goto(before)
    seen = []

    def arrive(url_pattern):
        page.wait_for_url(url_pattern)
        page.wait_for_load_state()
        seen.append(page.url)

    page.goto(f"{live_site}/")  # typed in: the one entry the site may add
    seen.append(page.url)

    page.locator(".site-nav a", has_text="Campaigns").click()
    arrive(f"{live_site}/campaigns/")

    page.locator("#campaign-q").fill("migrate")
    page.get_by_role("button", name="Show campaigns").click()
    arrive(f"{live_site}/campaigns/?q=migrate**")

    page.locator("main a[href$='/campaigns/migrate-safely/']").first.click()
    arrive(f"{live_site}/campaigns/migrate-safely/")

    page.locator("#language-select").select_option("es")
    page.locator(".language-switcher button[type=submit]").click()
    arrive(f"{live_site}/es/campaigns/migrate-safely/")

    page.locator(".site-footer a[href$='/browse-safely/']").click()
    arrive(f"{live_site}/es/browse-safely/")
    return seen


def _assert_back_never_reaches_the_site(page, live_site, neutral_site) -> None:
    """Back, again and again: every step lands outside the site (the page before
    it, then the new tab's blank page), or stays where it is."""
    page.wait_for_url(neutral_site)
    assert page.title() == NEUTRAL_TITLE
    steps = []
    for _ in range(4):
        page.go_back()
        page.wait_for_load_state()
        steps.append(page.url)
    assert [url for url in steps if url.startswith(live_site)] == [], steps
    assert steps[0] == f"{neutral_site}?before"


@pytest.mark.parametrize(
    "trigger",
    [_click_the_button, _escape_twice, _shift_three_times],
    ids=["button", "esc", "shift"],
)
def test_after_five_pages_back_never_reaches_the_site(
    page, live_site, neutral_site, browser_log, trigger
):
    seen = _browse_five_pages(page, live_site, neutral_site)
    assert len(seen) == 6
    trigger(page)
    _assert_back_never_reaches_the_site(page, live_site, neutral_site)
    assert browser_log.errors == []
