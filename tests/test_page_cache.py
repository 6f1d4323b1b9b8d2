"""Visitors' pages kept in the cache (core/page_cache.py): every public page
type is kept and served without a query; the key covers what changes a page;
each kind of change forgets exactly the pages it affects; nobody signed in
ever reads or fills the cache; kept pages hold no nonce and no CSRF token, and
their forms still post."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from advocacy.opportunities.models import OpportunityIndexPage
from advocacy.proposals.models import ProposalEndorsement, ProposalIndexPage, ReformProposalPage
from campaigns.models import CampaignIndexPage, CampaignPage, CampaignUpdatePage
from content.translations import in_source_language
from core import page_cache
from home.models import HomePage, SafetySettings, StandardPage
from pathways.models import RemedyIndexPage, RemedyPage

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    StandardPage,
    CampaignIndexPage,
    CampaignPage,
    CampaignUpdatePage,
    ProposalIndexPage,
    ReformProposalPage,
    OpportunityIndexPage,
    RemedyIndexPage,
    RemedyPage,
]


def live(model, index=0):
    """The index-th live public page of `model` (its address in the default
    language: a request before may have left another one active)."""
    pages = in_source_language(model.objects.live().public()).order_by("pk")
    page = pages[index]
    with translation.override(settings.LANGUAGE_CODE):
        page.address = page.get_url()
    return page


def fetch(client, url, **extra):
    response = client.get(url, **extra)
    return response, response.get(page_cache.HIT_HEADER)


def kept(client, url, **extra) -> bool:
    """True when `url` comes from the cache."""
    return fetch(client, url, **extra)[1] == "hit"


def warm(client, *urls):
    for url in urls:
        response, state = fetch(client, url)
        assert response.status_code == 200, url
        assert state in ("miss", "hit"), (url, state)
        assert kept(client, url), url


def test_every_public_page_type_is_kept_and_then_served_without_a_query(
    demo_site, client, django_assert_num_queries
):
    for model in PAGE_TYPES:
        address = live(model).address
        for url in (address, "/th" + address):
            first, state = fetch(client, url)
            assert first.status_code == 200, url
            assert state == "miss", (url, state)
            assert first["Cache-Control"] == "public, max-age=0, s-maxage=60"
            assert "Cookie" in first["Vary"]
            with django_assert_num_queries(0):
                again, state = fetch(client, url)
            assert state == "hit", url
            assert again.content == first.content, url
            assert again["Content-Type"] == first["Content-Type"]
            assert not again.cookies, url


def test_the_key_covers_language_reading_choices_and_query(demo_site, client):
    index = live(CampaignIndexPage).address
    warm(client, index)
    assert not kept(client, "/es" + index)
    assert not kept(client, index + "?page=2")
    assert kept(client, index + "?page=2")
    # The same query in another order is the same page.
    assert not kept(client, index + "?status=active&page=1")
    assert kept(client, index + "?page=1&status=active")
    client.cookies["content_warnings"] = "none"
    assert not kept(client, index)
    assert kept(client, index)
    client.cookies["helpline_country"] = "TH"
    assert not kept(client, index)
    del client.cookies["content_warnings"]
    del client.cookies["helpline_country"]
    assert kept(client, index)


def test_tracking_parameters_are_dropped_before_any_page(demo_site, client):
    index = live(CampaignIndexPage).address
    response = client.get(index + "?utm_source=news&page=2&fbclid=abc123")
    assert response.status_code == 301
    assert response["Location"] == index + "?page=2"
    assert "abc123" not in response.content.decode()


def test_publishing_forgets_the_page_its_listings_and_nothing_else(demo_site, client):
    campaign, other = live(CampaignPage, 0), live(CampaignPage, 1)
    about = live(StandardPage)
    remedy = live(RemedyPage)
    urls = [campaign.address, other.address, about.address, live(CampaignIndexPage).address]
    warm(client, *urls)

    campaign.title = "A new title for the campaign"
    campaign.save_revision().publish()

    for url in (campaign.address, live(CampaignIndexPage).address):
        response, state = fetch(client, url)
        assert state == "miss", url
        assert "A new title for the campaign" in response.content.decode()
    assert kept(client, other.address)
    assert kept(client, about.address)
    warm(client, remedy.address)
    assert kept(client, remedy.address)


def test_publishing_a_page_in_the_menu_forgets_every_page(demo_site, client):
    about, campaign = live(StandardPage), live(CampaignPage)
    menu_page = live(CampaignIndexPage)
    assert menu_page.show_in_menus
    warm(client, about.address, campaign.address)
    menu_page.title = "Campaigns led by survivors"
    menu_page.save_revision().publish()
    response, state = fetch(client, about.address)
    assert state == "miss"
    assert "Campaigns led by survivors" in response.content.decode()
    response, state = fetch(client, campaign.address)
    assert state == "miss"
    assert "Campaigns led by survivors" in response.content.decode()


def test_a_new_page_in_the_menu_joins_every_page(demo_site, client):
    about, campaign = live(StandardPage), live(CampaignPage)
    warm(client, about.address, campaign.address)
    demo_site.add_child(
        instance=StandardPage(title="Getting paid for your time", slug="paid", show_in_menus=True)
    )
    for url in (about.address, campaign.address):
        response, state = fetch(client, url)
        assert state == "miss", url
        assert "Getting paid for your time" in response.content.decode()


def test_unpublishing_moving_and_deleting_are_seen_at_once(demo_site, client):
    first, second, third = (live(CampaignPage, i) for i in range(3))
    about = live(StandardPage)
    first_url, second_url, third_url = first.address, second.address, third.address
    warm(client, first_url, second_url, third_url, about.address)

    first.unpublish()
    assert client.get(first_url).status_code == 404
    assert kept(client, about.address)

    second.move(live(StandardPage), pos="last-child")
    moved = client.get(second_url)
    # Wagtail leaves a redirect from the old address to the new one.
    assert moved.status_code == 301
    assert moved["Location"] == Page.objects.get(pk=second.pk).specific.url
    assert not kept(client, about.address)

    warm(client, third_url, about.address)
    Page.objects.get(pk=third.pk).delete()
    assert client.get(third_url).status_code == 404
    assert not kept(client, about.address)


def test_a_confirmed_pledge_forgets_the_campaign_and_its_cards_only(demo_site, client):
    from campaigns.factories import PledgeFactory

    campaign, other = live(CampaignPage, 0), live(CampaignPage, 1)
    index = live(CampaignIndexPage).address
    warm(client, campaign.address, other.address, index)
    before = CampaignPage.objects.get(pk=campaign.pk).confirmed_pledge_count

    PledgeFactory(campaign=campaign, confirmed=True)

    response, state = fetch(client, campaign.address)
    assert state == "miss"
    count = f"{before + 1:,}"
    assert re.search(rf"{count}\s+confirmed pledges? of", response.content.decode())
    assert not kept(client, index)
    assert kept(client, other.address)


def test_a_new_endorsement_forgets_that_proposal_only(demo_site, client, user_factory):
    proposal, other = live(ReformProposalPage, 0), live(ReformProposalPage, 1)
    campaign = live(CampaignPage)
    warm(client, proposal.address, other.address, campaign.address)

    supporter = user_factory()
    ProposalEndorsement.objects.create(proposal=proposal, user=supporter, endorsed_by=supporter)

    assert not kept(client, proposal.address)
    assert kept(client, other.address)
    assert kept(client, campaign.address)


def test_a_status_change_a_milestone_and_an_amendment_forget_that_proposal(
    demo_site, client, user_factory
):
    from advocacy.proposals.lifecycle import transition
    from advocacy.proposals.models import ProposalAmendment, ProposalMilestone

    open_ones = in_source_language(ReformProposalPage.objects.live().public())
    proposal = open_ones.filter(status="open").order_by("pk").first()
    with translation.override(settings.LANGUAGE_CODE):
        proposal.address = proposal.get_url()
    other = live(ReformProposalPage, 0 if live(ReformProposalPage, 0).pk != proposal.pk else 1)
    index = proposal.get_parent().url
    warm(client, proposal.address, other.address, index)
    # A status changes without a revision: the page, its card in the list,
    # and the lists filtered by status all show it.
    transition(proposal, "submitted", by=proposal.owner, note="Sent to the ministry")
    assert not kept(client, proposal.address)
    assert not kept(client, index)
    assert kept(client, other.address)

    warm(client, proposal.address)
    ProposalMilestone.objects.create(
        proposal=proposal, kind="hearing", happened_on="2026-11-30", summary="A hearing"
    )
    assert not kept(client, proposal.address)
    assert kept(client, other.address)

    warm(client, proposal.address)
    ProposalAmendment.objects.create(
        proposal=proposal, proposer=user_factory(), section="problem", new_text="x", reason="y"
    )
    assert not kept(client, proposal.address)


def test_a_changed_setting_forgets_every_page(demo_site, client):
    about, campaign = live(StandardPage), live(CampaignPage)
    warm(client, about.address, campaign.address)
    settings = SafetySettings.objects.get()
    settings.quick_exit_url = "https://www.example.com/weather"
    settings.save()
    for url in (about.address, campaign.address):
        response, state = fetch(client, url)
        assert state == "miss"
        assert "https://www.example.com/weather" in response.content.decode()


def test_publishing_a_translation_forgets_its_source_page(demo_site, client):
    about = live(StandardPage)
    thai_url = "/th" + about.address
    warm(client, thai_url, about.address)
    thai = about.get_translation_or_none(live_locale("th"))
    if thai is None:
        thai = about.copy_for_translation(live_locale("th"))
    thai = thai.specific
    thai.title = "หน้าที่แปลใหม่"
    thai.save_revision().publish()
    response, state = fetch(client, thai_url)
    assert state == "miss"
    assert "หน้าที่แปลใหม่" in response.content.decode()


def live_locale(language):
    from wagtail.models import Locale

    return Locale.objects.get(language_code=language)


def test_a_revoked_name_leaves_the_page_at_once(demo_site, client, leader_a):
    from people.consent import grant_consent, revoke_consent
    from people.models import ConsentRecord

    campaign = live(CampaignPage)
    CampaignPage.objects.filter(pk=campaign.pk).update(owner=leader_a)
    record = grant_consent(
        leader_a,
        kind=ConsentRecord.Kind.NAME,
        purpose="Shown as a lead of this campaign",
        text="Mai Lead",
        context=campaign,
    )
    response, _state = fetch(client, campaign.address)
    assert "Mai Lead" in response.content.decode()
    assert kept(client, campaign.address)

    revoke_consent(record)
    response, state = fetch(client, campaign.address)
    assert state == "miss"
    assert "Mai Lead" not in response.content.decode()


def test_a_view_restriction_takes_the_page_away_from_visitors_at_once(demo_site, client):
    about = live(StandardPage)
    warm(client, about.address)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.address)
    assert response.status_code == 302
    assert response.get(page_cache.HIT_HEADER) is None


def test_signed_in_members_never_read_or_fill_the_cache(demo_site, client, user_factory):
    campaign = live(CampaignPage)
    warm(client, campaign.address)
    member = user_factory(email="member@example.org")
    member_client = Client()
    member_client.force_login(member)
    response = member_client.get(campaign.address)
    assert response.status_code == 200
    assert response.get(page_cache.HIT_HEADER) is None
    assert "Sign out" in response.content.decode()
    assert "private" in response["Cache-Control"]
    # What the member got was not kept for anyone else.
    visitor, state = fetch(client, campaign.address)
    assert state == "hit"
    assert "Sign out" not in visitor.content.decode()


def test_visitors_with_messages_waiting_get_a_fresh_page(demo_site, client):
    about = live(StandardPage)
    warm(client, about.address)
    client.cookies["messages"] = "anything"
    response, state = fetch(client, about.address)
    assert response.status_code == 200
    assert state is None


def test_kept_pages_never_give_a_nonce_twice(demo_site, client):
    campaign = live(CampaignPage)
    policies, bodies = [], []
    for _ in range(3):
        response = client.get(campaign.address)
        policies.append(response["Content-Security-Policy"])
        bodies.append(response.content.decode())
    nonces = [n for policy in policies for n in re.findall(r"'nonce-([^']+)'", policy)]
    assert len(nonces) == len(set(nonces))
    for body in bodies:
        assert 'nonce="' not in body
    assert "csrfmiddlewaretoken" not in bodies[-1]


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site"}, False),
        ({"HTTP_ORIGIN": "http://testserver"}, True),
        ({"HTTP_ORIGIN": "https://elsewhere.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({}, False),
    ],
)
def test_a_kept_pages_form_posts_without_a_token_only_from_this_site(demo_site, headers, accepted):
    campaign = live(CampaignPage)
    client = Client(enforce_csrf_checks=True)
    page = client.get(campaign.address)
    assert "csrfmiddlewaretoken" not in page.content.decode()
    pledges_before = campaign.pledges.count()
    response = client.post(
        campaign.address + "pledge/",
        {"email": "new.pledger@example.net", "display_name": "Ana", "website": ""},
        **headers,
    )
    if accepted:
        assert response.status_code == 302, response.content[:500]
    else:
        assert response.status_code == 403
        assert CampaignPage.objects.get(pk=campaign.pk).pledges.count() == pledges_before


def test_a_post_with_a_token_still_gets_djangos_full_check(demo_site):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/", "csrfmiddlewaretoken": "x" * 64},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 403


def test_a_page_made_while_its_data_changed_is_not_kept(db):
    started = time.time()
    page_cache.invalidate("page:1")
    assert page_cache._tag_values({"page:1", page_cache.SITE}, started) is None
    later = time.time() + 2
    values = page_cache._tag_values({"page:1", page_cache.SITE}, later)
    assert values is not None and set(values) == {"page:1", page_cache.SITE}


PURGED: list[str] = []


class RecordingBackend:
    """A frontend cache backend that notes what it is asked to purge."""

    def __init__(self, params):
        self.hostnames = ["*"]

    def purge(self, url) -> None:
        PURGED.append(url)

    def purge_batch(self, urls) -> None:
        PURGED.extend(urls)

    def invalidates_hostname(self, hostname) -> bool:
        return True


def test_publishing_purges_a_cdn_in_front_in_every_language(
    demo_site, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    about = live(StandardPage)
    about.title = "About the platform"
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    root = about.get_site().root_url
    expected = {root + about.address} | {
        f"{root}/{code}{about.address}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    }
    assert expected <= set(PURGED)
    assert all(url.startswith(root) for url in PURGED)


class UnreachableCache:
    """A cache whose server does not answer."""

    def __init__(self, *args, **kwargs):
        pass

    def close(self, **kwargs):
        pass

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise ConnectionError("Connection refused")

        return refuse


def test_pages_are_made_and_changes_saved_while_the_cache_is_down(demo_site, settings, caplog):
    settings.CACHES = {**settings.CACHES, "down": {"BACKEND": f"{__name__}.UnreachableCache"}}
    settings.PAGE_CACHE_ALIAS = "down"
    client = Client()
    about = live(StandardPage)
    for _ in range(2):
        response = client.get(about.address)
        assert response.status_code == 200
        assert response[page_cache.HIT_HEADER] == "not kept"
    about.title = "Still publishable"
    about.save_revision().publish()
    assert "Still publishable" in client.get(about.address).content.decode()
    assert "The page cache could not" in caplog.text


def test_production_does_not_say_whether_a_page_was_kept(demo_site, client, settings):
    settings.PAGE_CACHE_HEADER = False
    about = live(StandardPage)
    for _ in range(2):
        response = client.get(about.address)
        assert response.status_code == 200
        assert page_cache.HIT_HEADER not in response
