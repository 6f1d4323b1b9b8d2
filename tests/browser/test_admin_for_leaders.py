"""Closing the admin's side doors leaves the front door open: a survivor
leader writes in the Wagtail admin, in a real browser, and nothing the
editor's pages load or call is refused (people.admin.side_doors lists the
views authors need by name; a missing one would show up here as a 403)."""

import pytest

from .conftest import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_leader_writes_in_the_admin_and_no_request_is_refused(context, live_site, browser_log):
    from campaigns.models import CampaignIndexPage, CampaignPage

    index = CampaignIndexPage.objects.first()
    own = CampaignPage.objects.filter(owner__email="leader@example.org").first()
    assert index is not None and own is not None

    refused = []

    def note_refusals(response):
        if "/admin/" in response.url and response.status in (403, 404, 500):
            refused.append(f"{response.status} {response.request.method} {response.url}")

    context.on("response", note_refusals)
    page = context.new_page()
    sign_in(page, "leader@example.org")
    for address in (
        "/admin/",
        f"/admin/pages/{index.pk}/",
        "/admin/pages/search/?q=campaign",
        f"/admin/pages/add/campaigns/campaignpage/{index.pk}/",
        f"/admin/pages/{own.pk}/edit/",
        f"/admin/pages/{own.pk}/history/",
        "/admin/images/",
        "/admin/images/add/",
    ):
        page.goto(address)
        page.wait_for_load_state("networkidle")
        assert page.url.endswith(address.split("?")[0]) or "?" in address, page.url
    # The sidebar's page explorer calls the admin API.
    page.goto(f"/admin/pages/{own.pk}/edit/")
    page.wait_for_load_state("networkidle")
    api = page.request.get(f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1")
    assert api.status == 200
    assert own.title in api.text()
    assert refused == [], refused
    assert browser_log.errors == []
