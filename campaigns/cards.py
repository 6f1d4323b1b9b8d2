"""Campaign cards (the home page's featured campaigns, the campaign list), each
made once per process, language and address while its campaign is unchanged
(docs/caching.md, "Pieces kept per process").

A list reads only the ids of the campaigns it shows; a card not held is made
from the campaigns read in one query with everything a card shows. A card
is held in two forms, its content-warning part collapsed and shown, and each
reader gets the one their choices call for (as `{% content_warning %}` would
have chosen). Each card is held under its campaign's page tag (publishing,
a confirmed pledge) and the site tag (topics, images, settings), so any
change on any worker is seen at the next request; the page being made
depends on the same tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from content.translations import in_language_all, reader_language
from core import page_cache, site_wide
from people.content_warnings import hidden_topic_ids
from people.templatetags.content_warnings import HIDDEN_TOPICS_GIVEN, NEXT_GIVEN

from .models import CampaignPage

TEMPLATE = "campaigns/includes/campaign_card.html"


# Stands for the reader's address in a card's "Change what is collapsed" link
# (letters only: the link's URL-encoding leaves it as it is).
COME_BACK = "campaigncardcomeback"


@dataclass(frozen=True)
class Card:
    warning_topic_ids: frozenset[int]
    collapsed: str
    shown: str

    def for_reader(self, hidden: frozenset[int], come_back: str) -> SafeString:
        html = self.collapsed if self.warning_topic_ids & hidden else self.shown
        # As the template's `{{ next|urlencode }}` would have written it.
        return mark_safe(html.replace(COME_BACK, escape(quote(come_back, safe="/"))))  # noqa: S308


def campaign_cards(request, campaigns) -> list[SafeString]:
    """The cards of `campaigns` (a `listed_campaigns()` queryset, possibly
    sliced), in its order, for this reader."""
    from .views import listed_campaigns

    ids = list(campaigns.prefetch_related(None).values_list("pk", flat=True))
    page_cache.depends_on(page_cache.pages_tag(CampaignPage))
    page_cache.depends_on_all(page_cache.page_tag(pk) for pk in ids)
    language, host = reader_language(), request.get_host()
    items = [(("campaign-card", pk, language, host), (page_cache.page_tag(pk),)) for pk in ids]

    def make(missing: list[int]) -> list[Card]:
        wanted = [ids[index] for index in missing]
        found = {
            campaign.pk: campaign
            for campaign in in_language_all(listed_campaigns().filter(pk__in=wanted))
        }
        return [_card(request, found[pk]) if pk in found else None for pk in wanted]

    cards = site_wide.remember_each(items, make)
    hidden, come_back = hidden_topic_ids(request), request.get_full_path()
    return [card.for_reader(hidden, come_back) for card in cards if card is not None]


def _card(request, campaign: CampaignPage) -> Card:
    topics = frozenset(topic.pk for topic in campaign.content_warnings.all())

    def render(hidden):
        context = {
            "campaign": campaign,
            "request": request,
            HIDDEN_TOPICS_GIVEN: hidden,
            NEXT_GIVEN: COME_BACK,
        }
        return str(render_to_string(TEMPLATE, context))

    shown = render(frozenset())
    return Card(topics, render(None) if topics else shown, shown)
