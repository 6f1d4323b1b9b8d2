"""Every other listing costs the same number of queries with few or many rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.opportunities.models import OpportunityPreferences
from advocacy.opportunities.workflow import decide, submit_application

from .helpers import SpeakingOpportunityFactory, organisation_with_staff, survivor_leader

pytestmark = pytest.mark.django_db


def queries_for(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def add_rows(organisation, applicant, count, start):
    for n in range(start, start + count):
        opportunity = SpeakingOpportunityFactory(organisation=organisation)
        application = submit_application(
            applicant, opportunity, pseudonym=f"P{n}", fields=["pronouns"]
        )
        if n % 2:
            decide(
                application,
                status="accepted",
                fee_amount=Decimal("100"),
                currency="USD",
                starts_at=timezone.now() - datetime.timedelta(days=1),
            )


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("reviewer", "/organisations/{slug}/opportunities/"),
        ("applicant", "/me/applications/"),
        ("applicant", "/me/engagements/"),
        ("applicant", "/me/opportunities/"),
        ("anonymous", "/organisations/{slug}/"),
    ],
)
def test_listing_queries_do_not_grow(client, who, path):
    organisation, _admin, reviewer = organisation_with_staff()
    applicant = survivor_leader()
    OpportunityPreferences.objects.create(user=applicant, include_unpaid=True)
    path = path.format(slug=organisation.slug)
    user = {"reviewer": reviewer, "applicant": applicant, "anonymous": None}[who]
    if user is not None:
        client.force_login(user)
    add_rows(organisation, applicant, 3, 0)
    few = queries_for(client, path)
    add_rows(organisation, applicant, 12, 3)
    many = queries_for(client, path)
    assert few == many
