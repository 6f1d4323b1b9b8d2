# ruff: noqa: F811 (pytest fixtures imported from .fixtures are parameters here)
"""The proposal page: authors named only by consent, content warnings, and
people's data in export and erasure."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm, remove_perm

from advocacy.proposals.amendments import suggest_amendment
from advocacy.proposals.endorsements import endorse_as_person
from advocacy.proposals.models import ProposalAmendment, ProposalEndorsement
from advocacy.proposals.personal_data import erase_proposal_data, export_proposal_data
from advocacy.proposals.policy import is_author
from people.consent import grant_consent
from people.models import ConsentRecord, ContentWarningTopic, Profile

from .fixtures import (  # noqa: F401
    council,
    facilitator,
    index,
    leader,
    member,
    open_proposal,
    other_leader,
)

pytestmark = pytest.mark.django_db


def test_authors_are_named_only_by_consent(client, open_proposal, leader):
    html = client.get(open_proposal.url).content.decode()
    assert "a survivor leader" in html and "Leader" not in html.split("Written by")[1][:80]
    grant_consent(
        leader, kind="name", purpose="Author", text="Amara", context=open_proposal, actor=leader
    )
    assert "Written by Amara" in " ".join(client.get(open_proposal.url).content.decode().split())


def test_an_author_chooses_and_takes_back_their_name(client, open_proposal, leader, member):
    Profile.objects.update_or_create(user=leader, defaults={"public_pseudonym": "Amara"})
    url = reverse("proposals:name_on_proposal", args=[open_proposal.pk])
    assert client.get(url).status_code == 302
    client.force_login(member)
    assert client.get(url).status_code == 403

    client.force_login(leader)
    assert 'value="Amara"' in client.get(url).content.decode()  # suggested, not yet shown
    assert "Amara" not in client.get(open_proposal.url).content.decode()
    client.post(url, {"name": "Amara"})
    assert "Amara" in client.get(open_proposal.url).content.decode()
    client.post(url, {"name": ""})
    assert "Amara" not in client.get(open_proposal.url).content.decode()
    assert ConsentRecord.objects.filter(subject=leader, revoked_at__isnull=False).exists()


def test_co_authors_granted_through_guardian_count_at_once(open_proposal, other_leader):
    assign_perm("proposals.coauthor_reformproposalpage", other_leader, open_proposal)
    assert is_author(other_leader, open_proposal)
    remove_perm("proposals.coauthor_reformproposalpage", other_leader, open_proposal)
    assert not is_author(other_leader, open_proposal)


def test_content_warnings_collapse_the_proposal_until_the_reader_chooses(
    client, open_proposal, index
):
    topic = ContentWarningTopic.objects.create(name="Debts and wages", slug="debts-and-wages")
    open_proposal.content_warning_topics.add(topic)
    open_proposal.save_revision().publish(skip_permission_checks=True)
    html = client.get(open_proposal.url).content.decode()
    assert '<details class="content-warning">' in html and "Debts and wages" in html
    listing = client.get(index.url).content.decode()
    assert '<details class="content-warning">' in listing


def test_export_and_erasure_cover_endorsements_and_amendments(open_proposal, member):
    endorse_as_person(open_proposal, member)
    suggest_amendment(
        open_proposal, member, section="problem", new_text="New words", reason="Clearer"
    )
    decided = suggest_amendment(
        open_proposal, member, section="problem", new_text="Other words", reason="Shorter"
    )
    ProposalAmendment.objects.filter(pk=decided.pk).update(status="declined")
    exported = export_proposal_data(member)
    assert exported["endorsements"][0]["proposal"] == open_proposal.title
    assert {a["suggested_text"] for a in exported["amendments"]} == {"New words", "Other words"}

    erase_proposal_data(member, "anonymise")
    assert not ProposalEndorsement.objects.filter(user=member).exists()
    assert list(ProposalAmendment.objects.values_list("new_text", "proposer")) == [
        ("Other words", None)
    ]


def test_the_people_app_export_includes_the_proposals_section(open_proposal, member):
    from people.data_export import registered_exporters
    from people.erasure import registered_erasers

    assert "reform_proposals" in registered_exporters()
    assert "reform_proposals" in registered_erasers()


@pytest.mark.usefixtures("page_cache_off")
def test_the_proposal_page_costs_the_same_with_few_and_many_endorsers(
    client, open_proposal, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from advocacy.organisations.factories import OrganisationFactory
    from people.factories import UserFactory

    def add_endorsers(count):
        for number in range(count):
            endorse_as_person(open_proposal, UserFactory(), public_name=f"Supporter {number}")
            ProposalEndorsement.objects.create(
                proposal=open_proposal, organisation=OrganisationFactory(), show_name=True
            )

    add_endorsers(2)
    client.get(open_proposal.url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(open_proposal.url)
    assert response.status_code == 200
    few_count = len(few)  # read now: the query log is a bounded deque
    add_endorsers(20)
    client.get(open_proposal.url)
    with django_assert_num_queries(few_count):
        html = client.get(open_proposal.url).content.decode()
    assert "Supporter 19" in html and "44 endorsements" in html
    # The route (two), the co-authors, the names given by consent on the
    # proposal, the endorsements and the names given on them, and the
    # remedies it names (two, when it names any). Policy area, warnings,
    # milestones, status changes and credited amendments are kept per
    # process under the page's tag (advocacy/proposals/display.py).
    assert few_count <= 8, [query["sql"][:80] for query in few.captured_queries]


@pytest.mark.usefixtures("page_cache_off")
def test_milestones_status_changes_and_amendments_show_at_the_next_request(
    client, open_proposal, member
):
    from advocacy.proposals.lifecycle import transition
    from advocacy.proposals.models import ProposalAmendment, ProposalMilestone
    from advocacy.proposals.names import set_name_on_proposal

    client.get(open_proposal.url)
    ProposalMilestone.objects.create(
        proposal=open_proposal, kind="hearing", happened_on="2026-11-30", summary="A first hearing"
    )
    assert "A first hearing" in client.get(open_proposal.url).content.decode()

    transition(open_proposal, "submitted", by=open_proposal.owner, note="Sent to the ministry")
    assert "Sent to the ministry" in client.get(open_proposal.url).content.decode()

    ProposalAmendment.objects.create(
        proposal=open_proposal,
        proposer=member,
        section="problem",
        new_text="Clearer words",
        reason="Plainer",
        status=ProposalAmendment.Status.ACCEPTED,
    )
    html = client.get(open_proposal.url).content.decode()
    assert "With changes suggested by" in html and "a community member" in html
    set_name_on_proposal(member, open_proposal, "Mai")
    assert "With changes suggested by Mai" in client.get(open_proposal.url).content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_a_new_co_author_is_named_at_the_next_request(client, open_proposal, other_leader):
    """Co-authors' ids are kept with the page for naming (display.py); a grant
    or a revocation bumps the page's tag."""
    from advocacy.proposals.policy import grant_coauthor, revoke_coauthor

    assert client.get(open_proposal.url).content.decode().count("a survivor leader") == 1
    grant_coauthor(open_proposal, other_leader)
    assert client.get(open_proposal.url).content.decode().count("a survivor leader") == 2
    revoke_coauthor(open_proposal, other_leader)
    assert client.get(open_proposal.url).content.decode().count("a survivor leader") == 1
