"""SameEntryRedirectMiddleware: the redirect after a form, told to the site's
script instead of followed (see site/static/js/one-entry.js)."""

import pytest

from home.middleware import SAME_ENTRY_HEADER, SAME_ENTRY_LOCATION_HEADER

pytestmark = pytest.mark.django_db

MARKED = {"headers": {SAME_ENTRY_HEADER: "1"}}


def test_a_marked_post_gets_the_address_instead_of_a_redirect(client, demo_site):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/campaigns/"}, **MARKED)
    assert response.status_code == 204
    assert response.content == b""
    assert not response.has_header("Location")
    assert response[SAME_ENTRY_LOCATION_HEADER] == "/es/campaigns/"
    # What the redirect carried still arrives: here the language cookie.
    assert response.cookies["django_language"].value == "es"


def test_the_next_page_still_shows_its_messages_once(client, demo_site):
    """The point of not following the redirect: the page it leads to is loaded
    once, by the browser, and shows the form's message."""
    response = client.post(
        "/campaigns/migrate-safely/pledge/",
        {"name": "Lin", "email": "lin@example.net"},
        **MARKED,
    )
    assert response.status_code == 204
    next_page = response[SAME_ENTRY_LOCATION_HEADER]
    assert next_page.startswith("/campaigns/migrate-safely/")
    html = client.get(next_page).content.decode()
    assert "your pledge counts once you open it" in html


def test_without_the_header_redirects_are_unchanged(client, demo_site):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/campaigns/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/campaigns/"
    assert not response.has_header(SAME_ENTRY_LOCATION_HEADER)


def test_a_marked_get_is_unchanged(client, demo_site):
    """Links and GET forms are opened by the browser itself, which follows
    redirects; only the posts that the script sends are marked."""
    response = client.get("/me/", **MARKED)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_marked_post_that_answers_with_a_page_is_unchanged(client, demo_site):
    response = client.post(
        "/accounts/login/", {"login": "nobody@example.org", "password": "wrong"}, **MARKED
    )
    assert response.status_code == 200
    assert not response.has_header(SAME_ENTRY_LOCATION_HEADER)
    assert "password" in response.content.decode()
