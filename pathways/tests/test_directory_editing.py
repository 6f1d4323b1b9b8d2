"""Keeping a listing current: an organisation's own admins from the site,
site admins in the Wagtail admin, nobody else; text is cleaned and limited,
and verification stays with site admins."""

import re

import pytest

from advocacy.organisations.factories import OrganisationFactory
from advocacy.organisations.membership import add_member
from advocacy.organisations.models import Organisation, OrganisationMembership
from pathways.factories import JurisdictionFactory, ServiceListingFactory
from pathways.models import ServiceLanguage, ServiceListing, SupportService
from people import roles
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

Role = OrganisationMembership.Role


def member_of(organisation, role=Role.ADMIN):
    user = UserFactory(mfa=True)
    add_member(organisation, user, role)
    return user


def path(organisation):
    return f"/pathways/organisations/{organisation.slug}/listing/"


@pytest.fixture
def place():
    return JurisdictionFactory(code="us", name="United States")


def valid(place, **overrides):
    data = {
        "summary": "Free lawyers for survivors.",
        "services": [SupportService.objects.get(key="vacatur").pk],
        "jurisdictions": [place.pk],
        "cost": "free",
        "phone": "+1 555 0100",
        "contact_notes": "Call on weekdays.",
        "languages": ["en", "th"],
    }
    return {**data, **overrides}


