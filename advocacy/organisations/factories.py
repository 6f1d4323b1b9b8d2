"""Test data for organisations and their members."""

import factory

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
