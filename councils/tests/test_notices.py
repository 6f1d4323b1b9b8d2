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
