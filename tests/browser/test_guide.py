"""The private guide in a real browser, with and without JavaScript: the
answers never leave the page (with JavaScript), never land in a URL, the
history, a cookie, storage, the database, the cache or a log line (either
way), and the page's script suggests exactly what pathways.guide.suggest does.
"""

import pytest

from pathways.tests.privacy_checks import cache_snapshot, every_log_line, row_counts

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GUIDE = "/pathways/guide/"

# (kinds of harm, where it happened, where they live, priorities): values from
# pathways.factories.build_guide_example, found nowhere but in answers.
ANSWER_SETS = [
    (["zq-harm-lantern"], "zq-vell-ost", "zq-quor", ["zq-out-heron", "compensation"]),
    ([":not-sure"], ":elsewhere", ":elsewhere", ["compensation"]),
    (["zq-harm-lantern"], "zq-far", ":elsewhere", ["clean-record", "zq-out-heron", "compensation"]),
    (["labour", "zq-harm-lantern"], "zq-vell", "zq-vell-ost", ["clean-record"]),
    (["sexual"], "zq-quor", "zq-far", ["zq-out-heron"]),
    # Order by weights alone (no place): 3/2/1 and ties by title decide it.
    ([":not-sure"], ":elsewhere", ":elsewhere", ["clean-record", "zq-out-heron", "compensation"]),
    (["zq-harm-lantern"], ":elsewhere", ":elsewhere", ["compensation", "zq-out-heron"]),
]
ANSWER_TRACES = ["zq-harm-lantern", "zq-vell-ost", "zq-quor", "zq-out-heron", "zq-far"]

SHOWN_JS = """() => Array.from(document.querySelectorAll("[data-guide-results] [data-guide-list]"))
  .map(list => [list.dataset.guideList, Array.from(list.querySelectorAll("[data-guide-remedy]"))
    .map(item => [Number(item.dataset.guideRemedy),
      Array.from(item.querySelectorAll("[data-guide-place]")).map(row => row.dataset.guidePlace),
      item.querySelectorAll("[data-guide-stale]").length])])"""

TRACES_JS = """() => [document.cookie, JSON.stringify(Object.entries(localStorage)),
  JSON.stringify(Object.entries(sessionStorage)), history.length, location.href]"""


@pytest.fixture
def guide_site(transactional_db, live_asgi_server, home):
    from pathways.factories import build_guide_example

    return live_asgi_server, build_guide_example(home)


def expected(answers_set) -> list:
    """What pathways.guide.suggest says for these answers, shaped like SHOWN_JS."""
    from django.test import RequestFactory

    from pathways.guide.catalogue import build_catalogue
    from pathways.guide.forms import GuideForm
    from pathways.guide.suggest import suggest

    harm, happened, lives, priorities = answers_set
    catalogue = build_catalogue(RequestFactory().get("/", HTTP_HOST="localhost"))
    data = {"harm": harm, "happened": happened, "lives": lives}
    data.update({f"priority_{n}": key for n, key in enumerate(priorities, start=1)})
    form = GuideForm(data, catalogue=catalogue)
    assert form.is_valid(), form.errors
    results = suggest(catalogue, form.answers())

    def stale(suggestion):
        return sum(deadline.stale for deadline in suggestion.deadlines)

    return [
        [
            name,
            [
                [
                    s.remedy.id,
                    [d.jurisdiction for d in s.deadlines],
                    sum(d.stale for d in s.deadlines),
                ]
                for s in shown
            ],
        ]
        for name, shown in (("suggested", results.suggested), ("elsewhere", results.elsewhere))
        if shown
    ]


def fill_in(page, answers_set, *, steps: bool) -> None:
    """Answer the guide as a person would; with `steps`, through Next buttons."""
    harm, happened, lives, priorities = answers_set
    for value in harm:
        page.locator(f"input[name=harm][value='{value}']").check()
    if steps:
        page.get_by_role("button", name="Next").filter(visible=True).click()
    page.locator("select[name=happened]").select_option(happened)
    if steps:
        page.get_by_role("button", name="Next").filter(visible=True).click()
    page.locator("select[name=lives]").select_option(lives)
    if steps:
        page.get_by_role("button", name="Next").filter(visible=True).click()
    for n, key in enumerate(priorities, start=1):
        page.locator(f"select[name=priority_{n}]").select_option(key)


