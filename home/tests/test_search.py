"""Site search: finds remedies, campaigns and proposals anyone may read,
never drafts, view-restricted pages or proposals not yet public; says
clearly when a query is empty or too long; costs the same however many
pages match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from advocacy.proposals.factories import make_proposal, make_proposal_index
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from home.search import PER_PAGE
from pathways.factories import RemedyIndexPageFactory, RemedyPageFactory
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("home:search")


@pytest.fixture
def remedies(home):
    return RemedyIndexPageFactory(parent=home)


def _search(client, q, **params):
    response = client.get(URL, {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_remedy_is_found_with_its_type(client, remedies):
    RemedyPageFactory(
        parent=remedies, title="Vacatur", summary="Clearing a record of forced crimes."
    )
    html = _search(client, "vacatur")
    assert "Vacatur" in html
    assert "Remedy" in html
    assert "Clearing a record of forced crimes." in html
    assert "1 result" in html


def test_drafts_and_restricted_pages_are_not_found(client, home, remedies):
    RemedyPageFactory(parent=remedies, title="Restitution draft", live=False)
    hidden = RemedyPageFactory(parent=remedies, title="Restitution members only")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    RemedyPageFactory(parent=remedies, title="Restitution for everyone")
    owner = UserFactory()
    proposals = make_proposal_index(home)
    make_proposal(proposals, owner=owner, status="council_review", title="Restitution reform")
    html = _search(client, "restitution")
    assert "Restitution for everyone" in html
    assert "Restitution draft" not in html
    assert "Restitution members only" not in html
    assert "Restitution reform" not in html


def test_campaigns_and_proposals_are_found_too(client, home):
    campaigns = CampaignIndexPageFactory(parent=home)
    CampaignPageFactory(parent=campaigns, title="Wages owed campaign")
    proposals = make_proposal_index(home)
    make_proposal(proposals, owner=UserFactory(), status="open", title="Wages owed reform")
    html = _search(client, "wages")
    assert "Wages owed campaign" in html and "Campaign" in html
    assert "Wages owed reform" in html and "Reform proposal" in html


def test_an_empty_or_too_long_query_is_explained(client):
    assert "Type a word or two to search for" in _search(client, "")
    assert "Type a word or two to search for" in client.get(URL).content.decode()
    assert "at most 200 characters" in _search(client, "x" * 201)


def test_nothing_found_says_so(client, remedies):
    assert "Nothing matches" in _search(client, "zebra")


def test_the_header_links_to_search(client, home):
    assert f'href="{URL}"' in client.get(home.url).content.decode()


def test_search_is_paginated_at_a_constant_cost(
    client, home, remedies, django_assert_max_num_queries
):
    campaigns = CampaignIndexPageFactory(parent=home)
    proposals = make_proposal_index(home)
    owner = UserFactory()

    def grow(n):
        for i in range(n):
            RemedyPageFactory(parent=remedies, title=f"Justice remedy {i}")
            CampaignPageFactory(parent=campaigns, title=f"Justice campaign {i}")
            make_proposal(proposals, owner=owner, status="open", title=f"Justice proposal {i}")

    grow(2)
    _search(client, "justice")
    with CaptureQueriesContext(connection) as captured:
        html = _search(client, "justice")
    few = len(captured)  # now: the query log is a bounded deque
    assert "6 results" in html
    grow(18)
    _search(client, "justice")
    # At most: one query per page type shown, and the first page showed all three.
    with django_assert_max_num_queries(few):
        html = _search(client, "justice")
    assert "60 results" in html
    assert html.count('class="search-result"') == PER_PAGE
    assert "Page 1 of 6" in html
    assert "Page 2 of 6" in _search(client, "justice", page=2)
