# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""Who may edit a proposal: its authors only, in the Wagtail admin and here;
co-author grants and revocations count at once; council review is a workflow
step approved by the council's facilitators."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState

from advocacy.proposals.lifecycle import transition
from advocacy.proposals.models import ProposalStatus, ProposalTransition, ReformProposalPage
from advocacy.proposals.policy import grant_coauthor, is_author, revoke_coauthor
from people import roles
from people.factories import UserFactory

from .fixtures import (  # noqa: F401
    council,
    draft,
    facilitator,
    index,
    leader,
    member,
    open_proposal,
    other_leader,
    site_admin,
)

pytestmark = pytest.mark.django_db


def _edit_url(proposal):
    return reverse("wagtailadmin_pages:edit", args=[proposal.pk])


def _can_open_editor(client, user, proposal) -> bool:
    client.force_login(user)
    response = client.get(_edit_url(proposal))
    return response.status_code == 200


def test_the_owner_edits_in_the_admin_and_other_leaders_cannot(client, draft, leader, other_leader):
    assert _can_open_editor(client, leader, draft)
    assert not _can_open_editor(client, other_leader, draft)


def test_a_non_author_cannot_save_changes_through_the_admin(client, open_proposal, other_leader):
    client.force_login(other_leader)
    response = client.post(
        _edit_url(open_proposal), {"title": "Taken over", "slug": open_proposal.slug}
    )
    assert response.status_code in (302, 403)
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).title != "Taken over"
    assert open_proposal.revisions.filter(content__title="Taken over").count() == 0


def test_co_author_grants_and_revocations_take_effect_at_once(client, draft, other_leader):
    assert not _can_open_editor(client, other_leader, draft)
    grant_coauthor(draft, other_leader)
    assert _can_open_editor(client, other_leader, draft)
    assert is_author(other_leader, draft)
    revoke_coauthor(draft, other_leader)
    assert not _can_open_editor(client, other_leader, draft)
    assert not is_author(other_leader, draft)


def test_co_authors_move_the_proposal_and_lose_that_when_revoked(open_proposal, other_leader):
    from advocacy.proposals.lifecycle import TransitionRefused

    grant_coauthor(open_proposal, other_leader)
    transition(open_proposal, ProposalStatus.SUBMITTED, by=other_leader)
    revoke_coauthor(open_proposal, other_leader)
    with pytest.raises(TransitionRefused):
        transition(open_proposal, ProposalStatus.ADOPTED, by=other_leader)


def test_the_co_author_page_is_for_the_owner_only(client, open_proposal, leader, other_leader):
    url = reverse("proposals:coauthors", args=[open_proposal.pk])
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(other_leader)
    assert client.get(url).status_code == 403
    grant_coauthor(open_proposal, other_leader)
    assert client.get(url).status_code == 403  # co-authors do not add co-authors

    client.force_login(leader)
    third = UserFactory(roles=[roles.SURVIVOR_LEADERS])
    response = client.post(url, {"email": "nobody@example.org"})
    assert "Nobody with that email address" in response.content.decode()
    assert "nobody@example.org" in response.content.decode()  # what they typed stays
    client.post(url, {"email": third.email})
    assert _can_open_editor(client, third, open_proposal)
    client.force_login(leader)
    client.post(url, {"remove": third.pk})
    assert not _can_open_editor(client, third, open_proposal)


def test_survivor_leaders_may_add_proposals_under_the_index(client, index, leader, member):
    add_url = reverse("wagtailadmin_pages:add", args=["proposals", "reformproposalpage", index.pk])
    client.force_login(leader)
    assert client.get(add_url).status_code == 200
    client.force_login(member)
    assert client.get(add_url).status_code != 200


def _approve_url(page, action="approve"):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def test_the_councils_facilitator_approves_and_the_proposal_opens(
    client, draft, leader, facilitator
):
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    client.force_login(facilitator)
    assert client.get(_edit_url(draft)).status_code == 200  # reviewers open the editor
    response = client.post(_approve_url(draft), {"comment": "Ready for support."})
    assert response.status_code in (200, 302)
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert page.status == ProposalStatus.OPEN
    assert page.live
    logged = ProposalTransition.objects.filter(proposal=draft).order_by("pk").last()
    assert (logged.to_status, logged.by) == (ProposalStatus.OPEN, facilitator)


