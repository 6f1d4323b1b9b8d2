from dataclasses import dataclass

from django import template

from content import routing
from content.caching import children_tag
from content.template_translations import content_lang
from content.translations import in_language_all, reader_language
from content.visibility import public
from core import page_cache, site_wide
from home.helplines import chosen_country, helplines_for
from home.models import SafetySettings

register = template.Library()


def _site_for(context):
    request = context.get("request")
    return routing.find_site(request) if request else None


@dataclass(frozen=True)
class MenuItem:
    pk: int
    title: str
    url: str
    # ` lang="en"` when the title is not in the reader's language.
    lang_attribute: str


def _menu(site, request) -> tuple[MenuItem, ...]:
    pages = in_language_all(
        public(site.root_page.get_children().live().in_menu()).specific().defer_streamfields()
    )
    return tuple(
        MenuItem(page.pk, page.title, page.get_url(request) or "", content_lang(page))
        for page in pages
    )


@dataclass(frozen=True)
class Menu:
    items: tuple[MenuItem, ...] = ()
    # The item of the page being read, if it is in the menu.
    current: int | None = None
    # The page cache's tag of the menu (the site root's children).
    tag: str = ""


@register.simple_tag(takes_context=True)
def main_menu(context) -> Menu:
    """Live pages directly under the site's root that are marked "show in menus",
    titled in the reader's language: made once per process, site and language
    while the site's root keeps its children (core.site_wide)."""
    site = _site_for(context)
    if site is None:
        return Menu()
    tag = children_tag(site.root_page_id)
    # A page joining the menu changes every page kept for visitors.
    page_cache.depends_on(tag)
    page_cache.read_with_the_first(tag)
    request = context.get("request")
    items = site_wide.remember(
        ("menu", site.pk, reader_language()), lambda: _menu(site, request), tags=(tag,)
    )
    page_pk = getattr(context.get("page"), "pk", None)
    current = page_pk if any(item.pk == page_pk for item in items) else None
    return Menu(items, current, tag)


def _safety(context):
    request = context.get("request")
    if request is None:
        return None
    cached = getattr(request, "_safety_settings", None)
    if cached is None:
        site = routing.find_site(request)
        if site is None:
            return None
        cached = site_wide.remember(
            ("safety-settings", site.pk), lambda: SafetySettings.for_site(site)
        )
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


@register.simple_tag(takes_context=True)
def helpline_country(context) -> str:
    """The reader's chosen country for helplines ("" when none is chosen)."""
    request = context.get("request")
    return chosen_country(request) if request is not None else ""
