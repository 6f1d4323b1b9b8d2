"""The chosen language sticks: addresses and emails keep it."""

import pytest
from django.test import override_settings
from django.utils import translation

from people.languages import home_url, in_active_language, in_language_of, language_of
from people.models import Profile

pytestmark = pytest.mark.django_db


def test_home_and_stored_addresses_follow_the_active_language():
    with translation.override("th"):
        assert home_url() == "/th/"
        assert (
            in_active_language("/proposals/4/review/?x=1#top") == "/th/proposals/4/review/?x=1#top"
        )
        assert in_active_language("/es/councils/") == "/es/councils/"  # has its own already
        assert in_active_language("https://www.example.org/a/") == "https://www.example.org/a/"
        assert in_active_language("//evil.example/") == "//evil.example/"
        assert in_active_language("/admin/pages/") == "/admin/pages/"  # the admin has no prefix
    with translation.override("en"):
        assert home_url() == "/"
        assert in_active_language("/proposals/4/review/") == "/proposals/4/review/"


def test_emails_use_the_recipient_s_saved_language_else_the_active_one(user_factory):
    reader = user_factory()
    with translation.override("es"):
        assert language_of(reader) == "es"
        assert language_of(None) == "es"
    profile = Profile.for_user(reader)
    profile.preferred_language = "th"
    profile.save()
    with translation.override("es"), in_language_of(reader):
        assert translation.get_language() == "th"
        assert home_url() == "/th/"


@override_settings(LANGUAGE_CODE="en")
def test_signing_in_and_out_lands_on_the_home_page_in_the_reader_s_language(client, user_factory):
    from people.factories import DEFAULT_PASSWORD

    person = user_factory()
    response = client.post(
        "/th/accounts/login/", {"login": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/th/"
    response = client.post("/es/accounts/logout/")
    assert response.headers["Location"] == "/es/"
