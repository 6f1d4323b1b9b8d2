from django import template

from people.languages import in_active_language

register = template.Library()


@register.filter(name="in_active_language")
def in_active_language_filter(address: str) -> str:
    """A stored site address in the reader's language (people.languages)."""
    return in_active_language(address or "")
