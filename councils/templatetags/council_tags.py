"""Rendering of council text: every message goes through the one sanitiser
again at render time, so nothing stored can turn active."""

from django import template
from django.utils.safestring import mark_safe

from people.sanitize import sanitize_html

register = template.Library()


@register.filter
def council_html(value: str, profile: str = "inline") -> str:
    """Message HTML (inline profile) or minutes ("default"), sanitised."""
    return mark_safe(sanitize_html(value or "", profile=profile))  # noqa: S308
