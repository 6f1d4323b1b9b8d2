"""Site-wide response headers (the content security policy and the safety
headers Django does not set by itself), and the admin's answer to a form that
arrived incomplete."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from advocacy.organisations.membership import organisations_of
from people.admin.side_doors import is_admin_path
from people.languages import in_language_of
from people.roles import can_use_admin

from .admin_scripts import add_nonce_to_wagtail_scripts

logger = logging.getLogger(__name__)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp with one exception: the Wagtail admin's paths get the narrower
    admin policy that allows the admin's inline code. Every other path gets the
    strict site policy (no 'unsafe-inline')."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin_path(request.path_info):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts


class AdminScriptNonceMiddleware:
    """Gives the request's CSP nonce to the inline scripts Wagtail's admin
    writes, and only to those (config/admin_scripts.py explains how they are
    recognised), so that the admin's policy needs no 'unsafe-inline' for
    scripts. Sits below SiteCSPMiddleware, which then puts the nonce in the
    header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not is_admin_path(request.path_info)
            or getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or b"<script" not in response.content
        ):
            return response
        charset = response.charset or "utf-8"
        html, count = add_nonce_to_wagtail_scripts(
            response.content.decode(charset), str(request.csp_nonce)
        )
        if count:
            response.content = html.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response


class SafetyHeadersMiddleware(MiddlewareMixin):
    """Permissions-Policy on every response; the admin may frame itself (its
    page preview is an iframe), nothing else may be framed at all."""

    def process_response(self, request, response):
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if is_admin_path(request.path_info):
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


# Raised while a form reads its fields from the request, these mean the POST
# itself was malformed (a field or a StreamField/inline count missing, a count
# or order that is not a number), not that the code is wrong.
DATA_READING_ERRORS = (KeyError, ValueError, TypeError, IndexError)
DATA_READING_FUNCTIONS = frozenset({"value_from_datadict", "_widget_data_value"})


def is_malformed_form_data(exception: BaseException) -> bool:
    """True when `exception` comes from data missing from or mangled in the request."""
    if isinstance(exception, MultiValueDictKeyError | ValidationError):
        return True
    if not isinstance(exception, DATA_READING_ERRORS):
        return False
    frame = exception.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_name in DATA_READING_FUNCTIONS:
            return True
        frame = frame.tb_next
    return False


class IncompleteAdminFormMiddleware:
    """An admin POST is all or nothing, and malformed form data is a 400.

    Wagtail's forms read StreamField and inline counts straight from the POST,
    so a form that arrived without one raised MultiValueDictKeyError: a 500.
    Each admin POST runs in one transaction; when its form data was malformed
    (see `is_malformed_form_data`) the person gets a 400 page in the admin's
    look saying nothing was saved, and the transaction is rolled back, as it
    is for any 500, so nothing is ever saved halfway."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def applies_to(request) -> bool:
        return request.method == "POST" and is_admin_path(request.path_info)

    def __call__(self, request):
        if not self.applies_to(request):
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500 or getattr(request, "_malformed_admin_form", False):
                transaction.set_rollback(True)
        return response

    def process_exception(self, request, exception):
        if not self.applies_to(request) or not is_malformed_form_data(exception):
            return None
        request._malformed_admin_form = True
        # The view and the kind of error, never the data: it may be personal.
        logger.warning(
            "Incomplete admin form at %s: %s", request.path_info, type(exception).__name__
        )
        return render(
            request,
            "admin_errors/incomplete_form.html",
            {"page_title": _("The form was incomplete"), "form_url": request.get_full_path()},
            status=400,
        )


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