def test_with_javascript_the_answers_never_leave_the_page(browser, guide_site, browser_log):
    base, _example = guide_site
    context = browser.new_context(base_url=base)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(GUIDE)
        page.locator("form.guide-form--steps").wait_for()
        # One step at a time; the steps say the answers stay in the page.
        assert page.locator("[data-guide-step]:visible").count() == 1
        assert "never leave this page" in page.locator("[data-guide-privacy]").first.inner_text()
        # Next refuses an unanswered step, with a message, and stays.
        page.get_by_role("button", name="Next").filter(visible=True).click()
        assert "Choose at least one" in page.locator("[data-guide-step-error]").first.inner_text()
        assert page.locator("[data-guide-step='harm']").is_visible()

        before = page.evaluate(TRACES_JS)
        cookies = context.cookies()
        rows, cached = row_counts(), cache_snapshot()
        requests = []
        page.on("request", lambda request: requests.append((request.method, request.url)))
        with every_log_line() as log:
            for answers_set in ANSWER_SETS:
                fill_in(page, answers_set, steps=True)
                page.get_by_role("button", name="Show what may help").click()
                heading = page.locator("#guide-results-heading")
                heading.wait_for()
                # Focus goes to the suggestions, and a live region says they are there.
                assert page.evaluate("document.activeElement.id") == "guide-results-heading"
                assert page.locator("[data-guide-status]").inner_text()
                assert page.evaluate(SHOWN_JS) == expected(answers_set), answers_set
                # Copy and print come with JavaScript.
                assert page.locator("[data-guide-copy]").is_visible()
                assert page.locator("[data-guide-print]").is_visible()
                page.get_by_role("button", name="Start again").click()
                page.locator("[data-guide-step='harm']").wait_for()
        assert requests == []  # no fetch, XHR, beacon or navigation: nothing left the page
        assert page.evaluate(TRACES_JS) == before  # cookies, storage, history, address
        assert context.cookies() == cookies
        assert row_counts() == rows and cache_snapshot() == cached
        logged = "\n".join(log.lines)
        assert not [trace for trace in ANSWER_TRACES if trace in logged]
        assert browser_log.errors == []
    finally:
        context.close()


def test_a_form_sent_back_with_problems_opens_at_the_first(browser, guide_site):
    base, _example = guide_site
    context = browser.new_context(base_url=base)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(GUIDE)
        page.locator("form.guide-form--steps").wait_for()
        page.locator("input[name=harm][value='zq-harm-lantern']").check()
        # Posted past the script (form.submit() fires no submit event), places missing.
        with page.expect_navigation():
            page.evaluate("document.querySelector('[data-guide-form]').submit()")
        page.locator("form.guide-form--steps").wait_for()
        assert page.locator("[data-guide-step]:visible").get_attribute("data-guide-step") == (
            "happened"
        )
        assert "Some answers are missing" in page.locator(".guide__problem").inner_text()
    finally:
        context.close()


def test_the_copy_button_copies_or_says_how(browser, guide_site):
    base, _example = guide_site
    context = browser.new_context(base_url=base)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(GUIDE)
        page.locator("form.guide-form--steps").wait_for()
        fill_in(page, ANSWER_SETS[0], steps=True)
        page.get_by_role("button", name="Show what may help").click()
        page.locator("[data-guide-copy]").click()
        status = page.locator(".guide-questions__status")
        status.wait_for()
        page.wait_for_function("document.querySelector('.guide-questions__status').textContent")
        assert ("copied" in status.inner_text()) or ("Ctrl+C" in status.inner_text())
    finally:
        context.close()


