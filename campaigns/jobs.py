"""Periodic job about campaigns (background.schedule): ask the leads of an
active campaign whether it is still right, once it has gone six months
without a new version. Safe to run twice (notifications.notices keys each
notice by page, version and period)."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from background.schedule import weekly
from background.work import background_task
from content.translations import in_source_language
from notifications.notices import flag_stale_pages, stale_before

from .models import CampaignPage
from .notices import STALE
from .policy import lead_ids


def leads_of(campaign: CampaignPage):
    return get_user_model().objects.filter(pk__in=lead_ids(campaign), is_active=True)


def flag_stale_campaigns(now=None) -> int:
    campaigns = in_source_language(CampaignPage.objects.live()).filter(
        status=CampaignPage.Status.ACTIVE, last_published_at__lt=stale_before(now)
    )
    return flag_stale_pages(campaigns, kind=STALE, leads_of=leads_of, now=now)


@background_task()
def flag_stale_campaigns_task() -> int:
    return flag_stale_campaigns()


weekly(on="tuesday", at="05:15", name="campaigns.stale_pages", job=flag_stale_campaigns_task)
