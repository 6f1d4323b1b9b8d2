"""Campaign cards (the home page's featured campaigns, the campaign list), each
made once per process, language and address while its campaign is unchanged
(docs/caching.md, "Pieces kept per process").

A list reads only the ids of the campaigns it shows (kept too, per filter,
until any campaign changes: `listed_ids`); a card not held is made from the
campaigns read in one query with everything a card shows. A card
is held in two forms, its content-warning part collapsed and shown, and each
reader gets the one their choices call for (as `{% content_warning %}` would
have chosen). Each card is held under its campaign's page tag (publishing,
a confirmed pledge) and the site tag (topics, images, settings), so any
change on any worker is seen at the next request; the page being made
depends on the same tags.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from content.translations import in_language_all, reader_language
from core import page_cache, site_wide
from people.warned_pieces import WarnedPiece, warned_piece

from .models import CampaignPage

TEMPLATE = "campaigns/includes/campaign_card.html"


def listed_ids(key: tuple, campaigns) -> tuple[int, ...]:
    """The ids of `campaigns` (a `listed_campaigns()` queryset, possibly
    sliced), in its order: kept per process under `key` until any campaign is
    published, changed or unpublished, or changes status (the campaigns'
    pages tag). `key` must stay bounded: filters chosen among their choices."""

    def read() -> tuple[int, ...]:
        return tuple(campaigns.prefetch_related(None).values_list("pk", flat=True))

    return site_wide.remember(
        ("campaign-ids", *key), read, tags=(page_cache.pages_tag(CampaignPage),)
    )


def campaign_cards(request, ids: Sequence[int]) -> list[SafeString]:
    """The cards of the listed campaigns `ids`, in order, for this reader."""
    from .views import listed_campaigns

    ids = list(ids)
    page_cache.depends_on(page_cache.pages_tag(CampaignPage))
    page_cache.depends_on_all(page_cache.page_tag(pk) for pk in ids)
    language, host = reader_language(), request.get_host()
    items = [(("campaign-card", pk, language, host), (page_cache.page_tag(pk),)) for pk in ids]

    def make(missing: list[int]) -> list[WarnedPiece]:
        wanted = [ids[index] for index in missing]
        found = {
            campaign.pk: campaign
            for campaign in in_language_all(listed_campaigns().filter(pk__in=wanted))
        }
        return [_card(request, found[pk]) if pk in found else None for pk in wanted]

    cards = site_wide.remember_each(items, make)
    return [card.for_reader(request) for card in cards if card is not None]


def _card(request, campaign: CampaignPage) -> WarnedPiece:
    topics = [topic.pk for topic in campaign.content_warnings.all()]
    return warned_piece(TEMPLATE, {"campaign": campaign, "request": request}, topics)
