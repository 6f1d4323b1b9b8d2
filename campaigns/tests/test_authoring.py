"""Authoring in the Wagtail admin: survivor leaders add campaigns, edit only
those they lead, never see others' drafts, and publish only through the
survivor review. Tested through the real admin views."""

import pytest
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from campaigns.factories import CampaignPageFactory
from campaigns.models import CampaignLead, CampaignPage
from people import roles

pytestmark = pytest.mark.django_db


def _draft(index, owner, title="Draft campaign"):
    page = CampaignPageFactory(parent=index, owner=owner, title=title, live=False)
    page.save_revision(user=owner)
    return page


def _campaign_form(title="Know the signs", **extra):
    data = {
        "title": title,
        "slug": "",
        "summary": "Warning signs of debt bondage, in plain words.",
        "hero_alt_text": "",
        "body": streamfield([]),
        "region": "Gulf",
        "languages": ["en"],
        "pledge_target": "50",
        "deadline": "",
        "status": "active",
        "co_leads": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def test_a_leader_adds_a_campaign_and_submits_it_for_survivor_review(
    client, index, leader_a, leader_b
):
    client.force_login(leader_a)
    add_url = f"/admin/pages/add/campaigns/campaignpage/{index.pk}/"
    assert client.get(add_url).status_code == 200
    data = _campaign_form(slug="know-the-signs")
    data["action-submit"] = "Submit for review"
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    page = CampaignPage.objects.get(title="Know the signs")
    assert page.owner == leader_a and not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.audience.group.user_set.filter(pk=leader_a.pk).exists()

    # The lead cannot approve their own campaign.
    task_state = state.current_task_state
    approve = f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/"
    client.post(approve, {})
    page.refresh_from_db()
    assert not page.live

    # Another survivor leader approves it: now it is published.
    client.force_login(leader_b)
    response = client.post(approve, {})
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    page.refresh_from_db()
    assert page.live


def test_a_leader_cannot_publish_without_review(client, index, leader_a):
    page = _draft(index, leader_a)
    client.force_login(leader_a)
    data = _campaign_form(title=page.title, slug=page.slug)
    data["action-publish"] = "Publish"
    client.post(f"/admin/pages/{page.pk}/edit/", data)
    page.refresh_from_db()
    assert not page.live


@pytest.mark.parametrize(
    "view",
    ["edit/", "view_draft/", "edit/preview/", "unpublish/", "delete/", "revisions/", "history/"],
)
def test_leader_a_cannot_reach_leader_b_campaign(client, index, leader_a, leader_b, view):
    page = _draft(index, leader_b, title="B's private draft")
    live = CampaignPageFactory(parent=index, owner=leader_b, title="B's live campaign")
    client.force_login(leader_a)
    for target in (page, live):
        response = client.get(f"/admin/pages/{target.pk}/{view}", follow=True)
        if response.redirect_chain:
            assert response.redirect_chain[-1][0] == "/admin/", (view, response.redirect_chain)
        else:
            assert response.status_code in (403, 404), (view, response.status_code)
        assert b"B&#x27;s private draft" not in response.content
        assert b"B's private draft" not in response.content


def test_leader_a_cannot_unpublish_or_edit_by_post(client, index, leader_a, leader_b):
    live = CampaignPageFactory(parent=index, owner=leader_b, title="B's live campaign")
    live.save_revision(user=leader_b).publish()
    client.force_login(leader_a)
    client.post(f"/admin/pages/{live.pk}/unpublish/", {})
    client.post(f"/admin/pages/{live.pk}/edit/", _campaign_form(title="Hijacked", slug=live.slug))
    live.refresh_from_db()
    assert live.live and live.title == "B's live campaign"
    assert live.get_latest_revision().content["title"] == "B's live campaign"


def test_leaders_edit_their_own_and_co_led_campaigns(client, index, leader_a, leader_b):
    page = _draft(index, leader_a)
    client.force_login(leader_a)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    client.force_login(leader_b)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200
    CampaignLead.objects.create(page=page, user=leader_b)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/view_draft/").status_code == 200


def test_leaders_add_updates_only_under_campaigns_they_lead(client, index, leader_a, leader_b):
    mine = CampaignPageFactory(parent=index, owner=leader_a)
    theirs = CampaignPageFactory(parent=index, owner=leader_b)
    client.force_login(leader_a)
    assert (
        client.get(f"/admin/pages/add/campaigns/campaignupdatepage/{mine.pk}/").status_code == 200
    )
    response = client.get(f"/admin/pages/add/campaigns/campaignupdatepage/{theirs.pk}/")
    assert response.status_code != 200


def test_the_explorer_hides_other_leaders_drafts(client, index, leader_a, leader_b):
    _draft(index, leader_b, title="B's private draft")
    _draft(index, leader_a, title="A's own draft")
    client.force_login(leader_a)
    response = client.get(f"/admin/pages/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "A&#x27;s own draft" in html or "A's own draft" in html
    assert "private draft" not in html


def test_visitors_and_other_roles_stay_out_of_the_admin(client, index, user_factory):
    assert client.get("/admin/").status_code == 302
    member = user_factory(roles=[roles.ORGANISATION_MEMBERS])
    client.force_login(member)
    assert client.get(f"/admin/pages/add/campaigns/campaignpage/{index.pk}/").status_code in (
        302,
        403,
    )


def test_reviewers_read_the_submission_but_cannot_edit_it(client, index, leader_a, leader_b):
    from campaigns.authoring import campaign_review_workflow

    page = _draft(index, leader_a, title="Ready for review")
    workflow = campaign_review_workflow()
    workflow.start(page, leader_a)
    task = workflow.tasks.get()
    preview = f"/admin/pages/workflow/preview/{page.pk}/{task.pk}/"

    client.force_login(leader_b)
    response = client.get(preview)
    assert response.status_code == 200
    assert "Ready for review" in response.content.decode()
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 302 and edit["Location"] == "/admin/"

    # The lead edits on, but has no approve action on their own work.
    client.force_login(leader_a)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert task.specific.get_actions(page, leader_a) == []


def test_a_new_campaign_index_lets_leaders_add_and_goes_through_review(index):
    from wagtail.models import GroupPagePermission

    from campaigns.authoring import WORKFLOW_NAME

    grant = GroupPagePermission.objects.get(page=index)
    assert grant.group.name == roles.SURVIVOR_LEADERS
    assert grant.permission.codename == "add_page"
    assert index.get_workflow().name == WORKFLOW_NAME
