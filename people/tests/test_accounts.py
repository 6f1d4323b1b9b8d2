"""Accounts: email login, mandatory verification, rate limits, enumeration
prevention, and MFA that roles with access to other people's data must use."""

import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse
from django.utils.http import urlencode

from people import roles
from people.adapters import MFAAdapter
from people.factories import DEFAULT_PASSWORD, enable_mfa, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
SIGNUP = "/accounts/signup/"
NEW_PASSWORD = "plum-river-lantern-42"


def sign_up(client, email):
    return client.post(
        SIGNUP, {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+)", message.body).group(1)


def test_signup_needs_a_verified_email_before_sign_in(client):
    response = sign_up(client, "new.person@example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert "_auth_user_id" not in client.session

    # Signing in before verifying only sends the person back to "check your email".
    response = client.post(LOGIN, {"login": "new.person@example.org", "password": NEW_PASSWORD})
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session

    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200
    client.post(link)
    assert EmailAddress.objects.get(email="new.person@example.org").verified

    response = client.post(LOGIN, {"login": "new.person@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_an_expired_verification_link_says_so_and_verifies_nothing(client):
    sign_up(client, "late@example.org")
    link = confirmation_link(mail.outbox[0])
    four_days_later = time.time() + 4 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=four_days_later):
        page = client.get(link)
        client.post(link)
    assert "This email confirmation link expired or is invalid" in page.content.decode()
    assert not EmailAddress.objects.get(email="late@example.org").verified


def test_signing_up_with_a_taken_email_reveals_nothing(client, user_factory):
    user_factory(email="taken@example.org")
    response = sign_up(client, "taken@example.org")
    # Same answer as for a new address; the owner gets a note by email instead.
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taken@example.org"]
    assert "already" in (mail.outbox[0].subject + mail.outbox[0].body).lower()


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, user_factory):
    user_factory(email="known@example.org")
    known = client.post("/accounts/password/reset/", {"email": "known@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url


def test_wrong_password_error_does_not_say_which_part_was_wrong(client, user_factory):
    user_factory(email="someone@example.org")
    wrong_password = client.post(LOGIN, {"login": "someone@example.org", "password": "nope"})
    no_account = client.post(LOGIN, {"login": "nobody@example.org", "password": "nope"})
    for response in (wrong_password, no_account):
        assert response.status_code == 200
        assert "The email address and/or password you specified are not correct" in (
            response.content.decode()
        )


def test_the_sixth_failed_login_in_a_row_is_refused(client, user_factory):
    user_factory(email="target@example.org")
    for _ in range(5):
        response = client.post(LOGIN, {"login": "target@example.org", "password": "wrong"})
        assert "Too many failed login attempts" not in response.content.decode()
    # Even the right password is refused now, so guessing gains nothing.
    response = client.post(LOGIN, {"login": "target@example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/admin/pages/"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=/admin/")


def test_the_admin_password_reset_is_not_reachable(client):
    assert client.get("/admin/password_reset/").status_code in (302, 404)


@pytest.mark.parametrize(
    ("kind", "role_groups"),
    [
        ("staff", []),
        ("site admin", [roles.SITE_ADMINS]),
        ("council facilitator", [roles.COUNCIL_FACILITATORS]),
        ("organisation admin", [roles.ORGANISATION_ADMINS]),
    ],
)
def test_roles_that_need_mfa_are_sent_to_set_it_up(client, user_factory, kind, role_groups):
    user = user_factory(is_staff=kind == "staff", roles=role_groups)
    client.force_login(user)
    for path in ("/admin/", "/"):
        response = client.get(path)
        assert response.status_code == 302, (kind, path)
        assert response.url == f"{reverse('mfa_index')}?{urlencode({'next': path})}"
    # Their account and MFA pages stay open to them.
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_email")).status_code == 200


def test_staff_without_mfa_cannot_open_the_admin_but_can_once_set_up(client, user_factory):
    user = user_factory(is_staff=True, is_superuser=True)
    client.force_login(user)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('mfa_index')}?next=%2Fadmin%2F"
    assert "needs two-step verification" in response.content.decode()

    enable_mfa(user)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_do_not_satisfy_the_requirement(client, user_factory):
    user = user_factory(roles=[roles.COUNCIL_FACILITATORS])
    enable_mfa(user, totp=False)
    client.force_login(user)
    assert client.get("/").url == f"{reverse('mfa_index')}?next=%2F"


def test_people_without_such_roles_are_not_asked_for_mfa(client, user_factory, demo_site):
    client.force_login(user_factory(roles=[roles.SURVIVOR_LEADERS]))
    assert client.get("/").status_code == 200


def test_someone_who_needs_mfa_cannot_remove_their_last_factor(user_factory):
    user = user_factory(roles=[roles.ORGANISATION_ADMINS], mfa=True)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    adapter = MFAAdapter()
    assert adapter.can_delete_authenticator(totp) is False
    second = Authenticator.objects.create(
        user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "key"}
    )
    assert adapter.can_delete_authenticator(totp) is True
    assert adapter.can_delete_authenticator(second) is True


def test_anyone_else_may_remove_mfa(user_factory):
    user = user_factory(roles=[roles.SURVIVOR_LEADERS], mfa=True)
    totp = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert MFAAdapter().can_delete_authenticator(totp) is True


def test_sign_in_with_totp_and_a_recovery_code_that_cannot_be_reused(client, user_factory):
    user = user_factory(email="two.step@example.org", roles=[roles.COUNCIL_FACILITATORS], mfa=True)
    code = user.recovery_codes[0]

    def sign_in_with(second_factor):
        client.logout()
        response = client.post(LOGIN, {"login": user.email, "password": DEFAULT_PASSWORD})
        assert response.url == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        return client.post(reverse("mfa_authenticate"), {"code": second_factor})

    response = sign_in_with(totp_code(user))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = sign_in_with(code)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

    response = sign_in_with(code)
    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert "_auth_user_id" not in client.session
