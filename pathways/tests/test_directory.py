"""The public directory of legal and support services: only verified
organisations, each filter alone and combined, jurisdictions within
jurisdictions both ways, bad input, and a query count that stays flat as the
directory grows."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advocacy.organisations.factories import OrganisationFactory
from pathways.factories import JurisdictionFactory, ServiceListingFactory
from pathways.models import ServiceCost, SupportService

pytestmark = pytest.mark.django_db

URL = "/pathways/services/"


@pytest.fixture
def places():
    us = JurisdictionFactory(code="us", name="United States")
    return {
        "us": us,
        "us-ca": JurisdictionFactory(code="us-ca", name="California", parent=us),
        "us-tx": JurisdictionFactory(code="us-tx", name="Texas", parent=us),
        "th": JurisdictionFactory(code="th", name="Thailand"),
    }


def service(key):
    return SupportService.objects.get(key=key)


def listing(name, places, *, serves, services=("civil-litigation",), languages=("en",), **kw):
    organisation = OrganisationFactory(name=name, verified=kw.pop("verified", True))
    return ServiceListingFactory(
        organisation=organisation,
        jurisdictions=[places[code] for code in serves],
        services=[service(key) for key in services],
        languages=list(languages),
        **kw,
    )


def names(response) -> list[str]:
    """The organisations listed, in order (each entry's heading)."""
    html = response.content.decode()
    return re.findall(r'<h3 id="listing-\d+">([^<]+)</h3>', html)


@pytest.fixture
def directory(places):
    listing("Bay Legal Aid", places, serves=["us-ca"], services=["civil-litigation", "vacatur"])
    listing(
        "Federal Justice Project",
        places,
        serves=["us"],
        services=["restitution"],
        languages=["en", "es"],
        cost=ServiceCost.SLIDING,
    )
    listing(
        "Lone Star Counselling",
        places,
        serves=["us-tx"],
        services=["counselling"],
        cost=ServiceCost.PAID,
    )
    listing("Bangkok Shelter", places, serves=["th"], services=["shelter"], languages=["th"])
    listing("Unchecked Law Office", places, serves=["us-ca"], verified=False, languages=["fr"])
    return places


def test_visitors_see_only_verified_organisations_without_an_account(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "Bangkok Shelter",
        "Bay Legal Aid",
        "Federal Justice Project",
        "Lone Star Counselling",
    ]
    assert "Unchecked Law Office" not in response.content.decode()


def test_unverified_organisations_stay_out_whatever_the_filters(client, directory):
    response = client.get(URL, {"jurisdiction": "us-ca", "service": "civil-litigation"})
    assert names(response) == ["Bay Legal Aid"]
    assert "Unchecked" not in response.content.decode()


def test_choosing_a_state_shows_services_there_and_for_the_whole_country(client, directory):
    assert names(client.get(URL, {"jurisdiction": "us-ca"})) == [
        "Bay Legal Aid",
        "Federal Justice Project",
    ]
    assert names(client.get(URL, {"jurisdiction": "us-tx"})) == [
        "Federal Justice Project",
        "Lone Star Counselling",
    ]


def test_choosing_a_country_shows_services_for_it_and_for_any_of_its_states(client, directory):
    assert names(client.get(URL, {"jurisdiction": "us"})) == [
        "Bay Legal Aid",
        "Federal Justice Project",
        "Lone Star Counselling",
    ]
    assert names(client.get(URL, {"jurisdiction": "th"})) == ["Bangkok Shelter"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"service": "vacatur"}, ["Bay Legal Aid"]),
        ({"service": "restitution"}, ["Federal Justice Project"]),
        ({"service": "immigration"}, []),
        ({"language": "es"}, ["Federal Justice Project"]),
        ({"language": "th"}, ["Bangkok Shelter"]),
        ({"cost": "sliding"}, ["Federal Justice Project"]),
        ({"cost": "paid"}, ["Lone Star Counselling"]),
        ({"cost": "free"}, ["Bangkok Shelter", "Bay Legal Aid"]),
    ],
)
def test_each_filter_on_its_own(client, directory, query, expected):
    assert names(client.get(URL, query)) == expected


def test_filters_combine(client, directory):
    query = {"jurisdiction": "us-ca", "language": "en", "cost": "free"}
    assert names(client.get(URL, query)) == ["Bay Legal Aid"]
    query = {"jurisdiction": "us-ca", "language": "es", "service": "restitution"}
    assert names(client.get(URL, query)) == ["Federal Justice Project"]
    query = {"jurisdiction": "th", "service": "vacatur"}
    response = client.get(URL, query)
    assert names(response) == []
    assert "No service matches all of these choices yet" in response.content.decode()


def test_the_form_is_plain_selects_and_keeps_the_choices(client, directory):
    html = client.get(URL, {"jurisdiction": "us-ca", "cost": "paid"}).content.decode()
    assert '<form method="get"' in html
    for name in ("jurisdiction", "language", "service", "cost"):
        assert f'<select name="{name}"' in html
        assert f'<label for="directory-{name}">' in html
    assert '<option value="us-ca" selected>California</option>' in html
    assert '<option value="paid" selected>Paid</option>' in html
    assert '<optgroup label="United States">' in html
    assert ">Show services</button>" in html
    assert f'href="{URL}">Clear</a>' in html


