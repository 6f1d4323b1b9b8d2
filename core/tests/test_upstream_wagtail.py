"""Wagtail's private names that core/upstream/wagtail.py relies on: each test
fails loudly when an upgrade stops reading one. Re-check the fence against
the new version, then update CHECKED_AGAINST."""

import importlib.metadata

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from core.upstream import wagtail as fence


def test_the_fence_names_the_installed_version_or_says_what_to_check():
    installed = importlib.metadata.version("wagtail")
    assert installed == fence.CHECKED_AGAINST, (
        f"Wagtail {installed} is installed; core/upstream/wagtail.py was checked "
        f"against {fence.CHECKED_AGAINST}. Read Site.find_for_request, "
        "Page.route_for_request and Page.route, and update the fence."
    )


@pytest.mark.django_db
def test_find_for_request_answers_the_site_remembered():
    request = RequestFactory().get("/")
    other = Site(id=987, hostname="elsewhere.example.org", port=80, root_page_id=1)
    assert not fence.knows_site(request)
    fence.remember_site(request, other)
    assert fence.knows_site(request)
    assert Site.find_for_request(request) is other


@pytest.mark.django_db
def test_route_for_request_answers_the_route_remembered():
    request = RequestFactory().get("/")
    root = Page.get_first_root_node()
    remembered = RouteResult(root, args=("a view",))
    fence.remember_route(request, remembered)
    assert Page.route_for_request(request, "/anything/") is remembered
    fence.remember_route(request, None)
    assert Page.route_for_request(request, "/anything/") is None
