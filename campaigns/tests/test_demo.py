"""The demo campaigns: five, with updates and confirmed pledges, idempotent."""

import os

import pytest
from django.core import mail
from django.core.management import call_command

from campaigns.models import CampaignPage, CampaignUpdatePage, Pledge
from content.translations import in_source_language

pytestmark = pytest.mark.django_db


def test_demo_has_five_campaigns_with_updates_and_pledges(demo_site, client):
    campaigns = in_source_language(CampaignPage.objects).live()
    assert campaigns.count() == 5
    for campaign in campaigns:
        assert CampaignUpdatePage.objects.child_of(campaign).live().exists()
        assert campaign.confirmed_pledge_count == campaign.pledges.confirmed().count() > 0
        assert client.get(campaign.url).status_code == 200
    reached = campaigns.get(slug="debt-bondage-warning-signs")
    assert reached.status == CampaignPage.Status.GOAL_REACHED
    assert "Amara" in client.get(reached.url).content.decode()
    assert "Spot a fake job offer" in client.get("/").content.decode()
    assert mail.outbox == []

    counts = (
        in_source_language(CampaignPage.objects).count(),
        in_source_language(CampaignUpdatePage.objects).count(),
        Pledge.objects.count(),
    )
    call_command("load_demo_data", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    again = (
        in_source_language(CampaignPage.objects).count(),
        in_source_language(CampaignUpdatePage.objects).count(),
        Pledge.objects.count(),
    )
    assert again == counts
    assert mail.outbox == []
