"""Every link a person is shown leads somewhere they can go.

For each role (a visitor, each demo role, and once in Thai), the crawler of
tests/link_crawl.py signs in as the demo account and follows every same-site
link shown, breadth-first: no page may answer with a 4xx or 5xx, loop, or
bounce a signed-in person to the sign-in page or the admin dashboard, and in
Thai no link may drop the /th/ prefix. That module says what is not followed,
and why.
"""

import pytest
from django.http import HttpResponse, HttpResponseRedirect
from django.test import Client

from content.translations import in_source_language
from tests.link_crawl import (
    ADMIN_DASHBOARD,
    ROLES,
    CrawlResult,
    admin_shape,
    council_member_only,
    crawl,
    links_on,
    page_shape,
    same_site_path,
    signed_in_client,
)

pytestmark = pytest.mark.django_db


def assert_clean(result: CrawlResult, minimum_pages: int) -> None:
    assert not result.problems, (
        f"{len(result.problems)} problem(s) in {len(result.visited)} pages:\n" + result.report()
    )
    assert len(result.visited) >= minimum_pages, sorted(result.visited)


def test_visitor_finds_no_dead_end(demo_site):
    result = crawl(Client(), ["/"], signed_in=False)
    assert_clean(result, minimum_pages=25)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_link_shown_to_a_role_opens(demo_site, role):
    email, starts, uses_admin = ROLES[role]
    if email is None:
        email = council_member_only()
    client = signed_in_client(email)
    result = crawl(client, starts, signed_in=True, admin_shapes_only=role == "site admin")
    assert_clean(result, minimum_pages=30)
    admin_pages = [path for path in result.visited if path.startswith(ADMIN_DASHBOARD)]
    if uses_admin:
        assert any(path.startswith("/admin/pages/") for path in admin_pages), admin_pages
    else:
        # Those who cannot use the admin are never offered a link to it.
        assert admin_pages == []


def test_visitor_in_thai_stays_in_thai(demo_site):
    result = crawl(Client(), ["/th/"], signed_in=False, language="th")
    assert_clean(result, minimum_pages=25)


def test_survivor_leader_in_thai_stays_in_thai(demo_site):
    client = signed_in_client("leader@example.org")
    result = crawl(client, ["/th/", "/th/me/", "/th/councils/"], signed_in=True, language="th")
    assert_clean(result, minimum_pages=30)


class _ScriptedClient:
    """Answers from a script (path -> response), to test the crawler itself."""

    def __init__(self, script: dict):
        self.script = script

    def get(self, path):
        return self.script.get(path) or HttpResponse(status=404)


def _page(*hrefs: str) -> HttpResponse:
    return HttpResponse("".join(f'<a href="{href}">x</a>' for href in hrefs))


def test_the_crawler_reads_links_as_a_browser_would():
    html = (
        '<a href="/about/">About</a><a href="mailto:x@example.org">x</a>'
        '<a href="/admin/bulk/x/" data-bulk-action-button>Move</a>'
        '<form action="/search/"></form><form method="post" action="/pledge/"></form>'
    )
    assert links_on(html) == ["/about/", "mailto:x@example.org", "/search/"]
    assert same_site_path("/th/", "mailto:x@example.org") is None
    assert same_site_path("/th/", "tel:+6611") is None
    assert same_site_path("/th/", "https://www.bbc.com/weather") is None
    assert same_site_path("/th/campaigns/", "../about/#top") == "/th/about/"
    assert same_site_path("/", "/static/css/site.css") is None
    assert admin_shape("/admin/pages/12/edit/?next=/x/") == "/admin/pages/N/edit/"