def test_only_languages_some_listed_service_works_in_are_offered(client, directory):
    html = client.get(URL).content.decode()
    language_select = html.split('id="directory-language"')[1].split("</select>")[0]
    options = re.findall(r'<option value="([^"]*)"', language_select)
    # French is spoken only by the unverified office: not offered.
    assert options == ["", "en", "es", "th"]
    assert ">Thai</option>" in language_select


def test_an_entry_shows_how_to_reach_the_service(client, places):
    organisation = OrganisationFactory(
        name="Harbour Legal", website="https://harbour.example.org/help"
    )
    ServiceListingFactory(
        organisation=organisation,
        summary="Free lawyers for survivors.\nWe can meet online.",
        jurisdictions=[places["us-ca"], places["th"]],
        services=[service("vacatur"), service("immigration")],
        languages=["en", "th"],
        cost=ServiceCost.SLIDING,
        phone="+1 (555) 010-0100",
        contact_notes="Call on weekdays; an interpreter can join.",
    )
    html = client.get(URL).content.decode()
    assert "Free lawyers for survivors.<br>We can meet online." in html
    assert "Immigration" in html and "Vacatur" in html
    assert "California (United States), Thailand" in html
    assert "English, Thai" in html
    assert "Sliding scale" in html
    assert '<a href="https://harbour.example.org/help" rel="noopener noreferrer">' in html
    assert '<a href="tel:+15550100100">+1 (555) 010-0100</a>' in html
    assert "Call on weekdays; an interpreter can join." in html


def test_what_organisations_wrote_is_escaped(client, places):
    organisation = OrganisationFactory(name="<b>Bold</b> Aid")
    ServiceListingFactory(
        organisation=organisation,
        summary="<script>alert(1)</script>",
        jurisdictions=[places["us"]],
        services=[service("shelter")],
        phone="call us",
        contact_notes="<img src=x onerror=alert(1)>",
    )
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; Aid" in html
    assert "tel:" not in html  # no digits, no telephone link


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"jurisdiction": "atlantis"}, "We do not know the place “atlantis”."),
        ({"service": "<script>x</script>"}, "We do not know the service “&lt;script&gt;"),
        ({"cost": "cheap"}, "“cheap” is not a cost we know."),
        ({"language": "fr"}, "No service in the directory works in the language “fr” yet."),
        ({"language": "zz-junk"}, "works in the language “zz-junk” yet."),
    ],
)
def test_a_choice_that_cannot_be_used_is_said_on_the_page(client, directory, query, message):
    response = client.get(URL, {**query, "cost": query.get("cost", "free")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some of your choices could not be used" in html
    assert message in html
    assert "<script>x" not in html
    if "cost" not in query:
        # The choices that could be read still apply.
        assert names(response) == ["Bangkok Shelter", "Bay Legal Aid"]


@pytest.mark.parametrize("page", ["abc", "-1", "999", "1.5", "9" * 30])
def test_a_page_number_that_makes_no_sense_still_shows_a_page(client, directory, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert names(response)


def test_pages_keep_the_filters(client, places):
    for number in range(25):
        listing(f"Service {number:02}", places, serves=["us"], services=["counselling"])
    first = client.get(URL, {"service": "counselling"})
    assert len(names(first)) == 20
    html = first.content.decode()
    assert "service=counselling&amp;page=2" in html
    second = client.get(URL, {"service": "counselling", "page": "2"})
    assert names(second) == [f"Service {number:02}" for number in range(20, 25)]


def grow(places, count, start=0):
    """`count` listings, each with two services, two jurisdictions and two
    languages, so every relation an entry shows has rows to prefetch."""
    for number in range(start, start + count):
        listing(
            f"Organisation {number:03}",
            places,
            serves=["us-ca", "th"],
            services=["civil-litigation", "counselling"],
            languages=["en", "th"],
        )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"jurisdiction": "us-ca", "service": "counselling", "language": "th", "cost": "free"},
        {"jurisdiction": "nowhere", "page": "junk"},
    ],
)
def test_the_directory_costs_the_same_queries_with_ten_times_the_listings(client, places, query):
    grow(places, 3)
    client.get(URL)  # The site's settings are made and cached on a first visit.
    with CaptureQueriesContext(connection) as few:
        assert len(names(client.get(URL, query))) == 3
    grow(places, 27, start=3)
    # New places are a shared list: the site-wide data is read again once.
    client.get(URL)
    with CaptureQueriesContext(connection) as many:
        shown = names(client.get(URL, query))
    assert len(shown) == 20
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_directory_is_pinned_at_its_number_of_queries(
    client, places, django_assert_num_queries
):
    grow(places, 30)
    client.get(URL)  # The site's settings are made and cached on a first visit.
    # Services, listed languages, the count, one page of listings with their
    # organisations, their services, jurisdictions and languages. What every
    # page of the site reads (the site, its safety settings, the menu) and the
    # jurisdictions are kept per process (core/site_wide.py).
    with django_assert_num_queries(7):
        client.get(URL, {"jurisdiction": "us", "service": "counselling"})
