"""Campaign pages, the index (filters, search, pages) and their query cost."""

import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from campaigns.factories import CampaignPageFactory, PledgeFactory, PreventionTopicFactory
from campaigns.models import CampaignPage
from core import page_cache

pytestmark = pytest.mark.django_db


def _png() -> SimpleUploadedFile:
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("hero.png", buffer.getvalue(), content_type="image/png")


def card_titles(response) -> list[str]:
    """The titles on the campaign cards of a page, in order."""
    html = response.content.decode()
    return [
        unescape(title)
        for title in re.findall(
            r'<li class="card campaign-card">\s*<h3[^>]*><a [^>]*>([^<]*)</a>', html
        )
    ]


def _image():
    return get_image_model().objects.create(title="Hero", file=_png())


def _make_campaigns(index, owner, count):
    topic = PreventionTopicFactory(name="Fake job offers", slug="fake-job-offers")
    image = _image()
    for _number in range(count):
        page = CampaignPageFactory(
            parent=index,
            owner=owner,
            hero_image=image,
            hero_alt_text="A bus station at dawn",
        )
        page.topics.add(topic)
        page.save()


def test_campaign_page_shows_summary_progress_and_pledge_form(client, campaign):
    response = client.get(campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert campaign.summary in html
    assert '<progress max="10" value="0"' in html
    assert 'action="/campaigns/' in html and "pledge/" in html
    assert "a survivor leader" in html


def test_pictures_offer_webp_at_several_widths_with_size_and_lazy_loading(client, index, leader_a):
    _make_campaigns(index, leader_a, 1)
    page = CampaignPage.objects.get()
    for html in (client.get(index.url).content.decode(), client.get(page.url).content.decode()):
        picture = html[html.index("<picture>") : html.index("</picture>")]
        webp = picture[picture.index("<source") : picture.index(">", picture.index("<source"))]
        assert 'type="image/webp"' in webp
        assert webp.count("w,") >= 1 and "sizes=" in webp  # several widths to choose from
        img = picture[picture.index("<img") :]
        assert ".jpg" in img or ".jpeg" in img  # the fallback for browsers without WebP
        assert 'width="' in img and 'height="' in img  # no layout shift while it loads
        assert 'loading="lazy"' in img and 'alt="A bus station at dawn"' in img


def test_hero_image_needs_alt_text(index, leader_a):
    page = CampaignPage(title="No alt", slug="no-alt", summary="x", hero_image=_image())
    with pytest.raises(Exception, match="Describe the image"):
        page.full_clean()


def test_index_filters_by_topic_region_language_and_status(client, index, leader_a):
    topic = PreventionTopicFactory(name="Debt bondage", slug="debt-bondage")
    match = CampaignPageFactory(
        parent=index, owner=leader_a, title="Owed nothing", region="Gulf", languages=["id"]
    )
    match.topics.add(topic)
    match.save()
    CampaignPageFactory(parent=index, owner=leader_a, title="Other one", region="Europe")
    CampaignPageFactory(
        parent=index, owner=leader_a, title="Closed one", status=CampaignPage.Status.CLOSED
    )

    def titles(query):
        response = client.get(index.url + query)
        assert response.status_code == 200
        return card_titles(response)

    assert titles("?topic=debt-bondage") == ["Owed nothing"]
    assert titles("?region=Gulf") == ["Owed nothing"]
    assert titles("?language=id") == ["Owed nothing"]
    assert titles("?status=closed") == ["Closed one"]
    assert len(titles("")) == 3


def test_index_search_finds_title_summary_and_topics(client, index, leader_a):
    topic = PreventionTopicFactory(name="Supply chains", slug="supply-chains")
    page = CampaignPageFactory(parent=index, owner=leader_a, title="Ask who made it")
    page.topics.add(topic)
    page.save_revision().publish()
    CampaignPageFactory(parent=index, owner=leader_a, title="Unrelated")
    from django.core.management import call_command

    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.get(index.url + "?q=made")
    assert card_titles(response) == ["Ask who made it"]


def test_index_paginates(client, index, leader_a):
    for _number in range(13):
        CampaignPageFactory(parent=index, owner=leader_a)
    first = client.get(index.url)
    second = client.get(index.url + "?page=2")
    assert len(first.context["campaigns"]) == 12
    assert len(second.context["campaigns"]) == 1
    assert "Page 1 of 2" in first.content.decode()


def test_drafts_and_unconfirmed_pledges_never_show(client, index, leader_a):
    draft = CampaignPageFactory(parent=index, owner=leader_a, title="Secret draft", live=False)
    live = CampaignPageFactory(parent=index, owner=leader_a, title="Out in the open")
    PledgeFactory(campaign=live)
    PledgeFactory(campaign=live, confirmed=True)
    listing = client.get(index.url).content.decode()
    assert "Secret draft" not in listing
    assert "1 confirmed pledge of 10" in listing
    assert client.get(draft.url).status_code == 404 if draft.url else True
    assert client.get(f"{index.url}{draft.slug}/").status_code == 404


@pytest.mark.parametrize("count", [5, 50])
def test_index_costs_a_constant_number_of_queries(
    client, index, leader_a, count, django_assert_num_queries, page_cache_off
):
    _make_campaigns(index, leader_a, count)
    client.get(index.url)  # warm caches (site root, renditions created once)
    # Nothing: the ids listed and their cards are held (campaigns/cards.py),
    # as are the route and the page's row (content/routing.py), the site,
    # settings, menu, topics, regions and content-warning topics
    # (core/site_wide.py); the same with 5 and with 50 campaigns.
    with django_assert_num_queries(QUERIES_PER_INDEX):
        response = client.get(index.url)
    assert response.status_code == 200
    assert response.content.decode().count("<progress") == min(count, 12)
    # Every card made again (each campaign changed): the campaigns with their
    # prefetches (topics, warnings, image with its renditions) besides.
    page_cache.invalidate(
        *(page_cache.page_tag(pk) for pk in CampaignPage.objects.values_list("pk", flat=True))
    )
    with django_assert_num_queries(QUERIES_PER_INDEX + QUERIES_PER_CARDS_MADE):
        assert client.get(index.url).content.decode().count("<progress") == min(count, 12)


QUERIES_PER_INDEX = 0
QUERIES_PER_CARDS_MADE = 5


def test_featured_campaigns_show_on_the_home_page(client, home, index, leader_a):
    CampaignPageFactory(parent=index, owner=leader_a, title="Featured one", featured=True)
    CampaignPageFactory(parent=index, owner=leader_a, title="Not featured")
    CampaignPageFactory(
        parent=index, owner=leader_a, title="Featured draft", featured=True, live=False
    )
    html = client.get(home.url).content.decode()
    assert "Featured one" in html
    assert "Not featured" not in html and "Featured draft" not in html


@pytest.mark.parametrize("count", [5, 50])
def test_home_page_costs_the_same_with_many_featured_campaigns(
    client, home, index, leader_a, count, django_assert_num_queries, page_cache_off
):
    _make_campaigns(index, leader_a, count)
    CampaignPage.objects.update(featured=True)
    client.get(home.url)
    with django_assert_num_queries(QUERIES_PER_HOME):
        assert client.get(home.url).content.decode().count("<progress") == 3
    page_cache.invalidate(
        *(page_cache.page_tag(pk) for pk in CampaignPage.objects.values_list("pk", flat=True))
    )
    with django_assert_num_queries(QUERIES_PER_HOME + QUERIES_PER_CARDS_MADE):
        assert client.get(home.url).content.decode().count("<progress") == 3


QUERIES_PER_HOME = 0


def test_search_combines_with_filters_and_odd_input_is_harmless(client, index, leader_a):
    topic = PreventionTopicFactory(name="Debt bondage", slug="debt-bondage")
    page = CampaignPageFactory(parent=index, owner=leader_a, title="Owed nothing", region="Gulf")
    page.topics.add(topic)
    page.save()
    from django.core.management import call_command

    call_command("update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for query in (
        "?q=owed&topic=debt-bondage&region=Gulf&language=en&status=active",
        "?status=bogus&page=abc",
        "?q=%3Cscript%3E",
        "?page=999",
    ):
        response = client.get(index.url + query)
        assert response.status_code == 200, query
        assert "<script>" not in response.content.decode().split("<main", 1)[-1]
    found = client.get(index.url + "?q=owed&topic=debt-bondage&region=Gulf")
    assert card_titles(found) == ["Owed nothing"]


def test_a_content_warned_card_keeps_its_title_and_names_the_warning(client, index, leader_a):
    from people.models import ContentWarningTopic

    page = CampaignPageFactory(parent=index, owner=leader_a, title="Owed nothing", summary="Hidden")
    page.content_warnings.add(
        ContentWarningTopic.objects.create(name="Debt and threats", slug="debt-threats")
    )
    page.save()
    html = client.get(index.url).content.decode()
    card = next(card for card in html.split('<li class="card campaign-card">') if "Owed" in card)
    details = card.index("<details")
    assert card.index("Owed nothing") < details
    assert card.index("Debt and threats") > details
    assert card.index("Hidden") > card.index("</summary>")
    assert "content-warning__show" in card


def test_topics_and_warnings_kept_with_the_page_change_when_it_is_published(
    client, campaign, page_cache_off
):
    from people.models import ContentWarningTopic

    first = PreventionTopicFactory(name="Recruitment online")
    campaign.topics.add(first)
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert "Recruitment online" in html and "Content note" not in html
    second = PreventionTopicFactory(name="Debt bondage")
    warning = ContentWarningTopic.objects.create(name="Coercion", slug="coercion")
    campaign.topics.set([second])
    campaign.content_warnings.set([warning])
    campaign.save_revision().publish()
    html = client.get(campaign.url).content.decode()
    assert "Debt bondage" in html and "Recruitment online" not in html
    assert "Coercion" in html


def test_an_empty_pledge_form_is_kept_and_one_sent_back_is_not(client, campaign, page_cache_off):
    from core import site_wide

    empty = client.get(campaign.url).content.decode()
    assert 'name="email"' in empty and 'value="' not in empty.split('name="email"')[1][:40]
    response = client.post(
        campaign.pledge_url, {"email": "not-an-address", "display_name": "Someone typed this"}
    )
    html = response.content.decode()
    assert "Someone typed this" in html
    assert not any("Someone typed this" in str(value) for _, value in site_wide._held.values())
    assert "Someone typed this" not in client.get(campaign.url).content.decode()


def test_kept_lists_follow_campaigns_and_made_up_filters_are_not_kept(
    client, index, leader_a, page_cache_off
):
    from core import site_wide

    topic = PreventionTopicFactory(name="Debt bondage", slug="debt-bondage")
    first = CampaignPageFactory(parent=index, owner=leader_a, title="Owed nothing")
    by_topic = f"{index.url}?topic=debt-bondage"
    assert card_titles(client.get(by_topic)) == []
    first.topics.add(topic)
    first.save_revision().publish()
    assert card_titles(client.get(by_topic)) == ["Owed nothing"]
    CampaignPageFactory(parent=index, owner=leader_a, title="Know the signs")
    assert sorted(card_titles(client.get(index.url))) == ["Know the signs", "Owed nothing"]
    by_status = f"{index.url}?status=goal_reached"
    assert card_titles(client.get(by_status)) == []
    for _number in range(first.pledge_target):
        PledgeFactory(campaign=first, confirmed=True)
    assert card_titles(client.get(by_status)) == ["Owed nothing"]
    held = len(site_wide._held)
    for number in range(5):
        client.get(f"{index.url}?topic=made-up-{number}&region=nowhere-{number}")
    assert len(site_wide._held) == held


def test_a_new_co_lead_is_named_at_the_next_request(client, campaign, leader_b, page_cache_off):
    """Lead ids are kept with the page for naming (views.lead_names); adding or
    removing a co-lead bumps the page's tag."""
    from campaigns.models import CampaignLead

    assert client.get(campaign.url).content.decode().count("a survivor leader") == 1
    lead = CampaignLead.objects.create(page=campaign, user=leader_b)
    assert client.get(campaign.url).content.decode().count("a survivor leader") == 2
    lead.delete()
    assert client.get(campaign.url).content.decode().count("a survivor leader") == 1
