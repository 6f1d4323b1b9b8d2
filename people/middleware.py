from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .mfa import mfa_requirement_met
from .mfa_setup import is_safe_destination, remember_destination

# Views someone without their required second factor may still use: signing
# in and out, setting up MFA, managing their account, and changing language.
ALLOWED_URL_NAME_PREFIXES = ("account_", "mfa_")
ALLOWED_URL_NAMES = {"set_language"}


def is_page_navigation(request) -> bool:
    """A person going to a page, not the browser fetching an icon or a script
    asking for data: only such a request is worth coming back to."""
    if request.method not in ("GET", "HEAD"):
        return False
    destination = request.headers.get("Sec-Fetch-Dest")
    if destination is not None:
        return destination == "document"
    accept = request.headers.get("Accept", "")
    return not accept or "text/html" in accept or "*/*" in accept


class RequireMFAMiddleware:
    """Sends staff, site admins, facilitators and organisation admins who have no
    second factor to the MFA set-up page, for every view but their account's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        name = (match.url_name or "") if match else ""
        if name.startswith("mfa_") and "next" in request.GET:
            # Set-up was opened with where to go afterwards (only on-site).
            remember_destination(request, request.GET["next"])
        if mfa_requirement_met(user):
            return None
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
        url = reverse("mfa_index")
        # Remember where they were going, so set-up can take them there after.
        destination = request.get_full_path()
        if is_page_navigation(request) and is_safe_destination(request, destination):
            remember_destination(request, destination)
            url = f"{url}?{urlencode({'next': destination})}"
        return redirect(url)
