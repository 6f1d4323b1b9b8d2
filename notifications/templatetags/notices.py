"""The unread count in the site header: one indexed query per page, for
signed-in members only."""

from django import template

from ..models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.unread().filter(user=user).count()
