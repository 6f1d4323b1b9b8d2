"""The cheaper site and page lookup (content/routing.py) answers exactly what
Wagtail's own would, for every page, sub-route and missing address, in every
language, and costs one query for a missing page."""

from __future__ import annotations

import contextlib

import pytest
from django.conf import settings
from django.http import Http404
from django.test import RequestFactory
from django.urls import NoReverseMatch, translate_url
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from campaigns.models import CampaignIndexPage, CampaignPage
from content import routing
from content.translations import TranslatedPage, in_source_language
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

LANGUAGES = [settings.LANGUAGE_CODE, "es", "th"]


def wagtail_route(request, path):
    """What Wagtail's `Page.route_for_request` finds (without its request memo)."""
    site = get_site_for_hostname(request.get_host().split(":")[0], request.get_port())
    components = [part for part in path.split("/") if part]
    try:
        return site.root_page.localized.specific.route(request, components)
    except Http404:
        return None


def summary(result):
    """What a route result decides: the page, the language it is shown in,
    and the view and arguments of a routable page."""
    if result is None:
        return None
    page, args, kwargs = result
    view = args[0] if args else None
    return (
        type(page),
        page.pk,
        page.title,
        getattr(page, "shown_in", None),
        getattr(view, "__name__", None),
        tuple(args[1:]) if args else (),
        kwargs,
    )


def addresses():
    """Every live page's path under the site root, plus sub-routes and misses."""
    paths = {"/", "/no-such-page/", "/no/such/page/"}
    for page in in_source_language(Page.objects.live()).specific():
        url = page.get_url()
        if url:
            paths.add(url)
            paths.add(url + "no-such-child/")
    index = in_source_language(CampaignIndexPage.objects.live()).first()
    campaign = in_source_language(CampaignPage.objects.live()).first()
    for page in (index, campaign):
        names = [name for name in page.get_resolver().reverse_dict if isinstance(name, str)]
        for name in names:
            with contextlib.suppress(NoReverseMatch):  # Routes that need arguments.
                paths.add(page.get_url() + page.reverse_subpage(name))
    return sorted(paths)


def test_every_address_routes_as_wagtail_routes_it_in_every_language(demo_site):
    factory = RequestFactory()
    checked = 0
    for language in LANGUAGES:
        with translation.override(language):
            for path in addresses():
                request = factory.get(path)
                request.LANGUAGE_CODE = language
                ours = summary(routing.route(request, path))
                theirs = summary(wagtail_route(factory.get(path), path))
                assert ours == theirs, (language, path)
                checked += 1
    assert checked > 60


def test_a_draft_page_is_not_found_by_either(demo_site):
    campaign = in_source_language(CampaignPage.objects.live()).first()
    path = campaign.get_url()
    campaign.unpublish()
    request = RequestFactory().get(path)
    assert routing.route(request, path) is None
    assert wagtail_route(RequestFactory().get(path), path) is None


def test_a_missing_page_costs_one_query_and_a_page_one(
    demo_site, client, django_assert_num_queries
):
    client.get("/no-such-page/")  # Reads the sites and redirects once for the process.
    with django_assert_num_queries(1):
        assert client.get("/no-such-page/").status_code == 404
    with django_assert_num_queries(1):
        assert client.get("/campaigns/no-such-campaign/").status_code == 404
    request = RequestFactory().get("/")
    routing.route(request, "/")
    # The pages along the address and, for a visitor, the page itself are kept.
    with django_assert_num_queries(0):
        assert routing.route(RequestFactory().get("/"), "/")[0].pk == demo_site.pk


def _routed(path):
    result = routing.route(RequestFactory().get(path), path)
    return None if result is None else result[0].pk


def test_kept_addresses_follow_pages_going_live_moving_and_changing_slug(demo_site):
    index = CampaignIndexPage.objects.live().first()
    campaign = CampaignPage.objects.live().child_of(index).first()
    old = campaign.url_path.removeprefix(demo_site.url_path).rstrip("/")
    old = f"/{old}/"
    assert _routed(old) == campaign.pk
    campaign.slug = "a-new-name"
    campaign.save_revision().publish()
    new = old.rstrip("/").rsplit("/", 1)[0] + "/a-new-name/"
    assert _routed(old) is None
    assert _routed(new) == campaign.pk
    campaign.unpublish()
    assert _routed(new) is None
    campaign.refresh_from_db()
    campaign.save_revision().publish()
    assert _routed(new) == campaign.pk
    other_index = index.add_sibling(instance=CampaignIndexPage(title="Elsewhere", slug="elsewhere"))
    campaign.move(other_index, pos="last-child")
    assert _routed(new) is None
    assert _routed("/elsewhere/a-new-name/") == campaign.pk
    campaign.delete()
    assert _routed("/elsewhere/a-new-name/") is None


def test_an_address_no_page_answers_is_not_kept(demo_site):
    from core import site_wide

    before = len(site_wide._held)
    for number in range(20):
        assert _routed(f"/made-up-{number}/") is None
    assert len(site_wide._held) == before


def test_sites_are_matched_as_wagtail_matches_them(home):
    other_root = Page.get_first_root_node().add_child(
        instance=HomePage(title="Other", slug="other-home")
    )
    Site.objects.create(hostname="example.org", port=80, root_page=other_root)
    Site.objects.create(hostname="example.org", port=8080, root_page=home)
    Site.objects.create(hostname="sibling.example.org", port=443, root_page=other_root)
    records = routing.site_records()
    for host, port in [
        ("example.org", 80),
        ("example.org", 8080),
        ("example.org", 9999),
        ("sibling.example.org", 443),
        ("sibling.example.org", 80),
        ("localhost", 80),
        ("testserver", 80),
    ]:
        theirs = get_site_for_hostname(host, port)
        ours = routing._match(records, host, port)
        assert ours is not None and ours.pk == theirs.pk, (host, port)


