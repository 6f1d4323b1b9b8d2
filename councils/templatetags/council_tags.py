"""Rendering of council text. Messages are plain text, escaped; messages from
before plain text (body_format html) and minutes go through the one sanitiser
again at render time, so nothing stored can turn active."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from safety.sanitize import sanitize_html

from ..models import BodyFormat

register = template.Library()


@register.filter
def council_html(value: str, profile: str = "inline") -> str:
    """Stored HTML (inline profile) or minutes ("default"), sanitised."""
    return mark_safe(sanitize_html(value or "", profile=profile))  # noqa: S308


@register.filter
def message_body(message) -> str:
    """A message's (or an earlier version's) body as its readers see it:
    plain text exactly as typed, escaped, its line breaks and spaces kept by
    the `council-text` style; a body from before plain text as it always
    rendered."""
    if message.body_format == BodyFormat.HTML:
        return council_html(message.body)
    return format_html('<span class="council-text">{}</span>', message.body)
