"""Every page type, on a phone (390 x 844) and a desktop (1280 x 800): nothing
wider than the screen, no serious or critical axe violation, and a screenshot
of each for people to review.

Screenshots and the axe results (one JSON file per width) go to
`test-results/screenshots/` (git-ignored), or to LAYOUT_SCREENSHOTS_DIR.
docs/accessibility.md summarises a run.
"""

import io
import json
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

from .conftest import DEFAULT_TIMEOUT_MS, sign_in, watch

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING_IMPACTS = {"serious", "critical"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def screenshot_dir() -> Path:
    folder = Path(os.environ.get("LAYOUT_SCREENSHOTS_DIR") or "test-results/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def page_types() -> tuple[dict[str, str], dict[str, str]]:
    """(signed out, signed in as the demo survivor leader): page type → address,
    looked up in the demo data so that ids and slugs are never guessed."""
    from advocacy.opportunities.models import OpportunityApplication, SpeakingOpportunity
    from advocacy.opportunities.policy import can_apply
    from advocacy.proposals.models import ReformProposalPage
    from campaigns.models import CampaignIndexPage, CampaignPage
    from councils.models import Membership
    from home.models import StandardPage
    from people.models import User

    leader = User.objects.get(email="leader@example.org")
    applied = OpportunityApplication.objects.filter(applicant=leader)
    opportunity = next(
        item
        for item in SpeakingOpportunity.objects.select_related("organisation")
        .exclude(pk__in=applied.values("opportunity"))
        .order_by("pk")
        if can_apply(leader, item)
    )
    council = Membership.objects.filter(user=leader).select_related("council").first().council
    public = {
        "home": "/",
        "standard-page": StandardPage.objects.live().first().url,
        "campaign-index": CampaignIndexPage.objects.live().first().url,
        "campaign-page": CampaignPage.objects.live().order_by("path").first().url,
        "proposal-index": "/proposals/",
        "proposal-page": ReformProposalPage.objects.live().order_by("path").first().url,
        "opportunities-index": "/opportunities/",
        "opportunity": f"/opportunities/{opportunity.pk}/",
        "sign-in": "/accounts/login/",
        "sign-up": "/accounts/signup/",
        "content-warning-preferences": "/content-warnings/",
        "not-found": "/no-such-page/",
    }
    member = {
        "apply-form": f"/opportunities/{opportunity.pk}/apply/",
        "account": "/me/",
        "profile-editor": "/me/profile/",
        "consents": "/me/consents/",
        "story-vault": "/me/story/",
        "councils-list": "/councils/",
        "council-workspace": f"/councils/{council.slug}/",
        "two-step-verification": "/accounts/2fa/",
    }
    return public, member


def check_page(page, name: str, path: str, width: int, folder: Path) -> dict:
    response = page.goto(path)
    expected = 404 if name == "not-found" else 200
    assert response is not None and response.status == expected, (name, path)
    assert page.url.endswith(path), f"{name}: {path} went on to {page.url}"
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate(OVERFLOW)
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    results = Axe().run(page, options=WCAG_AA).response
    violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [", ".join(node["target"]) for node in violation["nodes"][:5]],
        }
        for violation in results["violations"]
    ]
    return {"path": path, "overflow_px": overflow, "violations": violations}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_fits_the_screen_and_passes_axe(browser, live_site, browser_log, viewport):
    public, member = page_types()
    folder = screenshot_dir()
    width = viewport["width"]
    context = browser.new_context(base_url=live_site, viewport=viewport)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    watch(context, browser_log)
    report = {}
    try:
        page = context.new_page()
        for name, path in public.items():
            report[name] = check_page(page, name, path, width, folder)
        sign_in(page, "leader@example.org")
        for name, path in member.items():
            report[name] = check_page(page, name, path, width, folder)
    finally:
        context.close()
    (folder / f"axe-{width}.json").write_text(json.dumps(report, indent=2))

    assert set(report) == set(public) | set(member)
    too_wide = {name: found["overflow_px"] for name, found in report.items()}
    too_wide = {name: pixels for name, pixels in too_wide.items() if pixels > 0}
    assert too_wide == {}, f"wider than the {width} px screen (by px): {too_wide}"
    blocking = {
        name: [v for v in found["violations"] if v["impact"] in BLOCKING_IMPACTS]
        for name, found in report.items()
    }
    assert {name: found for name, found in blocking.items() if found} == {}
    assert browser_log.errors == []


@pytest.fixture
def phone_page(browser, live_site, browser_log):
    context = browser.new_context(base_url=live_site, viewport=PHONE)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    watch(context, browser_log)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_on_a_phone_the_menu_folds_behind_a_button_that_says_whether_it_is_open(phone_page):
    page = phone_page
    page.goto("/")
    button = page.get_by_role("button", name="Menu")
    campaigns_link = page.locator("#site-menu").get_by_role("link", name="Campaigns")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert button.get_attribute("aria-controls") == "site-menu"
    assert not campaigns_link.is_visible()
    # The header is one row: the name, the menu button and the quick exit.
    header_height = page.locator(".site-header").bounding_box()["height"]
    assert header_height < 100, header_height

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert campaigns_link.is_visible()
    campaigns_link.focus()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not campaigns_link.is_visible()
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-button')")


def test_without_javascript_the_menu_is_simply_shown(browser, live_site):
    context = browser.new_context(base_url=live_site, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        assert not page.locator("[data-menu-button]").is_visible()
        assert page.locator("#site-menu").get_by_role("link", name="Campaigns").is_visible()
    finally:
        context.close()


def test_on_a_desktop_the_menu_is_always_shown_and_the_button_hidden(page):
    page.set_viewport_size(DESKTOP)
    page.goto("/")
    assert not page.locator("[data-menu-button]").is_visible()
    assert page.locator("#site-menu").get_by_role("link", name="Campaigns").is_visible()


def test_progress_bars_use_the_site_green(page):
    """The filled part of a bar is drawn in the site's green, not the browser's blue."""
    page.goto("/campaigns/")
    bar = page.locator("progress").first
    assert float(bar.get_attribute("value")) > 0
    image = Image.open(io.BytesIO(bar.screenshot()))
    red, green, blue, *_alpha = image.convert("RGBA").getpixel((4, image.height // 2))
    assert max(abs(red - 11), abs(green - 93), abs(blue - 85)) < 8, (red, green, blue)


def test_the_profile_editor_shows_formatted_text_not_html(page):
    sign_in(page, "leader@example.org")
    page.goto("/me/profile/")
    editor = page.locator("#part-bio .rte__editor")
    assert editor.is_visible()
    assert "<p>" not in editor.inner_text()
    assert page.locator("#part-bio textarea").is_hidden()
    # Each "who can see" control sits inside its own part of the form.
    assert page.locator("fieldset.profile-part select[name^=visibility_]").count() == 8
