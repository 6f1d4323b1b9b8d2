"""Every listing page costs the same number of queries with few or many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.factories import CouncilFactory, DecisionFactory, MeetingFactory
from councils.models import Membership
from councils.services import memberships
from councils.services.posting import post_message
from councils.services.reports import report_message


def _queries(client, url) -> int:
    client.get(url)  # the first request also touches the session
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(council, facilitator, add_member, n):
    for i in range(n):
        member = add_member(council)
        message, _ = post_message(
            user=member, council_id=council.pk, room_id=None, body=f"hello {i}"
        )
        report_message(
            user=facilitator, council_id=council.pk, message_id=message.pk, reason="Please look"
        )
        MeetingFactory(council=council)
        DecisionFactory(council=council)
        other = CouncilFactory()
        memberships.add_member(other, facilitator)


@pytest.mark.parametrize("name", ["list", "members", "reports", "meetings"])
def test_listing_pages_cost_the_same_with_few_and_many_rows(
    client, council, add_member, django_assert_num_queries, name
):
    facilitator = add_member(council, role=Membership.Role.FACILITATOR)
    client.force_login(facilitator)
    url = (
        reverse("councils:list")
        if name == "list"
        else reverse(f"councils:{name}", args=[council.slug])
    )
    _grow(council, facilitator, add_member, 1)
    few = _queries(client, url)
    _grow(council, facilitator, add_member, 6)
    with django_assert_num_queries(few):
        client.get(url)
