# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""Milestones: authors record what happened; a timeline and RSS/Atom feeds."""

import datetime

import pytest
from django.urls import reverse

from advocacy.proposals.models import ProposalMilestone

from .fixtures import (  # noqa: F401
    council,
    draft,
    facilitator,
    index,
    leader,
    member,
    open_proposal,
)

pytestmark = pytest.mark.django_db


def _add(client, proposal, **data):
    payload = {
        "kind": "hearing",
        "happened_on": "2026-03-04",
        "summary": "Committee hearing with survivor testimony",
        "source_url": "https://legislature.example.org/hearing/12",
    }
    payload.update(data)
    return client.post(reverse("proposals:add_milestone", args=[proposal.pk]), payload)


def test_authors_record_milestones_that_show_on_the_timeline(client, open_proposal, leader):
    client.force_login(leader)
    assert _add(client, open_proposal).status_code == 302
    milestone = ProposalMilestone.objects.get(proposal=open_proposal)
    assert milestone.happened_on == datetime.date(2026, 3, 4)
    html = client.get(open_proposal.url).content.decode()
    assert "Hearing held" in html and "Committee hearing with survivor testimony" in html


def test_only_http_links_are_accepted_and_nothing_typed_is_lost(client, open_proposal, leader):
    client.force_login(leader)
    response = _add(client, open_proposal, source_url="javascript:alert(1)")
    assert response.status_code == 200
    assert "Committee hearing with survivor testimony" in response.content.decode()
    response = _add(client, open_proposal, source_url="ftp://files.example.org/x")
    assert response.status_code == 200
    assert not ProposalMilestone.objects.exists()


def test_non_authors_cannot_record_milestones(client, open_proposal, member, draft):
    assert _add(client, open_proposal).status_code == 302  # anonymous: to sign in
    client.force_login(member)
    assert _add(client, open_proposal).status_code == 403
    assert _add(client, draft).status_code == 404
    assert not ProposalMilestone.objects.exists()


def test_milestone_feeds_in_rss_and_atom(client, open_proposal, leader):
    ProposalMilestone.objects.create(
        proposal=open_proposal,
        kind="passed",
        happened_on=datetime.date(2026, 5, 1),
        summary="Passed the state senate",
        source_url="https://news.example.org/passed",
    )
    rss = client.get(reverse("proposals:milestones_rss", args=[open_proposal.pk]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "Passed the state senate" in rss.content.decode()
    atom = client.get(reverse("proposals:milestones_atom", args=[open_proposal.pk]))
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Passed the state senate" in atom.content.decode()


def test_feeds_of_unpublished_proposals_do_not_exist(client, draft):
    assert client.get(reverse("proposals:milestones_rss", args=[draft.pk])).status_code == 404


def test_the_all_proposals_feeds_list_published_proposals_only(client, open_proposal, draft):
    for name in ("proposals:feed_rss", "proposals:feed_atom"):
        body = client.get(reverse(name)).content.decode()
        assert open_proposal.title in body
        assert f">{draft.title}<" not in body


def test_the_proposal_page_loads_the_print_stylesheet(client, open_proposal):
    html = client.get(open_proposal.url).content.decode()
    assert "proposals/css/proposals.css" in html
    assert 'id="endorsement-count"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("proposals/css/proposals.css"), encoding="utf-8").read()  # noqa: SIM115
    assert "@media print" in css
    assert ".no-print" in css and ".quick-exit" in css