def test_without_javascript_the_answers_are_posted_and_kept_nowhere(browser, guide_site):
    base, _example = guide_site
    context = browser.new_context(base_url=base, java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(f"{GUIDE}?harm=zq-harm-lantern&happened=zq-quor")
        # An address with answers in it is not read: no suggestions, nothing chosen.
        assert page.locator("[data-guide-results]").count() == 0
        assert not page.locator("input[name=harm][value='zq-harm-lantern']").is_checked()
        page.goto(GUIDE)
        assert (
            page.locator("[data-guide-privacy]")
            .first.inner_text()
            .startswith("Your answers are not kept")
        )
        addresses = []
        page.on("framenavigated", lambda frame: addresses.append(frame.url))
        sent = []
        page.on("request", lambda request: sent.append((request.method, request.url)))
        client_rows, cached = row_counts(), cache_snapshot()
        with every_log_line() as log:
            for answers_set in ANSWER_SETS:
                page.goto(GUIDE)
                fill_in(page, answers_set, steps=False)
                with page.expect_navigation():
                    page.get_by_role("button", name="Show what may help").click()
                assert page.url == f"{base}{GUIDE}"
                shown = page.locator("[data-guide-results] [data-guide-list]")
                assert shown.count() == len(expected(answers_set))
                assert page.locator("[data-guide-copy], [data-guide-print]").count() == 0
                assert page.locator("#lawyer-questions li").count() >= 1
                lists = []
                for list_index in range(shown.count()):
                    block = shown.nth(list_index)
                    items = block.locator("[data-guide-remedy]")
                    lists.append(
                        [
                            block.get_attribute("data-guide-list"),
                            [
                                [
                                    int(items.nth(i).get_attribute("data-guide-remedy")),
                                    [
                                        row.get_attribute("data-guide-place")
                                        for row in items.nth(i).locator("[data-guide-place]").all()
                                    ],
                                    items.nth(i).locator("[data-guide-stale]").count(),
                                ]
                                for i in range(items.count())
                            ],
                        ]
                    )
                assert lists == expected(answers_set), answers_set
        posts = [url for method, url in sent if method == "POST"]
        assert posts == [f"{base}{GUIDE}"] * len(ANSWER_SETS)
        # Every address that entered the tab's history: none carries an answer.
        assert not [url for url in [*addresses, page.url] if "?" in url or "zq-" in url]
        assert row_counts() == client_rows
        assert cache_snapshot() == cached
        logged = "\n".join(log.lines)
        assert not [trace for trace in ANSWER_TRACES if trace in logged]
    finally:
        context.close()


def test_the_guide_passes_automated_accessibility_checks(browser, guide_site):
    """axe-core (WCAG 2.1 A and AA) on the steps, the suggestions made in the
    page, and the suggestions the server sends. (axe needs JavaScript to run:
    the server's page is reached by submitting the form past the script.)"""
    from axe_playwright_python.sync_playwright import Axe

    wcag_aa = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    base, _example = guide_site
    found = {}

    def check(page, name):
        violations = Axe().run(page, options=wcag_aa).response["violations"]
        if violations:
            found[name] = [violation["id"] for violation in violations]

    context = browser.new_context(base_url=base)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        page.goto(GUIDE)
        page.locator("form.guide-form--steps").wait_for()
        check(page, "first step")
        fill_in(page, ANSWER_SETS[0], steps=True)
        check(page, "last step")
        page.get_by_role("button", name="Show what may help").click()
        page.locator("#guide-results-heading").wait_for()
        check(page, "suggestions in the page")
        page.goto(GUIDE)
        page.locator("form.guide-form--steps").wait_for()
        fill_in(page, ANSWER_SETS[0], steps=True)
        # form.submit() fires no submit event: the browser posts it, as without JavaScript.
        with page.expect_navigation():
            page.evaluate("document.querySelector('[data-guide-form]').submit()")
        page.locator("[data-guide-results]").wait_for()
        check(page, "suggestions from the server")
    finally:
        context.close()
    assert found == {}
