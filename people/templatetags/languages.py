"""`{{ codes|language_names|join:", " }}`: language codes as names people read."""

from django import template

from people.languages import language_names as names_of

register = template.Library()


@register.filter
def language_names(codes) -> list[str]:
    return names_of(codes)
