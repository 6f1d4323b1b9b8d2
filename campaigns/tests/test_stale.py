"""An active campaign six months without a new version: its leads are asked
whether it is still right, once per six months, however often the job runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from background.schedule import jobs
from campaigns.factories import CampaignPageFactory
from campaigns.jobs import flag_stale_campaigns
from campaigns.models import CampaignPage
from campaigns.notices import STALE
from notifications.models import Notice
from notifications.notices import show

pytestmark = pytest.mark.django_db


def _published_days_ago(campaign, days, **fields):
    CampaignPage.objects.filter(pk=campaign.pk).update(
        last_published_at=timezone.now() - timedelta(days=days), **fields
    )


def test_a_stale_active_campaign_asks_its_leads_once(index, leader_a, leader_b):
    campaign = CampaignPageFactory(parent=index, owner=leader_a, status="active")
    _published_days_ago(campaign, 200)
    assert flag_stale_campaigns() == 1
    assert flag_stale_campaigns() == 0
    (notice,) = Notice.objects.filter(kind=STALE)
    assert notice.user == leader_a
    assert "has not changed for 6 months" in show(notice, leader_a).text
    assert campaign.title not in show(notice, leader_b).text


def test_fresh_or_finished_campaigns_are_left_alone(index, leader_a):
    fresh = CampaignPageFactory(parent=index, owner=leader_a, status="active")
    _published_days_ago(fresh, 20)
    done = CampaignPageFactory(parent=index, owner=leader_a, status="active")
    _published_days_ago(done, 400, status="goal_reached")
    assert flag_stale_campaigns() == 0
    assert not Notice.objects.exists()


def test_the_job_is_scheduled():
    assert "campaigns.stale_pages" in [job.name for job in jobs()]
