"""Two-step set-up right after signing in: no second password prompt, the
recovery codes once on the way, then on to where the person was going."""

import re
import time
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from people import roles
from people.factories import DEFAULT_PASSWORD, enable_mfa, totp_code
from people.mfa_setup import DESTINATION_SESSION_KEY

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
CONTINUE = "Continue to where you were going"


def sign_in(client, user, next_url):
    response = client.post(
        f"{LOGIN}?next={next_url}", {"login": user.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    return response.url


def set_up_totp(client):
    """Open the set-up page, read the secret it shows and answer with a code."""
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200, response.get("Location")
    secret = re.search(
        r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', response.content.decode()
    ).group(1)
    return client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})


@pytest.fixture
def facilitator(user_factory):
    return user_factory(email="facilitator@example.org", roles=[roles.COUNCIL_FACILITATORS])


def test_set_up_after_sign_in_asks_no_password_and_ends_where_the_person_was_going(
    client, facilitator
):
    destination = reverse("people:account")
    landed = sign_in(client, facilitator, destination)
    assert landed == destination

    # Their role needs a second factor: they are sent to set it up, and the
    # address they were going to travels along.
    response = client.get(destination)
    assert response.status_code == 302
    assert response.url == f"{reverse('mfa_index')}?next=%2Fme%2F"
    page = client.get(response.url).content.decode()
    assert reverse("mfa_activate_totp") in page

    # Signed in moments ago: not asked for the password again.
    response = set_up_totp(client)
    assert response.status_code == 302
    assert response.url == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=facilitator, type="totp").exists()

    # The recovery codes, once, with the way on.
    page = client.get(response.url).content.decode()
    codes = Authenticator.objects.get(user=facilitator, type="recovery_codes").wrap()
    unused = codes.get_unused_codes()
    assert len(unused) == 10
    assert all(code in page for code in unused)
    assert CONTINUE in page
    assert 'class="site-header"' in page and "quick-exit" in page and "site-footer" in page

    response = client.get(reverse("people:mfa_setup_continue"))
    assert response.status_code == 302
    assert response.url == destination
    assert client.get(destination).status_code == 200

    # Taken once: the way on is not offered again, and continuing goes home.
    assert CONTINUE not in client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert client.get(reverse("people:mfa_setup_continue")).url == "/"


def test_the_admin_is_where_a_site_admin_lands_after_set_up(client, user_factory):
    admin = user_factory(email="site.admin@example.org", roles=[roles.SITE_ADMINS])
    assert sign_in(client, admin, "/admin/") == "/admin/"
    assert client.get("/admin/").url == f"{reverse('mfa_index')}?next=%2Fadmin%2F"
    assert set_up_totp(client).url == reverse("mfa_view_recovery_codes")
    assert CONTINUE in client.get(reverse("mfa_view_recovery_codes")).content.decode()
    response = client.get(reverse("people:mfa_setup_continue"))
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example/x", "https:evil.example", "javascript:x"]
)
def test_an_off_site_next_is_refused(client, facilitator, evil):
    # allauth refuses it at sign-in...
    assert sign_in(client, facilitator, evil) == "/"
    # ...and set-up refuses it too when it is given there.
    client.get(f"{reverse('mfa_index')}?next={evil}")
    assert client.session.get(DESTINATION_SESSION_KEY) in (None, "/")
    set_up_totp(client)
    response = client.get(reverse("people:mfa_setup_continue"))
    assert response.url == "/"


def test_the_password_is_asked_again_once_the_sign_in_is_no_longer_recent(client, facilitator):
    sign_in(client, facilitator, "/")
    later = time.time() + 301
    with mock.patch("people.mfa_setup.time.time", return_value=later):
        response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_a_session_not_started_by_signing_in_is_asked_for_the_password(client, facilitator):
    client.force_login(facilitator)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_someone_who_already_has_a_second_factor_gets_no_set_up_grace(client, facilitator):
    enable_mfa(facilitator)
    client.post(LOGIN, {"login": facilitator.email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": totp_code(facilitator)})
    assert client.session["_auth_user_id"] == str(facilitator.pk)
    # Removing or regenerating factors still needs the password.
    response = client.get(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


@pytest.mark.parametrize(
    "url_name",
    ["mfa_index", "mfa_activate_totp", "mfa_add_webauthn", "account_reauthenticate"],
)
def test_set_up_pages_wear_the_sites_look(client, facilitator, url_name):
    sign_in(client, facilitator, "/")
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    page = response.content.decode()
    for part in ('class="site-header"', 'class="quick-exit', 'class="site-footer"', "site.css"):
        assert part in page, (url_name, part)
    # allauth's buttons and panels in the site's classes.
    assert 'class="button' in page or 'type="submit"' in page


def test_the_browser_fetching_an_icon_does_not_replace_where_the_person_was_going(
    client, facilitator
):
    sign_in(client, facilitator, "/admin/")
    client.get("/admin/", headers={"Sec-Fetch-Dest": "document"})
    # On the set-up page, the browser asks for an icon and a script for data.
    client.get("/favicon.ico", headers={"Sec-Fetch-Dest": "image"})
    client.get("/me/", headers={"Accept": "application/json"})
    assert client.session[DESTINATION_SESSION_KEY] == "/admin/"
    client.get("/me/", headers={"Sec-Fetch-Dest": "document"})
    assert client.session[DESTINATION_SESSION_KEY] == "/me/"
