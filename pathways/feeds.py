"""RSS and Atom feeds of remedy pages, newest news first: a page is news
when an editor publishes a change to it or when the survivor advisory
council reviews it."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import DateTimeField, F, Value
from django.db.models.functions import Cast, Coalesce, Greatest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from content.translations import in_language_all, in_source_language
from content.visibility import public
from people.languages import home_url

from .models import RemedyPage

FEED_SIZE = 50

# Pages never reviewed sort by their last change alone.
_LONG_AGO = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def remedies_by_latest_news():
    """Live, public remedy pages ordered by the later of their last published
    change and their council review (a date, counted from its start)."""
    long_ago = Value(_LONG_AGO, output_field=DateTimeField())
    return (
        public(in_source_language(RemedyPage.objects.live()))
        .annotate(
            news_at=Greatest(
                Coalesce(F("last_published_at"), long_ago),
                Coalesce(Cast("reviewed_on", DateTimeField()), long_ago),
            )
        )
        .order_by("-news_at", "-pk")
    )


class RemedyFeed(Feed):
    title = _("Justice pathways: remedies reviewed or changed")
    description = _(
        "Remedy pages as survivor advisory councils review them and editors change them."
    )

    def link(self):
        return home_url()

    def items(self):
        return in_language_all(remedies_by_latest_news()[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if item.reviewed_on:
            reviewed = _("Reviewed by the survivor advisory council on %(date)s.") % {
                "date": item.reviewed_on.isoformat()
            }
        else:
            reviewed = _("Not yet reviewed by the survivor advisory council.")
        return f"{item.summary} {reviewed}"

    def item_link(self, item):
        return item.url or home_url()

    def item_guid(self, item):
        # A new review or change is a new item for feed readers.
        return f"remedy-{item.pk}-{item.news_at:%Y%m%d%H%M%S}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.news_at

    def item_updateddate(self, item):
        return item.news_at


class RemedyAtomFeed(RemedyFeed):
    feed_type = Atom1Feed
    subtitle = RemedyFeed.description
