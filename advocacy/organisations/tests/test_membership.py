"""Organisations: memberships drive the audience group and the site roles."""

import pytest

from advocacy.organisations.factories import OrganisationFactory
from advocacy.organisations.membership import (
    add_member,
    is_admin,
    is_member,
    organisations_of,
    remove_member,
    verify_organisation,
)
from advocacy.organisations.models import Organisation
from people import roles
from people.models import Audience
from people.policy import Viewer

pytestmark = pytest.mark.django_db


def test_an_organisation_gets_its_own_audience_mirroring_name_and_verification():
    organisation = OrganisationFactory(name="Harbour Legal", verified=False)
    audience = Audience.objects.get(pk=organisation.audience_id)
    assert audience.kind == Audience.Kind.ORGANISATION
    assert audience.name == "Harbour Legal"
    assert audience.owner == organisation
    assert audience.verified is False

    organisation.name = "Harbour Legal Centre"
    organisation.save()
    audience.refresh_from_db()
    assert audience.name == "Harbour Legal Centre"


def test_verifying_records_who_and_opens_the_directory_gate(user_factory):
    admin = user_factory(roles=[roles.SITE_ADMINS])
    organisation = OrganisationFactory(verified=False)
    verify_organisation(organisation, by=admin)
    organisation.refresh_from_db()
    assert organisation.verified and organisation.verified_by == admin
    assert organisation.verified_at is not None
    assert Audience.objects.get(pk=organisation.audience_id).verified is True


def test_membership_puts_people_in_the_audience_and_the_site_roles(user_factory):
    organisation = OrganisationFactory()
    person = user_factory()
    add_member(organisation, person, "admin")
    person = type(person).objects.get(pk=person.pk)
    assert organisation.audience.has_member(person)
    assert roles.has_role(person, roles.ORGANISATION_ADMINS)
    assert roles.has_role(person, roles.ORGANISATION_MEMBERS)
    assert roles.mfa_required_for(person)
    assert is_admin(person, organisation) and is_member(person, organisation)
    assert organisation.audience_id in Viewer.of(person).organisation_ids

    add_member(organisation, person, "reviewer")
    person = type(person).objects.get(pk=person.pk)
    assert not roles.has_role(person, roles.ORGANISATION_ADMINS)
    assert roles.has_role(person, roles.ORGANISATION_MEMBERS)
    assert not is_admin(person, organisation)

    remove_member(organisation, person)
    person = type(person).objects.get(pk=person.pk)
    assert not organisation.audience.has_member(person)
    assert not roles.has_role(person, roles.ORGANISATION_MEMBERS)
    assert not is_member(person, organisation)


def test_a_second_organisation_keeps_the_role_while_one_membership_remains(user_factory):
    first, second = OrganisationFactory(), OrganisationFactory()
    person = user_factory()
    add_member(first, person, "admin")
    add_member(second, person, "admin")
    remove_member(first, person)
    person = type(person).objects.get(pk=person.pk)
    assert roles.has_role(person, roles.ORGANISATION_ADMINS)
    assert list(organisations_of(person)) == [second]
    assert list(organisations_of(person, role="admin", verified=True)) == [second]


def test_deleting_an_organisation_removes_its_audience_and_group(user_factory):
    organisation = OrganisationFactory()
    add_member(organisation, user_factory(), "reviewer")
    audience_id, group_id = organisation.audience_id, organisation.audience.group_id
    organisation.delete()
    assert not Organisation.objects.exists()
    assert not Audience.objects.filter(pk=audience_id).exists()
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(pk=group_id).exists()


def test_descriptions_are_sanitised():
    organisation = OrganisationFactory(description='<p onclick="x()">Hi<script>bad()</script></p>')
    assert organisation.description == "<p>Hi</p>"


def test_the_anonymous_user_acts_for_nobody():
    from django.contrib.auth.models import AnonymousUser

    assert not organisations_of(AnonymousUser()).exists()
    assert not is_admin(AnonymousUser(), OrganisationFactory())
