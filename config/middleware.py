"""Site-wide response headers: the content security policy and the safety
headers Django does not set by itself."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


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
