"""Test data for speaking opportunities."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from advocacy.organisations.factories import OrganisationFactory

from .models import SpeakingOpportunity


class SpeakingOpportunityFactory(factory.django.DjangoModelFactory):
    """An open, paid, remote opportunity a month away, deadline in two weeks."""

    class Meta:
        model = SpeakingOpportunity

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Opportunity {n}")
    description = "<p>Share what you know with people who can change practice.</p>"
    kind = "panel"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30))
    time_zone = "Europe/London"
    is_remote = True
    languages = factory.LazyFunction(lambda: ["en"])
    deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    honorarium_amount = Decimal("300.00")
    currency = "USD"
    status = "open"
