"""Campaign pieces other pages show: the featured campaigns on the home page."""

from django import template

from ..views import listed_campaigns

register = template.Library()

FEATURED_COUNT = 3


@register.simple_tag
def featured_campaigns():
    """Up to three live campaigns marked "featured", at a fixed query cost."""
    return list(listed_campaigns().filter(featured=True)[:FEATURED_COUNT])
