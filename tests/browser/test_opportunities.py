"""End to end in a real browser: an organisation posts an opportunity, a
survivor leader applies disclosing two profile fields, the reviewer sees
exactly those two and accepts, the engagement appears in the survivor
leader's private calendar feed at the right moment, and leaves it when the
survivor leader cancels."""

import datetime

import icalendar
import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, email, password, totp_secret=None):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    if totp_secret is not None:
        from people.factories import totp_code

        page.locator("input[name=code]").fill(totp_code(totp_secret))
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
    assert "/accounts/login/" not in page.url


@pytest.fixture
def people():
    """An organisation with an admin (with an authenticator app) and a reviewer,
    and a survivor leader with a full profile."""
    from advocacy.organisations.factories import OrganisationFactory
    from advocacy.organisations.membership import add_member
    from people import roles
    from people.factories import DEFAULT_PASSWORD, UserFactory
    from people.models import Profile

    organisation = OrganisationFactory(name="Riverside Training Collective", slug="riverside")
    poster = UserFactory(email="poster@example.org", mfa=True)
    add_member(organisation, poster, "admin", is_contact=True)
    reviewer = UserFactory(email="reviewer@example.org")
    add_member(organisation, reviewer, "reviewer")
    survivor = UserFactory(email="ana@example.org", roles=[roles.SURVIVOR_LEADERS])
    profile = Profile.for_user(survivor)
    profile.pronouns = "they/them"
    profile.languages = ["pt", "en"]
    profile.bio = "<p>Kept between me and my council</p>"
    profile.country = "BR"
    profile.application_pseudonym = "Ana R."
    profile.save()
    return {
        "password": DEFAULT_PASSWORD,
        "secret": poster.totp_secret,
        "organisation": organisation,
    }


def test_post_apply_review_accept_and_calendar(browser, live_site, people):
    password = people["password"]

    # 1. The organisation's admin posts an opportunity (times typed in Berlin time).
    admin = browser.new_context(base_url=live_site)
    page = admin.new_page()
    sign_in(page, "poster@example.org", password, people["secret"])
    page.goto("/organisations/riverside/opportunities/new/")
    page.fill("input[name=title]", "Workshop for shelter staff")
    page.select_option("select[name=kind]", "training")
    page.fill("textarea[name=description]", "Three hours with frontline staff.")
    page.fill("input[name=starts_at]", "2031-06-01T10:00")
    page.select_option("select[name=time_zone]", "Europe/Berlin")
    page.check("input[name=is_remote]")
    page.fill("input[name=deadline]", "2031-05-01T10:00")
    page.fill("input[name=honorarium_amount]", "500")
    page.select_option("select[name=currency]", "EUR")
    page.select_option("select[name=status]", "open")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert "/opportunities/" in page.url
    detail_url = page.url
    assert page.locator(".fee").first.inner_text().startswith("€500.00")
    admin.close()

    # 2. The survivor leader applies, sharing two fields of their profile.
    survivor = browser.new_context(base_url=live_site)
    page = survivor.new_page()
    sign_in(page, "ana@example.org", password)
    page.goto(detail_url)
    with page.expect_navigation():
        page.get_by_role("link", name="Apply").click()
    assert page.locator("input[name=pseudonym]").input_value() == "Ana R."
    page.check("input[name=disclose_fields][value=pronouns]")
    page.check("input[name=disclose_fields][value=languages]")
    page.fill("textarea[name=access_needs]", "Captions on every call")
    with page.expect_navigation():
        page.get_by_role("button", name="Send application").click()
    assert page.url.endswith("/me/applications/")

    # 3. The reviewer sees exactly those two fields, and accepts.
    reviewer = browser.new_context(base_url=live_site)
    review = reviewer.new_page()
    sign_in(review, "reviewer@example.org", password)
    review.goto("/organisations/riverside/opportunities/")
    with review.expect_navigation():
        review.get_by_role("link", name="Ana R.").click()
    fields = review.locator("dd[data-field]")
    assert sorted(fields.evaluate_all("els => els.map(e => e.dataset.field)")) == [
        "languages",
        "pronouns",
    ]
    text = review.locator("main").inner_text()
    assert "they/them" in text
    assert "Kept between me and my council" not in text
    assert "Captions on every call" not in text  # access needs: named contact only
    review.check("input[name=decision][value=accepted]")
    with review.expect_navigation():
        review.get_by_role("button", name="Save decision").click()
    assert "Accepted" in review.locator("main").inner_text()
    reviewer.close()

    # 4. The engagement is in the survivor leader's private calendar feed.
    page.goto("/me/engagements/")
    with page.expect_navigation():
        page.get_by_role("button", name="Create a calendar address").click()
    feed_url = page.locator(".feed-url").inner_text().strip()
    response = page.request.get(feed_url)
    assert response.ok
    calendar = icalendar.Calendar.from_ical(response.body())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Workshop for shelter staff")
    # 10:00 in Berlin in June (UTC+2) is 08:00 UTC.
    assert event.decoded("DTSTART") == datetime.datetime(2031, 6, 1, 8, 0, tzinfo=datetime.UTC)
    assert "€500.00" in str(event["DESCRIPTION"])

    # 5. Plans change: the survivor leader cancels, and the feed lets it go.
    page.goto("/me/engagements/")
    with page.expect_navigation():
        page.get_by_role("link", name="Cancel this engagement").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel the engagement").click()
    assert "Say in a sentence or two why you are cancelling." in page.locator("main").inner_text()
    page.fill("textarea[name=reason]", "I have to look after my mother that week.")
    with page.expect_navigation():
        page.get_by_role("button", name="Cancel the engagement").click()
    assert page.url.endswith("/me/engagements/")
    card = page.locator(".engagement-cancelled").inner_text()
    assert "Cancelled" in card and "look after my mother" in card
    calendar = icalendar.Calendar.from_ical(page.request.get(feed_url).body())
    assert calendar.walk("VEVENT") == []
    survivor.close()


def test_opportunity_pages_pass_csp_and_accessibility_checks(page, live_site, browser_log):
    """The opportunity pages, signed out and as the demo survivor leader: no
    content security policy violation, no automated WCAG 2.1 AA finding."""
    from advocacy.opportunities.models import SpeakingOpportunity
    from advocacy.organisations.models import Organisation

    from .test_accessibility import check
    from .test_accessibility import sign_in as sign_in_demo
    from .test_csp import WATCH_VIOLATIONS, violations

    page.add_init_script(WATCH_VIOLATIONS)
    opportunity = SpeakingOpportunity.objects.filter(status="open").order_by("deadline").first()
    organisation = Organisation.objects.filter(verified=True).first()
    public = ["/opportunities/", f"/opportunities/{opportunity.pk}/"]
    public.append(f"/organisations/{organisation.slug}/")
    member = [
        f"/opportunities/{opportunity.pk}/apply/",
        "/me/applications/",
        "/me/engagements/",
        "/me/opportunities/",
        "/me/opportunities/preferences/",
    ]
    problems = {}
    for path in public:
        if found := check(page, path):
            problems[path] = found
        if found := violations(page, browser_log):
            problems[f"{path} (CSP)"] = found
    sign_in_demo(page, "leader@example.org")
    for path in member:
        if found := check(page, path):
            problems[path] = found
        assert page.url == f"{live_site}{path}"  # really shown, not redirected
        if found := violations(page, browser_log):
            problems[f"{path} (CSP)"] = found
    assert problems == {}
    assert browser_log.errors == []
