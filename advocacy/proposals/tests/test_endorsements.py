# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""Endorsements: verified people and organisation admins, one each,
withdrawable, named only with consent."""

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from advocacy.organisations.factories import OrganisationFactory
from advocacy.organisations.membership import add_member
from advocacy.proposals.endorsements import (
    endorse_as_person,
    endorse_for_organisation,
    withdraw_endorsement,
)
from advocacy.proposals.models import ProposalEndorsement
from people.factories import UserFactory
from people.models import ConsentRecord

from .fixtures import (  # noqa: F401
    council,
    draft,
    facilitator,
    index,
    leader,
    member,
    open_proposal,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Harbour Legal")


@pytest.fixture
def org_admin(organisation):
    person = UserFactory(mfa=True)
    add_member(organisation, person, "admin")
    return person


def test_a_verified_member_endorses_once(open_proposal, member):
    endorse_as_person(open_proposal, member)
    with pytest.raises(ValidationError, match="already endorse"):
        endorse_as_person(open_proposal, member)
    assert ProposalEndorsement.objects.filter(proposal=open_proposal).count() == 1


def test_the_database_refuses_double_endorsements_too(open_proposal, member, organisation):
    ProposalEndorsement.objects.create(proposal=open_proposal, user=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalEndorsement.objects.create(proposal=open_proposal, user=member)
    ProposalEndorsement.objects.create(proposal=open_proposal, organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProposalEndorsement.objects.create(proposal=open_proposal, organisation=organisation)


def test_an_unverified_email_cannot_endorse(open_proposal):
    person = UserFactory(verified=False)
    with pytest.raises(PermissionDenied):
        endorse_as_person(open_proposal, person)
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)
    endorse_as_person(open_proposal, person)


def test_drafts_cannot_be_endorsed(draft, member):
    with pytest.raises(PermissionDenied):
        endorse_as_person(draft, member)


def test_organisations_endorse_only_through_their_admins(open_proposal, organisation, org_admin):
    reviewer = UserFactory()
    add_member(organisation, reviewer, "reviewer")
    outsider = UserFactory()
    for person in (reviewer, outsider):
        with pytest.raises(PermissionDenied):
            endorse_for_organisation(open_proposal, organisation, person)
    endorse_for_organisation(open_proposal, organisation, org_admin)
    with pytest.raises(ValidationError, match="already endorses"):
        endorse_for_organisation(open_proposal, organisation, org_admin)


def test_unverified_organisations_cannot_endorse(open_proposal):
    organisation = OrganisationFactory(verified=False)
    admin = UserFactory()
    add_member(organisation, admin, "admin")
    with pytest.raises(PermissionDenied):
        endorse_for_organisation(open_proposal, organisation, admin)


def test_names_are_shown_only_with_consent_and_counted_anyway(
    client, open_proposal, member, organisation, org_admin
):
    endorse_as_person(open_proposal, member, public_name="River")
    endorse_as_person(open_proposal, UserFactory(display_name="Hidden Person"))
    endorse_for_organisation(open_proposal, organisation, org_admin, show_name=False)
    page = client.get(open_proposal.url).content.decode()
    assert "River" in page
    assert "Hidden Person" not in page and "Harbour Legal" not in page
    assert "3 endorsements" in page


def test_withdrawing_removes_the_endorsement_and_revokes_the_name(client, open_proposal, member):
    endorsement = endorse_as_person(open_proposal, member, public_name="River")
    record = ConsentRecord.objects.active().get(subject=member, kind="name")
    other = UserFactory()
    with pytest.raises(PermissionDenied):
        withdraw_endorsement(endorsement, by=other)
    withdraw_endorsement(endorsement, by=member)
    assert not ProposalEndorsement.objects.filter(pk=endorsement.pk).exists()
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert "River" not in client.get(open_proposal.url).content.decode()


def test_the_endorse_views(client, open_proposal, member, organisation, org_admin):
    url = reverse("proposals:endorse", args=[open_proposal.pk])
    assert client.post(url).status_code == 302
    assert not ProposalEndorsement.objects.exists()  # anonymous: sent to sign in

    client.force_login(member)
    client.post(url, {"public_name": ""})
    response = client.post(url, {"public_name": ""}, follow=True)
    assert "You already endorse this proposal." in response.content.decode()
    endorsement = ProposalEndorsement.objects.get(user=member)

    org_url = reverse("proposals:endorse_for", args=[open_proposal.pk, organisation.pk])
    assert client.post(org_url).status_code == 403
    withdraw_url = reverse("proposals:withdraw", args=[endorsement.pk])
    client.force_login(org_admin)
    assert client.post(withdraw_url).status_code == 403
    client.post(org_url, {"show_name": "on"})
    assert "Harbour Legal" in client.get(open_proposal.url).content.decode()

    client.force_login(member)
    client.post(withdraw_url)
    assert not ProposalEndorsement.objects.filter(user=member).exists()