def test_the_crawler_reports_dead_ends_loops_bounces_and_lost_languages():
    client = _ScriptedClient(
        {
            "/th/": _page("/th/gone/", "/th/loop/", "/th/private/", "/about/", "/th/fine/"),
            "/th/fine/": _page("/th/"),
            "/th/loop/": HttpResponseRedirect("/th/accounts/login/?next=/th/loop/"),
            "/th/accounts/login/?next=/th/loop/": HttpResponseRedirect("/th/loop/"),
            "/th/private/": HttpResponseRedirect("/admin/"),
        }
    )
    result = crawl(client, ["/th/"], signed_in=True, language="th")
    report = result.report()
    assert "/th/gone/ (linked from /th/): answered 404" in report
    assert "bounced to sign-in" in report
    assert "bounced to the admin dashboard" in report
    assert "link '/about/' drops the /th/ prefix" in report
    assert "/th/fine/" not in report
    assert len(result.problems) == 4

    visitor = crawl(client, ["/th/"], signed_in=False, language="th")
    assert "redirect loop: /th/loop/ -> /th/accounts/login/?next=/th/loop/ -> /th/loop/" in (
        visitor.report()
    )


def test_one_address_stands_for_each_kind_of_page(demo_site):
    from django.utils import translation

    from campaigns.models import CampaignPage

    first, second = in_source_language(CampaignPage.objects).live().order_by("path")[:2]
    with translation.override("en"):  # Page URLs carry the active language's prefix.
        first, second = first.url, second.url
    assert page_shape(first) == page_shape(second + "?sort=new") == "en CampaignPage/"
    assert page_shape(f"/th{first}") == "th CampaignPage/"
    assert page_shape("/councils/a/meetings/3/") == page_shape("/councils/b/meetings/4/")
    assert page_shape("/councils/a/meetings/3/") != page_shape("/councils/a/decisions/3/")
    assert page_shape("/admin/pages/3/edit/") == page_shape("/admin/pages/4/edit/?next=/x/")
    add_campaign = "/admin/pages/add/campaigns/campaignpage/3/"
    assert page_shape(add_campaign) == page_shape(add_campaign.replace("/3/", "/4/"))
    assert page_shape(add_campaign) != page_shape("/admin/pages/add/home/standardpage/3/")


def _document(*hrefs: str) -> HttpResponse:
    links = "".join(f'<a href="{href}">x</a>' for href in hrefs)
    return HttpResponse(f"<!DOCTYPE html><html><body>{links}</body></html>")


def test_crawls_sharing_kinds_of_page_check_each_once_and_still_follow_them(db):
    """A member's dashboard is linked from a public page the visitor has
    already checked: the member's crawl still reaches it, and checks only it."""
    public = {"/th/": _document("/th/opportunities/"), "/th/opportunities/": _document()}
    member = {
        **public,
        "/th/opportunities/": _document("/th/organisations/harbour/opportunities/"),
        "/th/organisations/harbour/opportunities/": _document(),
    }
    seen_shapes: set[str] = set()
    checked: list[str] = []

    def check(path, html):
        checked.append(path)
        return []

    for script, signed_in in ((public, False), (member, True)):
        result = crawl(
            _ScriptedClient(script),
            ["/th/"],
            signed_in=signed_in,
            language="th",
            one_per_shape=True,
            check_page=check,
            seen_shapes=seen_shapes,
        )
        assert not result.problems, result.report()
    assert result.pages == [
        "/th/",
        "/th/opportunities/",
        "/th/organisations/harbour/opportunities/",
    ]
    assert checked == ["/th/", "/th/opportunities/", "/th/organisations/harbour/opportunities/"]


def test_admin_listing_fragments_are_not_pages():
    client = _ScriptedClient(
        {
            "/admin/pages/": HttpResponse(
                '<!DOCTYPE html><html><body><a href="/admin/pages/results/">x</a></body></html>'
            ),
            "/admin/pages/results/": HttpResponse("<table><tr><td>Row</td></tr></table>"),
        }
    )
    result = crawl(client, ["/admin/pages/"], signed_in=False)
    assert set(result.visited) == {"/admin/pages/", "/admin/pages/results/"}
    assert result.pages == ["/admin/pages/"]
