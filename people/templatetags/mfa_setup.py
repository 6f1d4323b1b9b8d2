"""`{% mfa_setup_destination as url %}`: where the person was going before
two-step set-up (an on-site address), or None."""

from django import template

from people.mfa_setup import pending_destination

register = template.Library()


@register.simple_tag(takes_context=True)
def mfa_setup_destination(context):
    request = context.get("request")
    return pending_destination(request) if request is not None else None
