from django import template
from wagtail.models import Site

from home.models import SafetySettings

register = template.Library()


def _site_for(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


@register.simple_tag(takes_context=True)
def main_menu_pages(context):
    """Live pages directly under the site's root that are marked "show in menus"."""
    site = _site_for(context)
    if site is None:
        return []
    return (
        site.root_page.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth")
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
    safety = _safety(context)
    return [block.value for block in safety.helplines] if safety else []
