# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""The proposal state machine: every move outside it is refused, every
accepted one is logged, and only the roles it names can make each move."""

import itertools

import pytest
from django.urls import reverse

from advocacy.proposals.factories import make_proposal
from advocacy.proposals.lifecycle import (
    TRANSITIONS,
    TransitionRefused,
    proposal_entered_council_review,
    transition,
)
from advocacy.proposals.models import ProposalStatus, ProposalTransition, ReformProposalPage
from advocacy.proposals.policy import AUTHOR, FACILITATOR, SITE_ADMIN
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
    site_admin,
)

pytestmark = pytest.mark.django_db

ALL_MOVES = list(itertools.permutations(ProposalStatus.values, 2))
REFUSED_MOVES = [move for move in ALL_MOVES if move not in TRANSITIONS]
ALLOWED = [(move, role) for move, allowed in TRANSITIONS.items() for role in sorted(allowed)]


@pytest.fixture
def everyone_at_once(leader, facilitator, council):
    """One person holding every lifecycle role: refusals then come from the machine."""
    leader.groups.add(
        *type(leader.groups.first()).objects.filter(
            name__in=[roles.COUNCIL_FACILITATORS, roles.SITE_ADMINS]
        )
    )
    council.add_member(leader)
    return type(leader).objects.get(pk=leader.pk)


def _proposal_in(index, owner, council, status):
    return make_proposal(index, owner=owner, status=status, council=council)


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_MOVES)
def test_every_move_outside_the_state_machine_is_refused(
    index, council, everyone_at_once, from_status, to_status
):
    proposal = _proposal_in(index, everyone_at_once, council, from_status)
    with pytest.raises(TransitionRefused, match="cannot become"):
        transition(proposal, to_status, by=everyone_at_once, note="try")
    assert ReformProposalPage.objects.get(pk=proposal.pk).status == from_status
    assert not ProposalTransition.objects.filter(proposal=proposal).exists()


def test_an_unknown_status_is_refused(draft, leader):
    with pytest.raises(TransitionRefused, match="not a proposal status"):
        transition(draft, "abolished", by=leader)


@pytest.mark.parametrize(("move", "role"), ALLOWED)
def test_every_allowed_move_works_for_its_roles_and_is_logged(
    index, leader, facilitator, site_admin, council, move, role
):
    from_status, to_status = move
    proposal = _proposal_in(index, leader, council, from_status)
    actor = {AUTHOR: leader, FACILITATOR: facilitator, SITE_ADMIN: site_admin}[role]
    record = transition(proposal, to_status, by=actor, note="Because the council agreed.")
    assert ReformProposalPage.objects.get(pk=proposal.pk).status == to_status
    logged = ProposalTransition.objects.get(proposal=proposal)
    assert logged == record
    assert (logged.from_status, logged.to_status, logged.by) == (from_status, to_status, actor)
    assert logged.note == "Because the council agreed."
    assert logged.at is not None


@pytest.mark.parametrize("move", list(TRANSITIONS))
def test_people_without_a_named_role_are_refused(index, leader, council, member, move):
    from_status, to_status = move
    proposal = _proposal_in(index, leader, council, from_status)
    outsider_leader = UserFactory(roles=[roles.SURVIVOR_LEADERS])
    for person in (member, outsider_leader):
        with pytest.raises(TransitionRefused, match="You cannot move"):
            transition(proposal, to_status, by=person)
    assert ReformProposalPage.objects.get(pk=proposal.pk).status == from_status
    assert not ProposalTransition.objects.filter(proposal=proposal).exists()


def test_roles_not_named_for_a_move_are_refused_it(open_proposal, facilitator):
    # Facilitators review; submitting to decision-makers is the authors' call.
    with pytest.raises(TransitionRefused):
        transition(open_proposal, ProposalStatus.SUBMITTED, by=facilitator)


def test_entering_council_review_starts_the_workflow_and_sends_the_seam_signal(
    draft, leader, django_capture_on_commit_callbacks
):
    received = []

    def receiver(sender, proposal, by, **kwargs):
        received.append((proposal.pk, by))

    proposal_entered_council_review.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    finally:
        proposal_entered_council_review.disconnect(receiver)
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_task.specific.__class__.__name__ == "CouncilReviewTask"
    assert received == [(draft.pk, leader)]


def test_council_review_needs_a_council(index, leader):
    proposal = make_proposal(index, owner=leader, status="draft", council=None)
    with pytest.raises(TransitionRefused, match="council"):
        transition(proposal, ProposalStatus.COUNCIL_REVIEW, by=leader)
    assert ReformProposalPage.objects.get(pk=proposal.pk).status == "draft"


def test_withdrawing_during_review_cancels_the_workflow(draft, leader):
    transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    transition(draft, ProposalStatus.WITHDRAWN, by=leader, note="Not the right time.")
    page = ReformProposalPage.objects.get(pk=draft.pk)
    assert page.status == "withdrawn"
    assert not page.workflow_in_progress


def test_publishing_an_old_revision_never_rewinds_the_status(open_proposal, leader):
    revision = open_proposal.latest_revision
    transition(open_proposal, ProposalStatus.SUBMITTED, by=leader)
    revision.publish(user=leader, skip_permission_checks=True)
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).status == "submitted"


def test_the_history_is_shown_on_the_page(client, open_proposal, leader):
    transition(open_proposal, ProposalStatus.SUBMITTED, by=leader, note="Sent to the committee.")
    page = client.get(open_proposal.url).content.decode()
    assert "Sent to the committee." in page
    assert "Submitted to decision-makers" in page


def test_the_move_view_refuses_with_a_clear_message(client, open_proposal, member, leader):
    url = reverse("proposals:move", args=[open_proposal.pk])
    assert client.post(url, {"to": "submitted"}).status_code == 302  # to sign in
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).status == "open"

    client.force_login(member)
    response = client.post(url, {"to": "submitted"}, follow=True)
    assert "You cannot move this proposal" in response.content.decode()
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).status == "open"

    client.force_login(leader)
    response = client.post(url, {"to": "adopted"}, follow=True)
    assert "cannot become" in response.content.decode()
    response = client.post(url, {"to": "submitted", "note": "Hand-delivered."}, follow=True)
    assert "Submitted to decision-makers" in response.content.decode()
    assert ReformProposalPage.objects.get(pk=open_proposal.pk).status == "submitted"
    assert client.get(url).status_code == 405


def test_unpublished_proposals_are_hidden_from_people_outside_them(client, draft, member):
    client.force_login(member)
    url = reverse("proposals:move", args=[draft.pk])
    assert client.post(url, {"to": "council_review"}).status_code == 404


def test_entering_council_review_puts_the_proposal_on_the_councils_agenda(
    draft, leader, django_capture_on_commit_callbacks
):
    from councils.models import AgendaItem, Council, Meeting
    from councils.services.agenda import plan_meeting

    council = Council.objects.get(audience_id=draft.council_id)
    with django_capture_on_commit_callbacks(execute=True):
        transition(draft, ProposalStatus.COUNCIL_REVIEW, by=leader)
    item = AgendaItem.objects.get(council=council)
    assert item.meeting is None  # no meeting planned yet: it waits for one
    assert draft.title in item.title
    assert item.link == f"/proposals/{draft.pk}/review/"

    from django.utils import timezone

    meeting = plan_meeting(
        Meeting(council=council, title="Review", starts_at=timezone.now() + timezone.timedelta(1))
    )
    item.refresh_from_db()
    assert item.meeting == meeting and item.position == 1
