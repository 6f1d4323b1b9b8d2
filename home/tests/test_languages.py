"""Languages: every listed language can be chosen, and switching keeps the page."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_all_platform_languages_are_offered(client, demo_site):
    html = client.get("/").content.decode()
    for code, _name in settings.LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in html


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_switching_language_keeps_the_page(client, demo_site, code):
    response = client.post("/i18n/setlang/", {"language": code, "next": "/about/"})
    assert response.status_code == 302
    assert response.url == f"/{code}/about/"
    page = client.get(response.url)
    assert page.status_code == 200
    assert f'<html lang="{code}"' in page.content.decode()


def test_switching_back_to_english_drops_the_prefix(client, demo_site):
    response = client.post("/th/i18n/setlang/", {"language": "en", "next": "/th/safety/"})
    assert response.url == "/safety/"


def test_language_switch_refuses_an_outside_next(client, demo_site):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example.org/"}
    )
    assert response.status_code == 302
    assert "evil.example.org" not in response.url


def test_switching_language_keeps_the_query_string(client, demo_site):
    response = client.post(
        "/i18n/setlang/",
        {"language": "es", "next": "/pathways/services/?jurisdiction=us-ny&cost=free&page=2"},
    )
    assert response.url == "/es/pathways/services/?jurisdiction=us-ny&cost=free&page=2"
    response = client.post(
        "/es/i18n/setlang/",
        {"language": "th", "next": "/es/search/?q=pledge"},
    )
    assert response.url == "/th/search/?q=pledge"
    assert client.get(response.url).status_code == 200


def test_the_switcher_sends_the_page_and_its_query_string(client, demo_site):
    html = client.get("/search/?q=pledge&page=1").content.decode()
    assert '<input name="next" type="hidden" value="/search/?q=pledge&amp;page=1">' in html


def test_a_draft_translation_says_so_on_the_switcher(client, demo_site, settings):
    settings.REVIEWED_LANGUAGES = ["en", "es"]
    draft_note = 'class="language-switcher__draft"'
    assert draft_note not in client.get("/").content.decode()
    assert draft_note not in client.get("/es/").content.decode()
    thai = client.get("/th/").content.decode()
    assert thai.count(draft_note) == 1
