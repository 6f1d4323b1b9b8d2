"""Helplines where the reader is: chosen by the reader, never guessed."""

import pytest
from django.utils import translation
from wagtail.models import Site

from home.helplines import COOKIE_NAME
from home.models import SafetySettings
from people.models import Profile

pytestmark = pytest.mark.django_db

LINES = [
    {"name": "Thai line", "country": "TH", "phone": "1300"},
    {"name": "US line", "country": "US", "phone": "1-888-373-7888"},
    {"name": "Anywhere directory", "country": "", "url": "https://directory.example.org/"},
]


@pytest.fixture
def helplines(home):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.helplines = [("helpline", line) for line in LINES]
    safety.save()
    return safety


def footer(response) -> str:
    html = response.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def choose(client, country, next_path="/browse-safely/?q=1"):
    return client.post("/helplines/country/", {"country": country, "next": next_path})


def test_before_a_choice_only_the_lines_for_anywhere_show_with_the_chooser(client, helplines):
    html = footer(client.get("/browse-safely/"))
    assert "Anywhere directory" in html
    assert "Thai line" not in html and "US line" not in html
    assert "Show helplines for your country" in html
    assert '<option value="TH">Thailand</option>' in html
    assert '<option value="elsewhere">Somewhere else</option>' in html


def test_the_country_is_never_guessed_from_the_connection(client, helplines):
    response = client.get(
        "/browse-safely/",
        HTTP_CF_IPCOUNTRY="TH",
        HTTP_X_FORWARDED_FOR="1.46.0.1",
        HTTP_ACCEPT_LANGUAGE="th-TH",
        HTTP_X_APPENGINE_COUNTRY="US",
    )
    html = footer(response)
    assert "Thai line" not in html and "US line" not in html


def test_a_visitor_chooses_and_keeps_the_choice_in_a_cookie(client, helplines):
    response = choose(client, "TH")
    assert response.status_code == 302
    assert response["Location"] == "/browse-safely/?q=1#helplines-heading"
    cookie = response.cookies[COOKIE_NAME]
    assert cookie.value == "TH"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    html = footer(client.get("/browse-safely/"))
    assert "Thai line" in html and "Anywhere directory" in html
    assert "US line" not in html
    assert "In Thailand" in html
    assert '<option value="TH" selected>Thailand</option>' in html
    assert "Show helplines for another country" in html


def test_a_country_without_an_entry_shows_the_lines_for_anywhere(client, helplines):
    choose(client, "FR")
    html = footer(client.get("/"))
    assert "No helpline in France is listed here yet." in html
    assert "Anywhere directory" in html
    assert "Thai line" not in html


def test_somewhere_else_shows_the_lines_for_anywhere_without_a_note(client, helplines):
    choose(client, "elsewhere")
    html = footer(client.get("/"))
    assert "Anywhere directory" in html
    assert "is listed here yet" not in html
    assert '<option value="elsewhere" selected>' in html


def test_a_member_keeps_the_choice_on_the_profile_for_every_device(client, helplines, user_factory):
    member = user_factory()
    client.force_login(member)
    response = choose(client, "US")
    assert COOKIE_NAME not in response.cookies
    assert Profile.objects.get(user=member).helpline_country == "US"
    other_device = client.__class__()
    other_device.force_login(member)
    assert "US line" in footer(other_device.get("/"))


def test_an_unknown_country_is_refused_clearly_and_changes_nothing(client, helplines):
    choose(client, "TH")
    response = choose(client, "XX")
    assert response.status_code == 400
    assert "We could not tell which country you chose." in response.content.decode()
    assert COOKIE_NAME not in response.cookies
    assert "Thai line" in footer(client.get("/"))


def test_the_way_back_stays_on_this_site(client, helplines):
    response = choose(client, "TH", next_path="https://elsewhere.example.org/")
    assert response["Location"] == "/#helplines-heading"


def test_the_choice_and_its_page_are_in_the_readers_language(client, helplines):
    response = client.post("/th/helplines/country/", {"country": "TH", "next": "/th/"})
    assert response["Location"] == "/th/#helplines-heading"
    with translation.override("en"):
        assert "Thai line" in footer(client.get("/th/"))


def test_choosing_needs_a_post(client, helplines):
    assert client.get("/helplines/country/?country=TH").status_code == 405


def test_lines_saved_with_a_country_as_their_region_keep_reaching_their_readers(home):
    """The data migration moves "United States" from region to country."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("home.migrations.0004_helplines_by_country")
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.helplines = [
        ("helpline", {"name": "Old US line", "region": "United States", "phone": "1"}),
        ("helpline", {"name": "City line", "region": "Bangkok", "phone": "2"}),
    ]
    safety.save()
    migration.country_from_region(apps, None)
    safety.refresh_from_db()
    values = [block.value for block in safety.helplines]
    assert (values[0]["country"], values[0]["region"]) == ("US", "")
    assert (values[1]["country"] or "", values[1]["region"]) == ("", "Bangkok")
