"""Deciding together: quorum and closing rules per method, results hidden
until close, and anonymous ballots that nobody can tie to a person."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse
from django.utils import timezone

from councils import decisions, events
from councils.factories import DecisionFactory
from councils.models import DecisionBallot, Membership, Position
from councils.services.errors import CouncilActionError, NotAllowed
from councils.services.payloads import names_for

from .conftest import open_socket


def vote(user, decision, choice, reason="", options=()):
    decisions.take_position(
        user=user,
        council_id=decision.council_id,
        decision_id=decision.pk,
        choice=choice,
        reason=reason,
        options=list(options),
    )


def close(decision):
    decision.closes_at = timezone.now() - timedelta(seconds=1)
    decision.save()
    return decision


@pytest.fixture
def members(council, add_member):
    return [add_member(council) for _ in range(4)]


def test_consent_passes_without_objections_once_quorum_is_met(council, members):
    decision = DecisionFactory(council=council, method="consent", quorum=3)
    vote(members[0], decision, "consent")
    vote(members[1], decision, "stand_aside")
    assert decisions.result_of(decision) is None  # hidden while open
    assert close(decision) and decisions.result_of(decision)["quorum_met"] is False
    assert decisions.result_of(decision)["passed"] is False
    decision.closes_at = timezone.now() + timedelta(days=1)
    decision.save()
    vote(members[2], decision, "consent")
    assert decisions.result_of(close(decision))["passed"] is True


def test_one_objection_with_a_reason_blocks_consent(council, members):
    decision = DecisionFactory(council=council, method="consent", quorum=2)
    with pytest.raises(CouncilActionError):
        vote(members[0], decision, "object")  # an objection needs a reason
    vote(members[0], decision, "object", reason="We need more time to ask everyone")
    vote(members[1], decision, "consent")
    result = decisions.result_of(close(decision))
    assert result["passed"] is False
    assert result["objections"] == ["We need more time to ask everyone"]


def test_majority_needs_more_yes_than_no(council, members):
    decision = DecisionFactory(council=council, method="majority", quorum=4)
    for user, choice in zip(members, ["yes", "yes", "no", "abstain"], strict=True):
        vote(user, decision, choice)
    assert decisions.result_of(close(decision))["passed"] is True
    tie = DecisionFactory(council=council, method="majority", quorum=2)
    vote(members[0], tie, "yes")
    vote(members[1], tie, "no")
    assert decisions.result_of(close(tie))["passed"] is False
    with pytest.raises(CouncilActionError):
        vote(members[2], DecisionFactory(council=council, method="majority"), "consent")


def test_approval_chooses_the_most_approved_options(council, members):
    decision = DecisionFactory(
        council=council, method="approval", quorum=3, options=["Online", "In person", "Both"]
    )
    vote(members[0], decision, "approve", options=["Online", "Both"])
    vote(members[1], decision, "approve", options=["Both"])
    vote(members[2], decision, "approve", options=["In person", "Both", "Not an option"])
    result = decisions.result_of(close(decision))
    assert result["approvals"] == {"Online": 1, "In person": 1, "Both": 3}
    assert result["chosen"] == ["Both"] and result["passed"]


def test_nobody_takes_part_after_closing_and_observers_never(council, members, add_member):
    observer = add_member(council, role=Membership.Role.OBSERVER)
    decision = DecisionFactory(council=council)
    with pytest.raises(NotAllowed):
        vote(observer, decision, "consent")
    close(decision)
    with pytest.raises(CouncilActionError):
        vote(members[0], decision, "consent")
    assert not Position.objects.exists()


def test_a_facilitator_closes_early_with_an_outcome(council, members, add_member):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    decision = DecisionFactory(council=council, quorum=1)
    vote(members[0], decision, "consent")
    with pytest.raises(NotAllowed):
        decisions.close_decision(user=members[0], decision=decision)
    decisions.close_decision(user=facilitator, decision=decision, outcome="We go ahead.")
    assert decision.is_closed() and decisions.result_of(decision)["passed"]


def test_anonymous_ballots_store_no_link_from_position_to_member(
    client, council, members, add_member
):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    decision = DecisionFactory(council=council, method="majority", anonymous=True, quorum=2)
    vote(members[0], decision, "yes", reason="It helps newcomers")
    vote(members[1], decision, "no")
    with pytest.raises(CouncilActionError):
        vote(members[0], decision, "no")  # one ballot each
    assert set(Position.objects.values_list("member", flat=True)) == {None}
    assert set(DecisionBallot.objects.values_list("member", flat=True)) == {
        members[0].pk,
        members[1].pk,
    }
    # No field of a ballot row points at a position or carries a time.
    assert {f.name for f in DecisionBallot._meta.get_fields()} == {"id", "decision", "member"}
    client.force_login(facilitator)
    url = reverse("councils:decision", args=[council.slug, decision.pk])
    assert "It helps newcomers" not in client.get(url).content.decode()  # hidden until close
    close(decision)
    page = client.get(url).content.decode()
    assert "It helps newcomers" in page
    names = names_for(council, viewer=facilitator)
    for user in members[:2]:
        assert f"{names[user.pk]}:" not in page


def test_results_are_hidden_over_http_until_close(client, council, members):
    decision = DecisionFactory(council=council, method="majority", quorum=1)
    url = reverse("councils:decision", args=[council.slug, decision.pk])
    client.force_login(members[0])
    response = client.post(url, {"choice": "yes", "reason": "Good idea"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Results stay hidden" in page and "Good idea" not in page
    close(decision)
    page = client.get(url).content.decode()
    assert "Agreed." in page and "Good idea" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_position_over_the_socket_updates_everyone_without_the_result(council, add_member):
    alice = await sync_to_async(add_member)(council)
    bo = await sync_to_async(add_member)(council)
    decision = await sync_to_async(DecisionFactory)(council=council, quorum=2)
    a, _, _ = await open_socket(alice, council.pk)
    b, _, _ = await open_socket(bo, council.pk)
    await a.send_json_to(
        {"type": "decision.position", "decision": decision.pk, "choice": "consent"}
    )
    update = await b.receive_json_from(timeout=3)
    assert events.check_server_payload(update) == []
    assert update["type"] == "decision.updated"
    assert update["taken_part"] == 1 and update["result"] is None and not update["closed"]
    await a.disconnect()
    await b.disconnect()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
async def test_a_reason_over_the_limit_is_refused_over_the_socket_not_cut(council, add_member):
    alice = await sync_to_async(add_member)(council)
    decision = await sync_to_async(DecisionFactory)(council=council, quorum=2)
    a, _, _ = await open_socket(alice, council.pk)
    await a.send_json_to(
        {
            "type": "decision.position",
            "decision": decision.pk,
            "choice": "object",
            "reason": "Because " * 300,  # 2,400 characters, 2,399 once trimmed
        }
    )
    error = await a.receive_json_from(timeout=3)
    assert events.check_server_payload(error) == []
    assert error["code"] == events.ERROR_TOO_LARGE
    assert error["message"] == "Reasons can be up to 2,000 characters; yours has 2,399."
    assert not await sync_to_async(Position.objects.exists)()
    await a.disconnect()


def test_a_reason_over_the_limit_is_refused_in_the_form(client, council, add_member):
    member = add_member(council)
    decision = DecisionFactory(council=council)
    client.force_login(member)
    url = reverse("councils:decision", args=[council.slug, decision.pk])
    response = client.post(url, {"choice": "object", "reason": "r" * 2001})
    page = response.content.decode()
    assert "Reasons can be up to 2,000 characters; yours has 2,001." in page
    assert "r" * 2001 in page
