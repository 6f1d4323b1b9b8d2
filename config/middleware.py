"""Site-wide response headers: the content security policy and the safety
headers Django does not set by itself."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from advocacy.organisations import organisations_of
from people.languages import in_language_of
from people.roles import can_use_admin


def is_admin_path(path: str) -> bool:
    """True for the Wagtail admin's own paths, which get the admin policy."""
    return path.startswith(settings.ADMIN_PATH_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin's paths get the narrower
    admin policy that allows the admin's inline code. Every other path gets the
    strict site policy (no 'unsafe-inline')."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            # A nonce would make browsers ignore 'unsafe-inline', which the admin needs.
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
            parts.nonce = None
        return parts


class SafetyHeadersMiddleware(MiddlewareMixin):
    """Permissions-Policy on every response; the admin may frame itself (its
    page preview is an iframe), nothing else may be framed at all."""

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if is_admin_path(request.path_info):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


class AdminAccessMiddleware:
    """A signed-in person without admin access who opens the admin is told so,
    with the places that are theirs, instead of being sent to sign in again.

    Wagtail sends everyone it refuses to its sign-in page; for someone already
    signed in, sign-in sends them back, and the two loop until the browser gives
    up. Visitors (not signed in) still go to sign in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not is_admin_path(request.path_info):
            return None
        if can_use_admin(user):
            return None
        # The admin's addresses carry no language prefix: speak the person's own.
        with in_language_of(user):
            return render(
                request,
                "admin_not_available.html",
                {"organisations": organisations_of(user).order_by("name")},
                status=403,
            )
