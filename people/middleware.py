from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .mfa import mfa_requirement_met

# Views someone without their required second factor may still use: signing
# in and out, setting up MFA, managing their account, and changing language.
ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_")
ALLOWED_URL_NAMES = {"set_language"}


class RequireMFAMiddleware:
    """Sends staff, site admins, facilitators and organisation admins who have no
    second factor to the MFA set-up page, for every view but their account's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or mfa_requirement_met(user):
            return None
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if name in ALLOWED_URL_NAMES or name.startswith(ALLOWED_URL_NAME_PREFIXES):
            return None
        messages.warning(
            request,
            _(
                "Your role lets you see other people's information, so it needs "
                "two-step verification. Please set up an authenticator app or a "
                "security key to continue."
            ),
        )
        return redirect("mfa_index")
