"""Admin links follow the rule of the view they lead to (people/admin/links.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from advocacy.proposals.models import ProposalIndexPage, ReformProposalPage
from content.translations import in_source_language
from people.factories import enable_mfa

pytestmark = pytest.mark.django_db


def client_for(email):
    user = get_user_model().objects.get(email=email)
    if email != "leader@example.org":
        enable_mfa(user)
    client = Client()
    client.force_login(user)
    return client


def test_admin_links_are_shown_only_to_those_they_open_for(demo_site):
    index = in_source_language(ProposalIndexPage.objects).get()
    draft = in_source_language(ReformProposalPage.objects).get(status="draft")
    leader, facilitator, admin = (
        client_for(email)
        for email in ("leader@example.org", "facilitator@example.org", "admin@example.org")
    )

    # History and usage of pages a leader cannot edit: not offered, and shut indeed.
    html = leader.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/pages/{index.pk}/history/" not in html
    assert f"/admin/pages/{index.pk}/usage/" not in html
    assert f"/admin/pages/{draft.pk}/history/" in html  # their own proposal
    assert leader.get(f"/admin/pages/{index.pk}/history/").status_code == 302

    # The draft of someone else's proposal: no "View draft" for a facilitator.
    html = facilitator.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/pages/{draft.pk}/view_draft/" not in html
    assert leader.get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200

    # Policy areas are edited by site admins: only they get the chooser's Edit link.
    snippet_edit = f"/admin/snippets/proposals/policyarea/edit/{draft.policy_area_id}/"
    assert snippet_edit not in leader.get(f"/admin/pages/{draft.pk}/edit/").content.decode()
    assert snippet_edit in admin.get(f"/admin/pages/{draft.pk}/edit/").content.decode()

    # Leaders neither copy nor move proposals; nobody moves a site's home page.
    html = leader.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/pages/{draft.pk}/move/" not in html
    assert f"/admin/pages/{draft.pk}/copy/" not in html
    assert f"/admin/pages/{demo_site.pk}/move/" not in admin.get("/admin/pages/").content.decode()

    # Only one home page per site: the page-type report offers no "Add".
    html = admin.get("/admin/pages/usage/home/homepage/").content.decode()
    assert "/admin/pages/create/home/homepage" not in html
    html = admin.get("/admin/pages/usage/campaigns/campaignpage/").content.decode()
    assert "/admin/pages/create/campaigns/campaignpage" in html