def test_a_new_site_root_is_followed_at_once(home, client):
    assert client.get("/").status_code == 200
    other_root = Page.get_first_root_node().add_child(
        instance=HomePage(title="Another home", slug="another-home")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = other_root
    site.save()
    response = client.get("/")
    assert response.status_code == 200
    assert "Another home" in response.content.decode()


def test_a_renamed_site_root_keeps_routing(home, client):
    from home.models import StandardPage

    home.add_child(instance=StandardPage(title="About us", slug="about"))
    assert client.get("/about/").status_code == 200
    home.slug = "renamed-home"
    home.save()
    assert client.get("/about/").status_code == 200


def test_page_types_that_route_their_own_way_are_left_to_wagtail():
    class RoutesItsOwnWay(TranslatedPage):
        def route(self, request, path_components):
            return None

    assert routing._routes_as_understood(HomePage)
    assert routing._routes_as_understood(CampaignIndexPage)
    assert not routing._routes_as_understood(RoutesItsOwnWay)


def test_redirects_are_found_for_their_addresses_only(home, client, django_assert_num_queries):
    target = home.add_child(instance=type(home)(title="Target", slug="target"))
    Redirect.objects.create(old_path="/old-address", redirect_page=target)
    Redirect.objects.create(old_path="/café", redirect_link="https://example.org/")
    response = client.get("/old-address/")
    assert response.status_code == 301
    assert response["Location"].endswith("/target/")
    assert client.get("/old-address/?from=newsletter").status_code == 301
    assert client.get("/caf%C3%A9/").status_code == 301
    client.get("/nowhere/")
    with django_assert_num_queries(1):
        assert client.get("/nowhere/").status_code == 404


def test_page_addresses_still_translate_for_the_language_switcher(demo_site):
    # Django's set_language sends the reader to translate_url(next): the
    # address must resolve to a named route that reverses in the new language.
    campaign = in_source_language(CampaignPage.objects.live()).first()
    with translation.override(settings.LANGUAGE_CODE):
        address = campaign.get_url()
        assert translate_url(address, "es") == f"/es{address}"
    with translation.override("th"):  # The switch is asked from the page's language.
        assert translate_url(f"/th{address}", settings.LANGUAGE_CODE) == address


def _field_values(page):
    return {
        field.attname: getattr(page, field.attname) for field in type(page)._meta.concrete_fields
    }


def test_a_kept_page_is_the_page_as_read_for_every_page_of_the_demo(demo_site):
    pages = list(in_source_language(Page.objects.live()).specific())
    assert len(pages) > 20
    for page in pages:
        model = type(page)
        routing._page(model, page.pk, RequestFactory().get("/"))  # Kept.
        kept = routing._page(model, page.pk, RequestFactory().get("/"))
        fresh = model.objects.get(pk=page.pk)
        assert type(kept) is model
        assert _field_values(kept) == _field_values(fresh), page.url_path
        for field in model._meta.concrete_fields:
            if isinstance(field, routing.StreamField):
                assert (
                    getattr(kept, field.attname).render_as_block()
                    == getattr(fresh, field.attname).render_as_block()
                )
        assert not kept._state.adding and kept._state.db == "default"


def test_each_request_gets_its_own_copy_of_a_kept_page(demo_site, django_assert_num_queries):
    model = type(demo_site.specific)
    routing._page(model, demo_site.pk, RequestFactory().get("/"))
    first = routing._page(model, demo_site.pk, RequestFactory().get("/"))
    first.title = "Changed by one request"
    first.set_by_one_request = True
    with django_assert_num_queries(0):
        second = routing._page(model, demo_site.pk, RequestFactory().get("/"))
    assert second is not first
    assert second.title == demo_site.title
    assert not hasattr(second, "set_by_one_request")


def test_a_published_change_is_read_at_once_and_the_signed_in_read_the_row(
    demo_site, django_user_model, django_assert_num_queries
):
    standard = StandardPage.objects.live().first()
    routing._page(StandardPage, standard.pk, RequestFactory().get("/"))
    standard.title = "A new title"
    standard.save_revision().publish()
    assert routing._page(StandardPage, standard.pk, RequestFactory().get("/")).title == (
        "A new title"
    )
    # A draft changes nothing visitors see; the signed-in read the row itself.
    standard.title = "A draft title"
    standard.save_revision()
    visitor = routing._page(StandardPage, standard.pk, RequestFactory().get("/"))
    assert visitor.title == "A new title"
    request = RequestFactory().get("/")
    request.user = django_user_model.objects.create_user("editor@example.org", "pw-12345678")
    with django_assert_num_queries(1):
        member = routing._page(StandardPage, standard.pk, request)
    assert member.has_unpublished_changes


def test_a_new_slug_moves_the_pages_below_for_visitors_and_the_page_cache(demo_site, client):
    from campaigns.models import CampaignUpdatePage

    index = CampaignIndexPage.objects.live().first()
    update = CampaignUpdatePage.objects.live().descendant_of(index).first()
    old = update.url
    assert client.get(old).status_code == 200
    assert client.get(old)["X-Page-Cache"] == "hit"  # Kept for visitors now.
    index.slug = "campaign-list"
    index.save_revision().publish()
    assert client.get(old).status_code == 404
    assert (
        client.get(old.replace(f"/{index.url.strip('/')}/", "/campaign-list/", 1)).status_code
        == 200
    )
