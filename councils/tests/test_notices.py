"""A decision opened or closed tells the council's current members (not the
facilitator who acted, not former members, nobody outside), once each; a
notice says what it is about only while its reader is still a member."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from councils import decisions
from councils.models import Decision, Membership
from councils.notices import DECISION_CLOSED, DECISION_OPENED
from councils.services.memberships import end_membership
from notifications.models import Notice
from notifications.notices import show

pytestmark = pytest.mark.django_db


def test_opening_and_closing_a_decision_tells_the_members(
    client, council, add_member, user_factory
):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    member = add_member(council)
    observer = add_member(council, role=Membership.Role.OBSERVER)
    former = add_member(council)
    end_membership(Membership.objects.get(user=former, council=council))
    user_factory()  # outside the council

    client.force_login(facilitator)
    response = client.post(
        reverse("councils:new_decision", args=[council.slug]),
        {
            "question": "Meet monthly in the evening?",
            "method": "consent",
            "quorum": 1,
            "closes_at": (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    opened = Notice.objects.filter(kind=DECISION_OPENED)
    assert sorted(n.user_id for n in opened) == sorted([member.pk, observer.pk])
    shown = show(opened.get(user=member), member)
    assert "Meet monthly in the evening?" in shown.text
    assert shown.url == reverse("councils:decision", args=[council.slug, decision.pk])

    decisions.close_decision(user=facilitator, decision=decision, outcome="Yes")
    closed = Notice.objects.filter(kind=DECISION_CLOSED)
    assert sorted(n.user_id for n in closed) == sorted([member.pk, observer.pk])

    # A member who leaves reads nothing of it any more.
    end_membership(Membership.objects.get(user=member, council=council))
    shown = show(opened.get(user=member), member)
    assert "Meet monthly" not in shown.text and shown.url == ""


def test_a_decision_whose_time_ran_out_closes_once_and_tells_everyone(
    council, add_member, django_capture_on_commit_callbacks
):
    from councils.factories import DecisionFactory
    from councils.jobs import close_decisions_task

    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    member = add_member(council)
    past = timezone.now() - timedelta(minutes=5)
    ran_out = DecisionFactory(council=council, closes_at=past)
    still_open = DecisionFactory(council=council)
    closed_early = DecisionFactory(
        council=council, closes_at=past, closed_at=past - timedelta(days=1)
    )

    with django_capture_on_commit_callbacks(execute=True) as published:
        assert close_decisions_task.call() == 1
    assert published, "the live workspace is told"

    ran_out.refresh_from_db()
    assert ran_out.closed_at == ran_out.closes_at
    still_open.refresh_from_db()
    assert still_open.closed_at is None
    # Everyone is told, the facilitator too: nobody closed it by hand.
    closed = Notice.objects.filter(kind=DECISION_CLOSED)
    assert sorted(n.user_id for n in closed) == sorted([facilitator.pk, member.pk])
    assert {n.params["decision"] for n in closed} == {ran_out.pk}
    assert closed_early.pk not in {n.params["decision"] for n in closed}

    # The next minute's run (or a second worker) finds nothing more to do.
    assert decisions.close_decisions_whose_time_ran_out() == 0
    assert Notice.objects.filter(kind=DECISION_CLOSED).count() == 2


def test_closing_by_time_is_a_registered_periodic_job():
    from background.schedule import jobs

    assert "councils.close_decisions" in {job.name for job in jobs()}
