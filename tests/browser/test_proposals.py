"""A reform proposal's way through the site, in a real browser: the author
submits it for council review, the council's facilitator approves it, a
member endorses it, and a milestone appears in its feed."""

import pytest

from content.translations import in_source_language
from people.factories import enable_mfa, totp_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DEMO_PASSWORD = "demo-survivor-platform"  # published demo password (load_demo_data)
DRAFT_TITLE = "Recruiters pay recruitment fees, never workers"


def sign_in(page, email, totp_secret=None):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if totp_secret is not None:
        code = totp_code(totp_secret)
        page.locator("input[name=code]").fill(code)
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")


def click_action(page, selector):
    """Footer actions of the Wagtail editor sit in a dropdown: open it if needed."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    with page.expect_navigation():
        button.click()


def test_author_submits_facilitator_approves_member_endorses_milestone_in_feed(browser, live_site):
    from advocacy.proposals.models import ReformProposalPage
    from people.models import User

    proposal = in_source_language(ReformProposalPage.objects).get(title=DRAFT_TITLE)
    assert proposal.status == "draft" and not proposal.live
    secret = enable_mfa(User.objects.get(email="facilitator@example.org")).totp_secret

    contexts = []

    def new_page():
        context = browser.new_context(base_url=live_site)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    try:
        _walk_through(proposal, secret, new_page)
    finally:
        for context in contexts:
            context.close()


def _walk_through(proposal, secret, new_page):
    from advocacy.proposals.models import ProposalEndorsement

    # 1. The author submits the draft for council review in the Wagtail admin.
    author = new_page()
    sign_in(author, "leader@example.org")
    author.goto(f"/admin/pages/{proposal.pk}/edit/")
    click_action(author, "button[name=action-submit]")
    proposal.refresh_from_db()
    assert proposal.status == "council_review"
    assert proposal.workflow_in_progress

    # 2. The council's facilitator (with two-step verification) approves it.
    facilitator = new_page()
    sign_in(facilitator, "facilitator@example.org", totp_secret=secret)
    facilitator.goto(f"/admin/pages/{proposal.pk}/edit/")
    click_action(
        facilitator,
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])",
    )
    proposal.refresh_from_db()
    assert proposal.status == "open" and proposal.live

    # 3. A member endorses it on the public page.
    member = new_page()
    sign_in(member, "org-member@example.org")
    member.goto(proposal.url)
    assert member.locator("#endorsement-count").inner_text().startswith("0 endorsements")
    with member.expect_navigation():
        member.get_by_role("button", name="Endorse this proposal").click()
    assert member.locator("#endorsement-count").inner_text().startswith("1 endorsement")
    assert ProposalEndorsement.objects.filter(
        proposal=proposal, user__email="org-member@example.org"
    ).exists()

    # 4. The author records a milestone; it appears in the proposal's feed.
    author.goto(proposal.url)
    with author.expect_navigation():
        author.get_by_role("link", name="Record a milestone").click()
    author.locator("select[name=kind]").select_option("introduced")
    author.locator("input[name=happened_on]").fill("2026-10-01")
    author.locator("input[name=summary]").fill("Introduced by the labour committee")
    author.locator("input[name=source_url]").fill("https://news.example.org/fees")
    with author.expect_navigation():
        author.get_by_role("button", name="Add to the timeline").click()
    assert "Introduced by the labour committee" in author.locator("#milestones").inner_text()
    feed = author.request.get(f"/proposals/{proposal.pk}/milestones/rss/")
    assert feed.ok
    assert "Introduced by the labour committee" in feed.text()


def test_proposal_pages_pass_automated_accessibility_checks(page, live_site):
    """axe-core (WCAG 2.1 A and AA) on the list, a proposal, and its forms."""
    from axe_playwright_python.sync_playwright import Axe

    from advocacy.proposals.models import ReformProposalPage

    wcag_aa = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    submitted = in_source_language(ReformProposalPage.objects).get(status="submitted")
    open_one = in_source_language(ReformProposalPage.objects).get(status="open")

    def problems(path):
        response = page.goto(path)
        assert response.status == 200, path
        return [v["id"] for v in Axe().run(page, options=wcag_aa).response["violations"]]

    public = [submitted.get_parent().url, f"{submitted.get_parent().url}?q=records", submitted.url]
    found = {path: ids for path in public if (ids := problems(path))}
    sign_in(page, "org-member@example.org")
    member_paths = [open_one.url, f"/proposals/{open_one.pk}/amend/"]
    found.update({path: ids for path in member_paths if (ids := problems(path))})
    assert found == {}
