"""Test data for organisations (and, as they land, proposals and opportunities)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from .models import Organisation, OrganisationMembership


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A verified NGO unless told otherwise."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.NGO
    verified = True


class OrganisationMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationMembership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory("people.factories.UserFactory")
    role = OrganisationMembership.Role.REVIEWER


class SpeakingOpportunityFactory(factory.django.DjangoModelFactory):
    """An open, paid, remote opportunity a month away, deadline in two weeks."""

    class Meta:
        model = "advocacy.SpeakingOpportunity"

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