def test_visitors_are_sent_to_sign_in(client):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    response = client.get(path(organisation))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_only_the_organisations_admins_may_open_or_change_its_listing(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    listing = ServiceListingFactory(organisation=organisation, summary="As it was.")
    others = [
        member_of(organisation, Role.REVIEWER),
        member_of(OrganisationFactory(kind=Organisation.Kind.LEGAL)),
        UserFactory(roles=[roles.SURVIVOR_LEADERS]),
    ]
    for user in others:
        client.force_login(user)
        assert client.get(path(organisation)).status_code == 404
        assert client.post(path(organisation), valid(place)).status_code == 404
    listing.refresh_from_db()
    assert listing.summary == "As it was."
    client.force_login(member_of(organisation))
    response = client.get(path(organisation))
    assert response.status_code == 200
    assert "As it was." in response.content.decode()


def test_an_admin_starts_a_listing_with_its_languages(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.SUPPORT, verified=False)
    client.force_login(member_of(organisation))
    page = client.get(path(organisation)).content.decode()
    assert "once the site team has verified your organisation" in page
    response = client.post(path(organisation), valid(place))
    assert response.status_code == 302
    listing = ServiceListing.objects.get(organisation=organisation)
    assert listing.summary == "Free lawyers for survivors."
    assert list(listing.services.values_list("key", flat=True)) == ["vacatur"]
    assert list(listing.jurisdictions.all()) == [place]
    assert sorted(listing.languages.values_list("language", flat=True)) == ["en", "th"]
    assert listing.phone == "+1 555 0100"
    # Not verified: not in the directory yet.
    assert not ServiceListing.listed().filter(pk=listing.pk).exists()


def test_an_admin_updates_the_listing_and_its_languages(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    listing = ServiceListingFactory(organisation=organisation, languages=["en", "fr"])
    client.force_login(member_of(organisation))
    page = client.get(path(organisation)).content.decode()
    checked = set(re.findall(r'name="languages" value="([^"]+)"[^>]*checked', page))
    assert checked == {"en", "fr"}
    response = client.post(path(organisation), valid(place, languages=["en", "es"], cost="paid"))
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.cost == "paid"
    assert sorted(
        ServiceLanguage.objects.filter(listing=listing).values_list("language", flat=True)
    ) == [
        "en",
        "es",
    ]
    assert ServiceListing.objects.filter(organisation=organisation).count() == 1


def test_markup_is_taken_out_and_limits_are_held(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    client.force_login(member_of(organisation))
    response = client.post(
        path(organisation),
        valid(
            place,
            summary="<p>Free <b>lawyers</b></p><script>alert(1)</script>",
            contact_notes='<a href="javascript:x()">Call</a> us',
        ),
    )
    assert response.status_code == 302
    listing = ServiceListing.objects.get(organisation=organisation)
    assert listing.summary == "Free lawyers"
    assert listing.contact_notes == "Call us"

    response = client.post(path(organisation), valid(place, summary="x" * 601))
    assert response.status_code == 200
    assert "What you offer can be up to 600 characters; yours has 601." in (
        response.content.decode()
    )
    response = client.post(path(organisation), valid(place, phone="call me maybe"))
    assert "Write the number with digits" in response.content.decode()
    response = client.post(path(organisation), valid(place, contact_notes="x" * 301))
    assert response.status_code == 200
    response = client.post(path(organisation), valid(place, languages=["xx-nope"]))
    assert response.status_code == 200
    response = client.post(path(organisation), valid(place, languages=[]))
    assert "Tick at least one language." in response.content.decode()
    listing.refresh_from_db()
    assert listing.summary == "Free lawyers"


def test_verification_is_not_the_organisations_to_change(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL, verified=False)
    other = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    client.force_login(member_of(organisation))
    data = valid(place, verified="on", organisation=other.pk)
    assert client.post(path(organisation), data).status_code == 302
    organisation.refresh_from_db()
    assert not organisation.verified
    assert ServiceListing.objects.get().organisation == organisation


def test_an_organisation_that_offers_no_services_cannot_start_a_listing(client, place):
    organisation = OrganisationFactory(kind=Organisation.Kind.MEDIA)
    client.force_login(member_of(organisation))
    response = client.get(path(organisation))
    assert response.status_code == 200
    assert "not one that offers them" in response.content.decode()
    assert "<form" not in response.content.decode().split("<main")[1]
    assert client.post(path(organisation), valid(place)).status_code == 403
    assert not ServiceListing.objects.exists()


def test_the_organisation_page_links_its_admins_to_the_listing(client):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    link = path(organisation)
    assert link not in client.get(f"/organisations/{organisation.slug}/").content.decode()
    client.force_login(member_of(organisation, Role.REVIEWER))
    assert link not in client.get(f"/organisations/{organisation.slug}/").content.decode()
    client.force_login(member_of(organisation))
    assert link in client.get(f"/organisations/{organisation.slug}/").content.decode()


def test_site_admins_manage_listings_in_the_wagtail_admin(client, place):
    site_admin = UserFactory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    listing = ServiceListingFactory(organisation=OrganisationFactory(name="Harbour Legal"))
    client.force_login(site_admin)
    index = client.get("/admin/snippets/pathways/servicelisting/")
    assert index.status_code == 200
    assert "Harbour Legal" in index.content.decode()
    edit = f"/admin/snippets/pathways/servicelisting/edit/{listing.pk}/"
    assert client.get(edit).status_code == 200
    data = {
        "organisation": listing.organisation.pk,
        "summary": "<b>Lawyers</b> for survivors",
        "services": [SupportService.objects.get(key="restitution").pk],
        "jurisdictions": [place.pk],
        "cost": "sliding",
        "phone": "",
        "contact_notes": "",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "1",
        "languages-MIN_NUM_FORMS": "1",
        "languages-MAX_NUM_FORMS": "1000",
        "languages-0-id": listing.languages.get().pk,
        "languages-0-language": "es",
        "languages-0-DELETE": "",
    }
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    listing.refresh_from_db()
    assert listing.summary == "Lawyers for survivors"
    assert listing.cost == "sliding"
    assert list(listing.languages.values_list("language", flat=True)) == ["es"]


def test_people_without_admin_access_cannot_open_the_listings_admin(client):
    organisation = OrganisationFactory(kind=Organisation.Kind.LEGAL)
    client.force_login(member_of(organisation))
    response = client.get("/admin/snippets/pathways/servicelisting/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize(
    "missing", ["organisation", "summary", "cost", "languages-TOTAL_FORMS", "languages-0-language"]
)
def test_a_malformed_admin_post_saves_nothing_and_does_not_fail(client, place, missing):
    site_admin = UserFactory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    listing = ServiceListingFactory(organisation=OrganisationFactory(), summary="As it was.")
    client.force_login(site_admin)
    client.raise_request_exception = False
    data = {
        "organisation": listing.organisation.pk,
        "summary": "Changed",
        "services": [SupportService.objects.get(key="restitution").pk],
        "jurisdictions": [place.pk],
        "cost": "sliding",
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "1",
        "languages-MIN_NUM_FORMS": "1",
        "languages-MAX_NUM_FORMS": "1000",
        "languages-0-id": listing.languages.get().pk,
        "languages-0-language": "es",
    }
    del data[missing]
    response = client.post(f"/admin/snippets/pathways/servicelisting/edit/{listing.pk}/", data)
    assert response.status_code in (200, 400)
    listing.refresh_from_db()
    assert listing.summary == "As it was."
