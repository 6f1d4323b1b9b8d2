"""The opportunity listing: filters, sort by deadline, "Unpaid" shown as such,
and a constant number of queries however many opportunities there are."""

import datetime
import html
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.opportunities.models import SpeakingOpportunity
from people.models import ExpertiseTopic

from .helpers import (
    OrganisationFactory,
    SpeakingOpportunityFactory,
    index_page,
    organisation_with_staff,
    survivor_leader,
)

pytestmark = pytest.mark.django_db


def titles(response):
    """The titles of the cards listed, in order."""
    return [
        html.unescape(title)
        for title in re.findall(
            r'<li class="card">\s*<h2><a href="[^"]*">([^<]*)</a></h2>', response.content.decode()
        )
    ]


def make_many(count, organisations, topics):
    for n in range(count):
        opportunity = SpeakingOpportunityFactory(
            organisation=organisations[n % len(organisations)],
            is_unpaid=n % 4 == 0,
            unpaid_reason="Community event" if n % 4 == 0 else "",
        )
        opportunity.topics.set(topics)


def listing_queries(client, user=None):
    if user is not None:
        client.force_login(user)
    client.get("/opportunities/")  # warm caches (site root, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/opportunities/")
    assert response.status_code == 200
    return len(queries), len(response.context["page_obj"])


@pytest.mark.usefixtures("page_cache_off")
@pytest.mark.parametrize("who", ["anonymous", "leader", "admin"])
def test_listing_costs_the_same_queries_with_8_and_80_opportunities(client, who):
    index_page()
    organisation, admin, _reviewer = organisation_with_staff()
    organisations = [organisation, OrganisationFactory(), OrganisationFactory()]
    topics = [
        ExpertiseTopic.objects.create(name="Labour rights", slug="labour"),
        ExpertiseTopic.objects.create(name="Safe migration", slug="migration"),
    ]
    user = {"anonymous": None, "leader": survivor_leader(), "admin": admin}[who]
    make_many(8, organisations, topics)
    few, shown_few = listing_queries(client, user)
    make_many(72, organisations, topics)
    many, shown_many = listing_queries(client, user)
    assert shown_few == 8
    assert shown_many == 20  # one page
    assert few == many


def test_sorted_by_deadline_and_only_open_future_ones(client):
    index_page()
    now = timezone.now()
    SpeakingOpportunityFactory(title="Later", deadline=now + datetime.timedelta(days=9))
    SpeakingOpportunityFactory(title="Sooner", deadline=now + datetime.timedelta(days=2))
    SpeakingOpportunityFactory(title="Draft", status="draft")
    SpeakingOpportunityFactory(title="Filled", status="filled")
    past = SpeakingOpportunityFactory(title="Past deadline")
    SpeakingOpportunity.objects.filter(pk=past.pk).update(deadline=now - datetime.timedelta(days=1))
    unverified = SpeakingOpportunityFactory(title="Unverified")
    unverified.organisation.verified = False
    unverified.organisation.save()
    assert titles(client.get("/opportunities/")) == ["Sooner", "Later"]


def test_filters(client):
    index_page()
    topic = ExpertiseTopic.objects.create(name="Labour rights", slug="labour")
    keynote = SpeakingOpportunityFactory(
        title="Keynote", kind="keynote", languages=["es"], is_remote=False, place="Lima"
    )
    keynote.topics.add(topic)
    SpeakingOpportunityFactory(
        title="Unpaid panel",
        kind="panel",
        is_unpaid=True,
        unpaid_reason="Community meeting",
        starts_at=timezone.now() + datetime.timedelta(days=90),
    )
    assert titles(client.get("/opportunities/?kind=keynote")) == ["Keynote"]
    assert titles(client.get(f"/opportunities/?topic={topic.pk}")) == ["Keynote"]
    assert titles(client.get("/opportunities/?remote=yes")) == ["Unpaid panel"]
    assert titles(client.get("/opportunities/?remote=no")) == ["Keynote"]
    assert titles(client.get("/opportunities/?paid=no")) == ["Unpaid panel"]
    assert titles(client.get("/opportunities/?paid=yes")) == ["Keynote"]
    assert titles(client.get("/opportunities/?language=es")) == ["Keynote"]
    later = (timezone.now() + datetime.timedelta(days=60)).date().isoformat()
    assert titles(client.get(f"/opportunities/?date_from={later}")) == ["Unpaid panel"]


def test_unpaid_is_shown_as_unpaid_in_the_list(client):
    index_page()
    SpeakingOpportunityFactory(is_unpaid=True, unpaid_reason="Community meeting")
    SpeakingOpportunityFactory(honorarium_amount=Decimal("1250"), currency="GBP")
    page = client.get("/opportunities/").content.decode()
    assert "Unpaid" in page
    assert "£1,250.00" in page


@pytest.mark.usefixtures("page_cache_off")
def test_the_kept_list_and_cards_follow_every_change_and_the_deadlines(client, monkeypatch):
    """Ids and cards are kept per process (listing.py): a new opportunity, a
    filled one, a renamed or unverified organisation and a deadline passing
    each show at the next request."""
    from advocacy.opportunities import listing

    index_page()
    now = timezone.now()
    sooner = SpeakingOpportunityFactory(title="Sooner", deadline=now + datetime.timedelta(days=2))
    assert titles(client.get("/opportunities/")) == ["Sooner"]
    with CaptureQueriesContext(connection) as captured:
        client.get("/opportunities/")
    assert not [q for q in captured if "advocacy_speakingopportunity" in q["sql"]]

    later = SpeakingOpportunityFactory(title="Later", deadline=now + datetime.timedelta(days=9))
    assert titles(client.get("/opportunities/")) == ["Sooner", "Later"]

    later.organisation.name = "A renamed organisation"
    later.organisation.save()
    assert "A renamed organisation" in client.get("/opportunities/").content.decode()

    later.status = SpeakingOpportunity.Status.FILLED
    later.save()
    assert titles(client.get("/opportunities/")) == ["Sooner"]

    monkeypatch.setattr(
        listing.timezone, "now", lambda: sooner.deadline + datetime.timedelta(seconds=1)
    )
    SpeakingOpportunity.objects.filter(pk=sooner.pk).update(deadline=now)  # As time would.
    assert titles(client.get("/opportunities/")) == []
