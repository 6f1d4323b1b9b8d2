"""Wagtail's redirects, asked only for addresses that have one.

Wagtail's `RedirectMiddleware` looks every "not found" up in the database
(up to four queries: the address as sent and decoded, with and without its
query string). Here the redirects' old addresses are read once per process
(`core.site_wide`; saving or deleting a redirect bumps the site tag,
content/caching.py), and only an address among them goes on to Wagtail's
middleware, which finds the redirect and answers as before.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects.middleware import RedirectMiddleware
from wagtail.contrib.redirects.models import Redirect

from core import site_wide


def old_paths() -> frozenset[str]:
    return site_wide.remember(
        ("redirect-paths",),
        lambda: frozenset(Redirect.objects.values_list("old_path", flat=True)),
    )


def _candidates(request) -> set[str]:
    """Every form of the address Wagtail's middleware may look up."""
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    without_query = urlparse(path).path
    return {form for each in (path, without_query) for form in (each, uri_to_iri(each))}


class KnownRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        known = old_paths()
        if not known or known.isdisjoint(_candidates(request)):
            return response
        return super().process_response(request, response)
