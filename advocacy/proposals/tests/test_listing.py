"""Finding proposals: filters, search, pagination, at a constant query cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from advocacy.proposals.factories import make_proposal, make_proposal_index
from advocacy.proposals.listing import PER_PAGE
from advocacy.proposals.models import PolicyArea, ProposalEndorsement
from people.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return make_proposal_index()


def _add_proposals(index, count, **kwargs):
    leader = UserFactory()
    endorser = UserFactory()
    proposals = []
    for _ in range(count):
        proposal = make_proposal(index, owner=leader, status="open", **kwargs)
        ProposalEndorsement.objects.create(proposal=proposal, user=endorser, endorsed_by=endorser)
        proposals.append(proposal)
    return proposals


def _count_queries(client, url):
    """Queries of one request, after a first one has warmed the site caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


@pytest.mark.usefixtures("page_cache_off")
def test_listing_costs_the_same_with_4_and_40_proposals(client, index, django_assert_num_queries):
    _add_proposals(index, 4)
    few, response = _count_queries(client, index.url)
    assert response.content.decode().count('class="card proposal-card"') == 4

    _add_proposals(index, 36)
    client.get(index.url)
    with django_assert_num_queries(few):
        response = client.get(index.url)
    assert response.content.decode().count('class="card proposal-card"') == PER_PAGE


@pytest.mark.usefixtures("page_cache_off")
def test_listing_cost_is_constant_with_filters_and_search(client, index):
    _add_proposals(index, 4, jurisdiction="Ohio")
    url = f"{index.url}?q=records&jurisdiction=Ohio&pathway=procedural&status=open"
    few, response = _count_queries(client, url)
    assert response.content.decode().count('class="card proposal-card"') == 4
    _add_proposals(index, 30, jurisdiction="Ohio")
    many, response = _count_queries(client, url)
    assert response.content.decode().count('class="card proposal-card"') == PER_PAGE
    assert few == many


def test_endorsement_counts_come_from_the_annotation(client, index):
    proposal = _add_proposals(index, 1)[0]
    org_admin = UserFactory()
    from advocacy.organisations.factories import OrganisationFactory

    organisation = OrganisationFactory()
    ProposalEndorsement.objects.create(
        proposal=proposal, organisation=organisation, endorsed_by=org_admin
    )
    response = client.get(index.url)
    assert "2 endorsements" in response.content.decode()


def test_filters_narrow_the_list(client, index):
    leader = UserFactory()
    vacatur = PolicyArea.objects.get(slug="vacatur-expungement")
    visas = PolicyArea.objects.get(slug="immigration-relief")
    make_proposal(
        index, owner=leader, status="open", title="Clear the records", policy_area=vacatur
    )
    make_proposal(
        index,
        owner=leader,
        status="submitted",
        title="Faster visas",
        policy_area=visas,
        jurisdiction="United States",
        pathway="restorative",
    )
    page = client.get(index.url, {"policy_area": "immigration-relief"}).content.decode()
    assert "Faster visas" in page and "Clear the records" not in page
    page = client.get(index.url, {"jurisdiction": "Ohio"}).content.decode()
    assert "Clear the records" in page and "Faster visas" not in page
    page = client.get(index.url, {"pathway": "restorative"}).content.decode()
    assert "Faster visas" in page and "Clear the records" not in page
    page = client.get(index.url, {"status": "open"}).content.decode()
    assert "Clear the records" in page and "Faster visas" not in page


def test_search_finds_words_in_the_proposal(client, index):
    leader = UserFactory()
    make_proposal(index, owner=leader, status="open", title="Wage theft", problem="Unpaid wages")
    make_proposal(index, owner=leader, status="open", title="Court support")
    page = client.get(index.url, {"q": "wage"}).content.decode()
    assert "Wage theft" in page and "Court support" not in page


def test_drafts_and_proposals_in_review_are_not_listed(client, index):
    leader = UserFactory()
    make_proposal(index, owner=leader, status="draft", title="Still a draft")
    make_proposal(index, owner=leader, status="council_review", title="Being reviewed")
    make_proposal(index, owner=leader, status="open", title="Open one")
    page = client.get(index.url).content.decode()
    assert "Open one" in page
    assert "Still a draft" not in page and "Being reviewed" not in page


def test_pagination_and_a_bad_filter_value_are_handled_kindly(client, index):
    _add_proposals(index, PER_PAGE + 2)
    second = client.get(index.url, {"page": 2}).content.decode()
    assert second.count('class="card proposal-card"') == 2
    response = client.get(index.url, {"pathway": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_kept_lists_and_rows_show_every_change_at_the_next_request(client, index):
    """The list's ids and each row are kept per process (listing.py): an
    endorsement, a transition, a new proposal, a new title and unpublishing
    each show at the next request, in every filtered list they touch."""
    from advocacy.proposals.lifecycle import transition

    leader = UserFactory()
    first = make_proposal(index, owner=leader, status="open", title="Clear the records")
    open_list = {"status": "open"}
    assert "0 endorsements" in client.get(index.url).content.decode()
    assert "Clear the records" in client.get(index.url, open_list).content.decode()
    _count_queries(client, index.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(index.url)
    assert not [query for query in captured if "advocacy_reformproposalpage" in query["sql"]]

    ProposalEndorsement.objects.create(proposal=first, user=UserFactory(), endorsed_by=leader)
    assert "1 endorsement" in client.get(index.url).content.decode()

    transition(first, "withdrawn", by=leader)
    assert "Clear the records" not in client.get(index.url, open_list).content.decode()
    assert "Withdrawn" in client.get(index.url).content.decode()

    make_proposal(index, owner=leader, status="open", title="Court support")
    assert "Court support" in client.get(index.url, open_list).content.decode()

    first.title = "Clear the records of survivors"
    first.save_revision().publish()
    assert "Clear the records of survivors" in client.get(index.url).content.decode()

    first.unpublish()
    page = client.get(index.url).content.decode()
    assert "Clear the records" not in page and "Court support" in page


@pytest.mark.usefixtures("page_cache_off")
def test_a_row_with_a_warning_is_collapsed_for_those_who_ask_and_comes_back_to_their_list(
    client, index
):
    from people.models import ContentWarningTopic

    topic = ContentWarningTopic.objects.create(name="Coercion", slug="coercion")
    proposal = make_proposal(index, owner=UserFactory(), status="open", title="Clear the records")
    proposal.content_warning_topics.add(topic)
    proposal.save_revision().publish()
    collapsed = client.get(index.url).content.decode()  # Every topic, until one chooses.
    assert '<details class="content-warning">' in collapsed
    client.cookies["content_warnings"] = "none"
    shown = client.get(index.url, {"jurisdiction": "Ohio"}).content.decode()
    assert '<details class="content-warning">' not in shown
    assert "next=/proposals/%3Fjurisdiction%3DOhio" in shown.replace(index.url, "/proposals/")
