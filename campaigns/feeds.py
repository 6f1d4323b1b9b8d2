"""RSS and Atom feeds of campaign updates: per campaign, and for all campaigns."""

from datetime import UTC, datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from content.visibility import public

from .models import CampaignPage, CampaignUpdatePage

FEED_LENGTH = 30
_LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)


def _published(page) -> datetime:
    return page.first_published_at or _LONG_AGO


class CampaignUpdatesFeed(Feed):
    """Updates of one campaign (RSS 2.0)."""

    def get_object(self, request, campaign=None):
        self.request = request
        return campaign

    def title(self, campaign):
        return _("%(title)s: updates") % {"title": campaign.title}

    def link(self, campaign):
        return campaign.url

    def description(self, campaign):
        return campaign.summary

    def items(self, campaign):
        return public(CampaignUpdatePage.objects.child_of(campaign).live()).order_by(
            "-date", "-pk"
        )[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class CampaignUpdatesAtomFeed(CampaignUpdatesFeed):
    feed_type = Atom1Feed
    subtitle = CampaignUpdatesFeed.description


class AllCampaignsFeed(Feed):
    """New campaigns and updates across the site (RSS 2.0)."""

    def get_object(self, request, index=None):
        return index

    def title(self, index):
        return _("Campaigns and updates")

    def link(self, index):
        return index.url

    def description(self, index):
        return index.intro or _("Survivor-led prevention campaigns.")

    def items(self, index):
        campaigns = public(CampaignPage.objects.descendant_of(index).live())
        updates = public(CampaignUpdatePage.objects.descendant_of(index).live())
        latest = [
            *campaigns.order_by("-first_published_at")[:FEED_LENGTH],
            *updates.order_by("-first_published_at")[:FEED_LENGTH],
        ]
        latest.sort(key=_published, reverse=True)
        return latest[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class AllCampaignsAtomFeed(AllCampaignsFeed):
    feed_type = Atom1Feed
    subtitle = AllCampaignsFeed.description
