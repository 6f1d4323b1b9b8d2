"""Campaign pieces other pages show: the featured campaigns on the home page."""

from django import template

from content.translations import in_source_language

from ..cards import campaign_cards, listed_ids
from ..models import CampaignPage
from ..views import listed_campaigns

register = template.Library()

FEATURED_COUNT = 3


@register.simple_tag(takes_context=True)
def featured_campaigns(context):
    """The cards of up to three live campaigns marked "featured", in the
    reader's language: no query when their ids and cards are held."""
    featured = listed_campaigns(in_source_language(CampaignPage.objects.all()))
    ids = listed_ids(("featured",), featured.filter(featured=True)[:FEATURED_COUNT])
    return campaign_cards(context["request"], ids)
