"""Campaign pieces other pages show: the featured campaigns on the home page."""

from django import template

from content.translations import in_language_all, in_source_language

from ..models import CampaignPage
from ..views import listed_campaigns

register = template.Library()

FEATURED_COUNT = 3


@register.simple_tag
def featured_campaigns():
    """Up to three live campaigns marked "featured", at a fixed query cost, in
    the reader's language."""
    featured = listed_campaigns(in_source_language(CampaignPage.objects.all()))
    return in_language_all(featured.filter(featured=True)[:FEATURED_COUNT])