def test_facilitators_of_another_council_cannot_approve(client, draft, leader):
    from advocacy.proposals.factories import make_council

    stranger = UserFactory(roles=[roles.COUNCIL_FACILITATORS], mfa=True)
    make_council(name="Another council", facilitators=[stranger])
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    client.force_login(stranger)
    response = client.post(_approve_url(draft), {"comment": ""})
    assert response.status_code == 404  # they may not even know it exists
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert page.status == ProposalStatus.COUNCIL_REVIEW and not page.live


def test_council_members_who_are_not_facilitators_cannot_approve(client, draft, leader, council):
    plain_member = UserFactory(roles=[roles.SURVIVOR_LEADERS])
    council.add_member(plain_member)
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    client.force_login(plain_member)
    response = client.post(_approve_url(draft), {"comment": ""})
    assert response.status_code == 404  # they may not even know it exists
    assert ReformProposalPage.objects.get(pk=draft.pk).status == ProposalStatus.COUNCIL_REVIEW


def test_requesting_changes_sends_it_back_to_draft(client, draft, leader, facilitator):
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    client.force_login(facilitator)
    client.post(_approve_url(draft, "reject"), {"comment": "Add the evidence, please."})
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert page.status == ProposalStatus.DRAFT and not page.live
    logged = ProposalTransition.objects.filter(proposal=draft).order_by("pk").last()
    assert logged.to_status == ProposalStatus.DRAFT
    assert logged.note == "Add the evidence, please."


def test_the_admin_explorer_hides_other_leaders_drafts(client, index, draft, leader, other_leader):
    from advocacy.proposals.factories import make_proposal

    mine = make_proposal(index, owner=other_leader, status="draft", title="My own draft")
    url = reverse("wagtailadmin_explore", args=[index.pk])
    client.force_login(other_leader)
    page = client.get(url).content.decode()
    assert mine.title in page
    assert draft.title not in page
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert draft.title in page and mine.title not in page


def test_facilitators_cannot_publish_around_the_review(client, draft, leader, facilitator):
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert not page.permissions_for_user(facilitator).can_publish()
    assert not page.permissions_for_user(leader).can_publish()
    client.force_login(facilitator)
    client.post(_approve_url(draft), {"comment": ""})
    assert ReformProposalPage.objects.get(pk=draft.pk).live  # approving still publishes


def test_a_new_index_made_in_the_admin_is_set_up_for_review_and_leaders(client, leader):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Page

    from advocacy.proposals.models import ProposalIndexPage
    from home.models import HomePage

    home = HomePage(title="Home", slug="home-for-proposals")
    Page.get_first_root_node().add_child(instance=home)
    superuser = UserFactory(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["proposals", "proposalindexpage", home.pk])
    response = client.post(url, {"title": "Proposals", "slug": "proposals", "intro": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    index = ProposalIndexPage.objects.get(slug="proposals")
    assert index.get_workflow() is not None
    leaders = Group.objects.get(name=roles.SURVIVOR_LEADERS)
    assert GroupPagePermission.objects.filter(group=leaders, page=index).exists()


def test_submitting_for_review_in_the_admin_needs_a_council(client, index, leader):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    from advocacy.proposals.factories import make_proposal
    from advocacy.proposals.models import PolicyArea

    draft = make_proposal(index, owner=leader, status="draft", council=None)
    client.force_login(leader)
    data = nested_form_data(
        {
            "title": "Keep the name",
            "slug": draft.slug,
            "problem": draft.problem,
            "proposed_change": draft.proposed_change,
            "decision_body": draft.decision_body,
            "jurisdiction": draft.jurisdiction,
            "policy_area": PolicyArea.objects.order_by("position").first().pk,
            "pathway": draft.pathway,
            "expected_impact": "",
            "evidence": streamfield([]),
            "council": "",
        }
    )
    response = client.post(_edit_url(draft), {**data, "action-submit": "submit"})
    assert response.status_code == 200
    assert "Choose the advisory council" in response.content.decode()
    assert 'value="Keep the name"' in response.content.decode()  # nothing typed is lost
    draft.refresh_from_db()
    assert draft.status == ProposalStatus.DRAFT and not draft.workflow_in_progress
    # Saving a draft without a council is still fine.
    response = client.post(_edit_url(draft), data)
    assert response.status_code == 302
