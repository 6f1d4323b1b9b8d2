from django import template

from people.admin.links import may_open_usage

register = template.Library()


@register.simple_tag
def usage_link_allowed(obj, user) -> bool:
    """True when `user` may open the usage view of `obj` (people.admin.links)."""
    return may_open_usage(user, obj)
