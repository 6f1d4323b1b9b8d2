"""Language filters for templates: `{{ codes|language_names|join:", " }}` (codes
as names people read) and `{{ address|in_active_language }}` (a stored site
address in the reader's language)."""

from django import template

from people.languages import in_active_language, is_draft_translation
from people.languages import language_names as names_of

register = template.Library()


@register.filter
def language_names(codes) -> list[str]:
    return names_of(codes)


@register.filter(name="in_active_language")
def in_active_language_filter(address: str) -> str:
    """A stored site address in the reader's language (people.languages)."""
    return in_active_language(address or "")


@register.simple_tag
def draft_translation() -> bool:
    """Whether the page's language is a draft nobody fluent has checked yet."""
    return is_draft_translation()
