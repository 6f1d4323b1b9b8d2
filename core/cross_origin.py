"""Cross-site request forgery protection for forms that carry no token.

Pages kept for visitors (core.page_cache) are the same for everyone, so their
forms (language, helpline country, a campaign's pledge) cannot carry a
per-person CSRF token. Browsers say where a request comes from in headers no
page can set: `Sec-Fetch-Site` (every current browser) and `Origin` (on every
POST for years before that). A POST without a token is accepted when one of
them proves it was sent by a page of this site, the way Go's
`http.CrossOriginProtection` does:

- `Sec-Fetch-Site: same-origin` is accepted; any other value (cross-site,
  same-site: a sibling subdomain, none) is refused;
- without it, an `Origin` equal to this site's own (or a trusted origin) is
  accepted, and any other is refused;
- with neither (a very old browser, or a client that is not a browser),
  Django's token check applies as before, and fails with the site's
  explanation (home.views.csrf_failure).

A POST that carries a token always gets Django's full check. Admin paths
always need the token.
"""

from __future__ import annotations

from django.conf import settings

from .upstream.django import mark_csrf_checked

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def sent_by_this_site(request) -> bool | None:
    """True when the browser says this site's own page sent the request,
    False when it says another did, None when it says nothing."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return None
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def carries_token(request) -> bool:
    return bool(
        request.META.get(settings.CSRF_HEADER_NAME) or request.POST.get("csrfmiddlewaretoken")
    )


class SameOriginPostMiddleware:
    """Placed just before Django's CsrfViewMiddleware: marks a token-less
    POST that the browser says this site sent as checked, so Django's
    middleware lets it through; everything else gets Django's full check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, callback, callback_args, callback_kwargs):
        # Cheap checks first; the body is read (for a token) last, and never
        # for a view that does its own checking (csrf_exempt: it may answer
        # an oversized body itself, as Django's middleware lets it).
        if (
            request.method not in SAFE_METHODS
            and not getattr(callback, "csrf_exempt", False)
            and not request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
            and sent_by_this_site(request) is True
            and not carries_token(request)
        ):
            mark_csrf_checked(request)
