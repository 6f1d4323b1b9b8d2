from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, resolve_url

from people.mfa_setup import take_destination


@login_required
def continue_after_setup(request):
    """After two-step set-up (and the recovery codes), go where the person was
    going: an on-site address kept in their session, else the home page."""
    return redirect(take_destination(request) or resolve_url(settings.LOGIN_REDIRECT_URL))
