"""The Wagtail admin works with the email-only user model and our page types."""

import pytest
from django.urls import reverse

from content.translations import in_source_language
from home.models import StandardPage
from people import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, user_factory):
    admin = user_factory(roles=[roles.SITE_ADMINS], is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin)
    return client


def test_admin_pages_open_for_an_admin_with_mfa(admin_client, demo_site, user_factory):
    about = in_source_language(StandardPage.objects).get(slug="about")
    person = user_factory()
    for path in [
        "/admin/",
        f"/admin/pages/{demo_site.pk}/",
        f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/add/home/standardpage/{demo_site.pk}/",
        f"/admin/settings/home/safetysettings/{demo_site.get_site().pk}/",
        "/admin/users/",
        reverse("wagtailusers_users:edit", args=[person.pk]),
        "/admin/groups/",
    ]:
        assert admin_client.get(path).status_code == 200, path


def test_a_site_admin_without_superuser_can_reach_the_admin(client, user_factory, demo_site):
    user = user_factory(roles=[roles.SITE_ADMINS], mfa=True)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_people_without_admin_access_are_turned_away(client, user_factory, demo_site):
    # Survivor leaders author campaigns and proposals in the admin; people who
    # act for an organisation have nothing to do there.
    client.force_login(user_factory(roles=[roles.ORGANISATION_MEMBERS]))
    response = client.get("/admin/")
    # Told so on a page of its own, not sent to sign in again (which looped).
    assert response.status_code == 403
    assert "admin_not_available.html" in [t.name for t in response.templates]


def test_admins_cannot_set_passwords_for_other_people(admin_client, user_factory):
    # People set their own password (sign-up or password reset, both by email);
    # the admin's password fields are switched off (WAGTAILUSERS_PASSWORD_ENABLED).
    for path in (
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[user_factory().pk]),
    ):
        html = admin_client.get(path).content.decode()
        assert 'name="email"' in html
        assert 'name="password1"' not in html
