"""Organisation profiles, member management by organisation admins, and
verification by site admins in the Wagtail admin."""

import pytest

from advocacy.organisations.models import Organisation, OrganisationMembership
from people import roles

from .helpers import (
    OrganisationFactory,
    member_of,
    organisation_with_staff,
    survivor_leader,
)

pytestmark = pytest.mark.django_db


def test_verified_profiles_are_public_unverified_ones_only_for_their_people(client):
    verified = OrganisationFactory(name="Harbour Legal", description="<p>Legal aid</p>")
    assert "Legal aid" in client.get(f"/organisations/{verified.slug}/").content.decode()
    unverified = OrganisationFactory(verified=False)
    assert client.get(f"/organisations/{unverified.slug}/").status_code == 404
    client.force_login(survivor_leader())
    assert client.get(f"/organisations/{unverified.slug}/").status_code == 404
    client.force_login(member_of(unverified))
    assert client.get(f"/organisations/{unverified.slug}/").status_code == 200


def test_organisation_admins_manage_members_and_nobody_else_can(client, user_factory):
    organisation, admin, reviewer = organisation_with_staff()
    newcomer = user_factory(email="newcomer@example.org")
    path = f"/organisations/{organisation.slug}/members/"
    assert client.get(path).status_code == 302
    client.force_login(member_of(OrganisationFactory(), "admin"))
    assert client.get(path).status_code == 404
    assert client.post(path, {"email": newcomer.email, "role": "reviewer"}).status_code == 404
    # The organisation's own people see who acts for it, without the controls.
    client.force_login(reviewer)
    page = client.get(path)
    assert page.status_code == 200
    assert admin.display_name in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    assert "/remove/" not in page.content.decode()
    assert client.post(path, {"email": newcomer.email, "role": "reviewer"}).status_code == 403
    assert client.post(f"{path}{admin.pk}/remove/").status_code == 404
    assert not OrganisationMembership.objects.filter(user=newcomer).exists()
    assert OrganisationMembership.objects.filter(user=admin).exists()

    client.force_login(admin)
    response = client.post(path, {"email": "nobody@example.org", "role": "reviewer"})
    assert "No account uses this address" in response.content.decode()
    response = client.post(path, {"email": newcomer.email, "role": "reviewer"})
    assert response.status_code == 302
    assert newcomer.groups.filter(name=organisation.audience.group.name).exists()
    response = client.post(f"{path}{newcomer.pk}/remove/")
    assert response.status_code == 302
    assert not OrganisationMembership.objects.filter(user=newcomer).exists()


def test_site_admins_verify_in_the_wagtail_admin_and_who_is_recorded(client, user_factory):
    site_admin = user_factory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    organisation = OrganisationFactory(verified=False, name="Bridge Media", kind="media")
    client.force_login(site_admin)
    edit = f"/admin/snippets/organisations/organisation/edit/{organisation.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "name": "Bridge Media",
            "slug": organisation.slug,
            "kind": "media",
            "description": "",
            "website": "",
            "verified": "on",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified
    assert organisation.verified_by == site_admin
    organisation.audience.refresh_from_db()
    assert organisation.audience.verified


def test_people_without_admin_access_cannot_open_the_organisation_admin(client):
    _organisation, admin, _reviewer = organisation_with_staff()
    client.force_login(admin)
    response = client.get("/admin/snippets/organisations/organisation/")
    assert response.status_code in (302, 403)
    assert Organisation.objects.count() == 1


def test_organisation_admins_edit_the_profile_but_cannot_verify(client):
    organisation = OrganisationFactory(verified=False)
    admin = member_of(organisation, "admin")
    path = f"/organisations/{organisation.slug}/edit/"
    for user in (member_of(organisation, "reviewer"), survivor_leader()):
        client.force_login(user)
        assert client.get(path).status_code == 404
    client.force_login(admin)
    data = {
        "name": "Harbour Legal",
        "kind": "ngo",
        "description": "<p>Legal aid</p><script>x()</script>",
        "website": "",
        "verified": "on",
    }
    assert client.post(path, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Harbour Legal"
    assert "<script>" not in organisation.description
    assert organisation.verified is False
