from django import template
from wagtail.models import Site

from content.caching import children_tag
from content.translations import in_language_all
from core import page_cache
from home.helplines import chosen_country, helplines_for
from home.models import SafetySettings

register = template.Library()


def _site_for(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live pages directly under the site's root that are marked "show in menus",
    titled in the reader's language."""
    site = _site_for(context)
    if site is None:
        return []
    # A page joining the menu changes every page kept for visitors.
    page_cache.depends_on(children_tag(site.root_page_id))
    return in_language_all(
        site.root_page.get_children().live().public().in_menu().specific().defer_streamfields()
    )


def _safety(context):
    request = context.get("request")
    if request is None:
        return None
    cached = getattr(request, "_safety_settings", None)
    if cached is None:
        cached = SafetySettings.for_request(request)
        request._safety_settings = cached
    return cached


@register.simple_tag(takes_context=True)
def quick_exit_url(context):
    """The neutral site the quick exit goes to (Safety setting)."""
    safety = _safety(context)
    return safety.quick_exit_url if safety else SafetySettings.quick_exit_url.field.default


@register.simple_tag(takes_context=True)
def helplines(context):
    """The helplines for the reader's chosen country, and those for anywhere."""
    safety = _safety(context)
    request = context.get("request")
    country = chosen_country(request) if request is not None else ""
    return helplines_for(safety.helplines if safety else [], country)
