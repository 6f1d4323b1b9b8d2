"""Campaign cards are made once per process and language while their campaign
is unchanged (campaigns/cards.py), and every change shows at the next request."""

import pytest
from django.test.utils import CaptureQueriesContext

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignPage
from people.models import ContentWarningTopic

pytestmark = pytest.mark.django_db


def _card_queries(captured) -> list[str]:
    """Queries that read what a card shows (not just which campaigns to list)."""
    return [
        query["sql"]
        for query in captured.captured_queries
        if "campaigns_campaignpage_topics" in query["sql"]
        or "wagtailimages_rendition" in query["sql"]
        or '"campaigns_campaignpage"."summary"' in query["sql"]
    ]


def test_a_held_card_costs_no_query_and_is_the_same_card(client, index, leader_a, page_cache_off):
    from django.db import connection

    CampaignPageFactory(parent=index, owner=leader_a, title="Know the signs")
    with CaptureQueriesContext(connection) as making:
        first = client.get(index.url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        again = client.get(index.url).content.decode()
    assert "Know the signs" in again
    assert _card_queries(making) and _card_queries(captured) == []
    assert first == again


def test_a_confirmed_pledge_and_a_new_title_show_at_the_next_request(
    client, index, leader_a, page_cache_off
):
    campaign = CampaignPageFactory(parent=index, owner=leader_a, title="Know the signs")
    assert "0 confirmed pledges" in client.get(index.url).content.decode()

    from campaigns.factories import PledgeFactory

    PledgeFactory(campaign=campaign, confirmed=True)
    html = client.get(index.url).content.decode()
    assert "1 confirmed pledge of" in html

    campaign.title = "Know the signs before you travel"
    campaign.save_revision().publish()
    assert "Know the signs before you travel" in client.get(index.url).content.decode()

    campaign.unpublish()
    assert "Know the signs" not in client.get(index.url).content.decode()


def test_each_reader_gets_the_warning_their_choices_call_for(
    client, index, leader_a, page_cache_off
):
    topic = ContentWarningTopic.objects.create(name="Violence", slug="violence")
    campaign = CampaignPageFactory(parent=index, owner=leader_a, title="Hard stories")
    campaign.content_warnings.add(topic)
    campaign.save_revision().publish()
    CampaignPageFactory(parent=index, owner=leader_a, title="Plain advice")

    # Until a reader chooses, every topic is collapsed.
    html = client.get(index.url).content.decode()
    assert html.count("<details") == 1 and "Plain advice" in html

    # A reader who chose to see everything gets the same card, open.
    client.cookies["content_warnings"] = "none"
    opened = client.get(index.url).content.decode()
    assert "<details" not in opened and "Hard stories" in opened and "Plain advice" in opened
    # Its "Change what is collapsed" link comes back to the page it is on.
    assert f"?next={index.url}%3F" not in opened and f'?next={index.url}"' in opened
    filtered = client.get(index.url + "?status=active").content.decode()
    assert f'?next={index.url}%3Fstatus%3Dactive"' in filtered


def test_a_card_is_made_in_the_readers_language(client, index, leader_a, page_cache_off):
    CampaignPageFactory(parent=index, owner=leader_a, title="Know the signs")
    english = client.get(index.url).content.decode()
    spanish = client.get("/es" + index.url).content.decode()
    assert "confirmed pledges of" in english and "confirmed pledges of" not in spanish


def test_listed_campaigns_gone_from_the_database_are_left_out(
    client, index, leader_a, page_cache_off
):
    campaign = CampaignPageFactory(parent=index, owner=leader_a, title="Know the signs")
    client.get(index.url)
    CampaignPage.objects.filter(pk=campaign.pk).delete()
    assert "Know the signs" not in client.get(index.url).content.decode()
