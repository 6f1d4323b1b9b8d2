"""A remedy page lists the services for that remedy in the reader's
jurisdiction: `services_for_remedy`, the template tag around it, and the
directory filtered for a remedy."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from advocacy.organisations.factories import OrganisationFactory
from pathways.directory.queries import REMEDY_SERVICES_LIMIT, services_for_remedy
from pathways.factories import (
    JurisdictionFactory,
    RemedyIndexPageFactory,
    RemedyPageFactory,
    ServiceListingFactory,
)
from pathways.models import RemedyIndexPage, SupportService

pytestmark = pytest.mark.django_db


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


def remedy_with(home, *keys, title="Clearing your record"):
    index = RemedyIndexPage.objects.first() or RemedyIndexPageFactory(parent=home)
    page = RemedyPageFactory(parent=index, title=title)
    page.services.set([service(key) for key in keys])
    page.save()
    return page


def listing(name, places, *, serves, services, verified=True):
    return ServiceListingFactory(
        organisation=OrganisationFactory(name=name, verified=verified),
        jurisdictions=[places[code] for code in serves],
        services=[service(key) for key in services],
    )


@pytest.fixture
def vacatur(home, places):
    listing("Federal Record Project", places, serves=["us"], services=["vacatur"])
    listing("Bay Legal Aid", places, serves=["us-ca"], services=["vacatur", "counselling"])
    listing("Lone Star Law", places, serves=["us-tx"], services=["vacatur"])
    listing("Bangkok Legal", places, serves=["th"], services=["vacatur"])
    listing("Bay Counselling", places, serves=["us-ca"], services=["counselling"])
    listing("Unchecked Law Office", places, serves=["us-ca"], services=["vacatur"], verified=False)
    return remedy_with(home, "vacatur")


def names(listings) -> list[str]:
    return [listing.organisation.name for listing in listings]


def test_services_for_a_remedy_in_a_state_include_the_whole_country(vacatur, places):
    assert names(services_for_remedy(vacatur, places["us-ca"])) == [
        "Bay Legal Aid",
        "Federal Record Project",
    ]


def test_services_for_a_remedy_in_a_country_include_its_states(vacatur, places):
    assert names(services_for_remedy(vacatur, places["us"])) == [
        "Bay Legal Aid",
        "Federal Record Project",
        "Lone Star Law",
    ]
    assert names(services_for_remedy(vacatur, places["th"])) == ["Bangkok Legal"]


def test_services_for_a_remedy_anywhere_and_for_any_of_its_services(home, vacatur, places):
    assert "Unchecked Law Office" not in names(services_for_remedy(vacatur, None))
    assert len(services_for_remedy(vacatur, None)) == 4
    both = remedy_with(home, "vacatur", "counselling", title="Both")
    assert "Bay Counselling" in names(services_for_remedy(both, places["us-ca"]))
    assert list(services_for_remedy(remedy_with(home, title="None named"), places["us"])) == []


def render_tag(page, query=None):
    request = RequestFactory().get(page.url or "/", query or {})
    template = Template("{% load pathways_directory %}{% services_for_remedy page request %}")
    return template.render(Context({"page": page, "request": request}))


def test_the_tag_asks_where_the_reader_is_before_listing_anything(vacatur):
    html = render_tag(vacatur)
    assert "Find services near you" in html
    assert '<form method="get" action="#services-near-you"' in html
    assert '<label for="services-near-jurisdiction">' in html
    assert '<option value="us-ca">California</option>' in html
    assert "Bay Legal Aid" not in html
    assert f'href="/pathways/services/?remedy={vacatur.pk}"' in html


def test_the_tag_lists_the_services_where_the_reader_is(vacatur):
    html = render_tag(vacatur, {"jurisdiction": "us-ca"})
    assert '<option value="us-ca" selected>California</option>' in html
    assert "Bay Legal Aid" in html and "Federal Record Project" in html
    for elsewhere in ("Lone Star Law", "Bangkok Legal", "Bay Counselling", "Unchecked"):
        assert elsewhere not in html
    assert f'href="/pathways/services/?remedy={vacatur.pk}&amp;jurisdiction=us-ca"' in html


def test_the_tag_says_so_when_nothing_is_listed_there_or_the_place_is_unknown(home, vacatur):
    JurisdictionFactory(code="ke", name="Kenya")
    html = render_tag(vacatur, {"jurisdiction": "ke"})
    assert "We do not know of a listed service for this in Kenya yet." in html
    html = render_tag(vacatur, {"jurisdiction": "<b>x</b>"})
    assert "We do not know the place “&lt;b&gt;x&lt;/b&gt;”." in html
    assert "Bay Legal Aid" not in html
    assert render_tag(remedy_with(home, title="No services")).strip() == ""


def test_the_tag_shows_ten_and_points_to_the_rest(home, places):
    for number in range(REMEDY_SERVICES_LIMIT + 2):
        listing(f"Legal Aid {number:02}", places, serves=["us"], services=["vacatur"])
    html = render_tag(remedy_with(home, "vacatur"), {"jurisdiction": "us-ca"})
    assert html.count('<h3 id="near-you-') == REMEDY_SERVICES_LIMIT
    assert "See all of them for California in the directory" in html


def test_the_tag_costs_the_same_queries_with_ten_times_the_listings(home, places):
    page = remedy_with(home, "vacatur", "counselling")

    def grow(count, start):
        for number in range(start, start + count):
            listing(
                f"Legal Aid {number:03}",
                places,
                serves=["us-ca", "th"],
                services=["vacatur", "counselling"],
            )

    grow(1, 0)
    render_tag(page)  # The site's root paths are read and cached for page.url.
    with CaptureQueriesContext(connection) as few:
        assert render_tag(page, {"jurisdiction": "us"}).count('<h3 id="near-you-') == 1
    grow(29, 1)
    # Listings are snippets: saving them forgets what each process keeps.
    render_tag(page, {"jurisdiction": "us"})
    with CaptureQueriesContext(connection) as many:
        html = render_tag(page, {"jurisdiction": "us"})
    assert html.count('<h3 id="near-you-') == REMEDY_SERVICES_LIMIT
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    # The listings, and their services, jurisdictions and languages (the
    # remedy's relations and the jurisdictions are kept per process).
    assert len(many) == 4, "\n".join(q["sql"][:100] for q in many.captured_queries)


def test_the_directory_for_a_remedy_lists_its_services_only(client, vacatur):
    response = client.get("/pathways/services/", {"remedy": vacatur.pk, "jurisdiction": "us-ca"})
    html = response.content.decode()
    assert "Showing services that help with: Clearing your record" in html
    assert "Bay Legal Aid" in html and "Federal Record Project" in html
    assert "Bay Counselling" not in html
    assert f'<input type="hidden" name="remedy" value="{vacatur.pk}">' in html
    assert 'href="?jurisdiction=us-ca">Show every kind of help</a>' in html


@pytest.mark.parametrize("value", ["junk", "999999", ""])
def test_an_unknown_remedy_leaves_the_directory_unfiltered(client, vacatur, value):
    response = client.get("/pathways/services/", {"remedy": value})
    assert response.status_code == 200
    assert "Bay Counselling" in response.content.decode()


def test_an_unpublished_remedy_does_not_filter_or_show(client, vacatur):
    vacatur.unpublish()
    html = client.get("/pathways/services/", {"remedy": vacatur.pk}).content.decode()
    assert "Clearing your record" not in html
    assert "Bay Counselling" in html
