"""Wagtail's private names, in one place. Checked against Wagtail 8.0.1.

The site finds a request's site and page with its own cheaper lookups
(content/routing.py) and hands the results to Wagtail where Wagtail keeps
them for the rest of the request, so that Wagtail's own code (the serve view,
`Site.find_for_request`, `Page.route_for_request`, settings, `pageurl`) uses
them instead of asking the database again:

- `request._wagtail_site`: where `Site.find_for_request` keeps its answer;
- `request._wagtail_route_for_request`: where `Page.route_for_request` keeps
  its answer (a `RouteResult`, or None for "no page here").

core/tests/test_upstream_wagtail.py fails when any of these stops working.
"""

from __future__ import annotations

CHECKED_AGAINST = "8.0.1"


def remember_site(request, site) -> None:
    """`Site.find_for_request(request)` answers `site` from now on."""
    request._wagtail_site = site


def knows_site(request) -> bool:
    return hasattr(request, "_wagtail_site")


def remember_route(request, route_result) -> None:
    """`Page.route_for_request(request, ...)` answers `route_result` from now on."""
    request._wagtail_route_for_request = route_result
