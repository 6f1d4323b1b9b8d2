"""Dates and times in templates, the reader's way (core.locales), available
in every template (TEMPLATES' builtins):

    {{ page.date|day }}                         4 Dec 2026
    {{ notice.created_at|moment }}              4 Dec 2026, 14:00 (the current time zone)
    {{ opportunity.starts_at|moment:zone }}     4 Dec 2026, 14:00 (the time in `zone`)
    {{ zone|zone_name }}                        Thailand Time
    {{ meeting.starts_at|clock }}               14:00

Machine formats (`|date:"c"` in a `datetime` attribute) stay Django's.
"""

from django import template

from core import locales

register = template.Library()


@register.filter
def day(value):
    return locales.day(value)


@register.filter
def moment(value, zone=None):
    """With a zone (an IANA name such as "Asia/Bangkok"), the time there."""
    return locales.moment(value, zone or None)


@register.filter
def clock(value, zone=None):
    return locales.clock(value, zone)


@register.filter
def zone_name(value):
    return locales.zone_name(value) if value else ""
