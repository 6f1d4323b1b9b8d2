"""Opening the admin without admin access: a clear page, never a sign-in loop."""

import pytest
from django.contrib.auth import get_user_model

from people.factories import enable_mfa

pytestmark = pytest.mark.django_db


def signed_in(client, email):
    user = get_user_model().objects.get(email=email)
    enable_mfa(user)
    client.force_login(user)
    return user


@pytest.mark.parametrize("email", ["org-member@example.org", "org-admin@example.org"])
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/"])
def test_signed_in_people_without_admin_access_are_told_where_to_go(client, demo_site, email, path):
    signed_in(client, email)
    response = client.get(path, follow=True)  # The test client raises on a redirect loop.
    assert response.redirect_chain == []
    assert response.status_code == 403
    html = response.content.decode()
    assert "The admin is not part of your account" in html
    assert 'href="/me/"' in html
    assert 'href="/councils/"' in html
    assert 'href="/organisations/harbour-workers-rights-demo/"' in html


def test_the_page_speaks_the_person_s_own_language(client, demo_site):
    """The admin's addresses have no language prefix: their saved language is used."""
    from people.models import Profile

    user = signed_in(client, "org-member@example.org")
    profile = Profile.for_user(user)
    profile.preferred_language = "th"
    profile.save()
    html = client.get("/admin/").content.decode()
    assert '<html lang="th"' in html
    assert 'href="/th/me/"' in html


def test_visitors_still_go_to_sign_in(client, demo_site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/admin/"


@pytest.mark.parametrize("email", ["leader@example.org", "admin@example.org"])
def test_people_with_admin_access_get_the_admin(client, demo_site, email):
    signed_in(client, email)
    assert client.get("/admin/").status_code == 200
