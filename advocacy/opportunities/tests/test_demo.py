"""The opportunities demo: three organisations (one unverified), eight
opportunities, applications in every state, engagements with ratings."""

import pytest
from django.core.management import call_command

from advocacy.opportunities.demo import ORGANISATIONS
from advocacy.opportunities.models import (
    ConductRating,
    Engagement,
    OpportunityApplication,
    SpeakingOpportunity,
)
from advocacy.organisations.models import Organisation
from people.models import ConsentRecord

pytestmark = pytest.mark.django_db


def counts():
    models = [Organisation, SpeakingOpportunity, OpportunityApplication, Engagement]
    return [m.objects.count() for m in [*models, ConductRating, ConsentRecord]]


def test_demo_has_every_state_and_is_idempotent(demo_site, client):
    # Other demos (proposals) add organisations of their own.
    demo_organisations = Organisation.objects.filter(slug__in=[o[0] for o in ORGANISATIONS])
    assert demo_organisations.count() == 3
    assert demo_organisations.filter(verified=False).count() == 1
    assert not SpeakingOpportunity.objects.filter(organisation__verified=False).exists()
    assert SpeakingOpportunity.objects.count() == 8
    assert set(OpportunityApplication.objects.values_list("status", flat=True)) == set(
        OpportunityApplication.Status.values
    )
    assert ConductRating.objects.exists()
    assert Engagement.objects.filter(payment_confirmed_at__isnull=False).exists()
    cancelled = Engagement.objects.get(cancelled_at__isnull=False)
    assert cancelled.cancelled_by == "organisation" and cancelled.cancellation_reason
    # Cancelling freed the only place, so the opportunity takes applications again.
    assert cancelled.application.opportunity.status == "open"
    before = counts()
    call_command("load_demo_data", "--force", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
    response = client.get("/opportunities/")
    assert response.status_code == 200
    assert "Unpaid" in response.content.decode()
