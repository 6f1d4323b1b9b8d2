"""The admin dashboard for survivor leaders and facilitators: their own work,
the reviews they can act on, support for their work (named only as people
chose), the platform's name, and no request to a third party."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advocacy.organisations.models import Organisation
from advocacy.proposals.endorsements import endorse_as_person
from advocacy.proposals.factories import make_council, make_proposal, make_proposal_index
from advocacy.proposals.lifecycle import transition
from advocacy.proposals.models import ProposalEndorsement
from campaigns.authoring import campaign_review_workflow
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory, PledgeFactory
from home.admin_dashboard import MyWorkPanel, RecentSupportPanel, ReviewsWaitingPanel
from people import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaigns_index(home):
    return CampaignIndexPageFactory(parent=home)


@pytest.fixture
def proposals_index(home):
    return make_proposal_index(parent=home)


@pytest.fixture
def facilitator(user_factory):
    return user_factory(
        email="facilitator@example.org",
        roles=[roles.SURVIVOR_LEADERS, roles.COUNCIL_FACILITATORS],
        mfa=True,
    )


@pytest.fixture
def council(facilitator):
    return make_council(facilitators=[facilitator])


def draft_campaign(index, owner, title):
    page = CampaignPageFactory(parent=index, owner=owner, title=title, live=False)
    page.save_revision(user=owner)
    return page


def submit_for_review(page, by):
    campaign_review_workflow().start(page, by)


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel_html(html: str, panel_id: str) -> str:
    """The markup of one dashboard panel (empty if it is not shown)."""
    match = re.search(rf'id="{panel_id}-section".*?</section>', html, re.S)
    return match.group(0) if match else ""


# --- My campaigns and proposals ----------------------------------------------


def test_a_leader_sees_her_own_work_with_its_state_and_not_another_leaders_drafts(
    client, campaigns_index, proposals_index, leader_a, leader_b, council
):
    in_review = draft_campaign(campaigns_index, leader_a, "Fake job offers: know the signs")
    submit_for_review(in_review, leader_a)
    CampaignPageFactory(parent=campaigns_index, owner=leader_a, title="Safe migration routes")
    make_proposal(proposals_index, owner=leader_a, title="Clear forced-crime records")
    draft_campaign(campaigns_index, leader_b, "B's unannounced campaign")
    make_proposal(proposals_index, owner=leader_b, title="B's draft proposal", council=council)

    mine = panel_html(dashboard(client, leader_a), "my-campaigns-and-proposals")
    assert "Fake job offers: know the signs" in mine
    assert "In review: Survivor review" in mine
    assert "Safe migration routes" in mine and "Published" in mine
    assert "Clear forced-crime records" in mine and "Draft" in mine
    assert reverse("wagtailadmin_pages:edit", args=[in_review.pk]) in mine
    assert "B&#x27;s unannounced campaign" not in mine
    assert "B&#x27;s draft proposal" not in mine

    # B reviews A's submitted campaign (a peer review), but it is not B's work,
    # and A's unsubmitted draft proposal is nowhere on B's dashboard.
    theirs = dashboard(client, leader_b)
    assert "Fake job offers" not in panel_html(theirs, "my-campaigns-and-proposals")
    assert "Fake job offers" in panel_html(theirs, "reviews-waiting-for-me")
    assert "Clear forced-crime records" not in theirs


def test_co_authors_see_the_proposals_they_were_invited_to(
    client, proposals_index, leader_a, leader_b
):
    from advocacy.proposals.policy import grant_coauthor

    proposal = make_proposal(proposals_index, owner=leader_b, title="Shared proposal")
    assert "Shared proposal" not in dashboard(client, leader_a)
    grant_coauthor(proposal, leader_a)
    assert "Shared proposal" in panel_html(
        dashboard(client, leader_a), "my-campaigns-and-proposals"
    )


# --- Reviews waiting for me ----------------------------------------------------


def test_a_facilitator_sees_the_council_sign_off_waiting_for_her(
    client, proposals_index, leader_a, facilitator, council
):
    proposal = make_proposal(
        proposals_index, owner=leader_a, title="Fund survivor-led shelters", council=council
    )
    transition(proposal, "council_review", by=leader_a)

    waiting = panel_html(dashboard(client, facilitator), "reviews-waiting-for-me")
    assert "Fund survivor-led shelters" in waiting
    assert "Council review" in waiting
    assert "data-workflow-action-url" in waiting and "Approve" in waiting
    assert "Request changes" in waiting
    # The link to read it opens for her.
    task_state = proposal.current_workflow_state.current_task_state
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[proposal.pk, task_state.task_id])
    assert preview in waiting
    assert client.get(preview).status_code == 200
    # Its author has nothing to review.
    assert "Fund survivor-led shelters" not in panel_html(
        dashboard(client, leader_a), "reviews-waiting-for-me"
    )


def test_peers_review_a_campaign_its_own_leads_cannot(client, campaigns_index, leader_a, leader_b):
    page = draft_campaign(campaigns_index, leader_a, "Recruiters who take passports")
    submit_for_review(page, leader_a)

    waiting = panel_html(dashboard(client, leader_b), "reviews-waiting-for-me")
    assert "Recruiters who take passports" in waiting
    task_state = page.current_workflow_state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    assert approve in waiting
    preview = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
    assert preview in waiting
    assert client.get(preview).status_code == 200

    own = panel_html(dashboard(client, leader_a), "reviews-waiting-for-me")
    assert "Recruiters who take passports" not in own
    assert "Nothing is waiting for your review" in own


# --- Recent pledges and endorsements ----------------------------------------


def test_support_is_counted_and_named_only_as_people_chose(
    client, campaigns_index, proposals_index, leader_a, leader_b, user_factory, council
):
    campaign = CampaignPageFactory(parent=campaigns_index, owner=leader_a, title="Know the signs")
    PledgeFactory(campaign=campaign, display_name="Amina", email="a@example.net", confirmed=True)
    PledgeFactory(campaign=campaign, display_name="", email="quiet@example.net", confirmed=True)
    PledgeFactory(campaign=campaign, display_name="Unconfirmed Ulla", email="u@example.net")
    other = CampaignPageFactory(parent=campaigns_index, owner=leader_b, title="B's campaign")
    PledgeFactory(campaign=other, display_name="Supporter of B", confirmed=True)

    proposal = make_proposal(
        proposals_index, owner=leader_a, status="open", council=council, title="Open proposal"
    )
    named = user_factory(email="named@example.org")
    endorse_as_person(proposal, named, public_name="Rosa from Lima")
    endorse_as_person(proposal, user_factory(email="unnamed@example.org"))
    organisation = Organisation.objects.create(name="Quiet Shelter", slug="quiet", verified=True)
    ProposalEndorsement.objects.create(
        proposal=proposal, organisation=organisation, endorsed_by=named, show_name=False
    )

    support = panel_html(dashboard(client, leader_a), "recent-pledges-and-endorsements")
    assert "2 confirmed pledges in all" in support
    assert "Amina" in support and "Anonymous" in support
    assert "Unconfirmed Ulla" not in support and "Supporter of B" not in support
    assert "@example" not in support
    assert "3 endorsements in all" in support
    assert "Rosa from Lima" in support
    assert "A supporter" in support and "An organisation" in support
    assert "Quiet Shelter" not in support
    assert "named@example.org" not in support


def test_people_without_campaigns_or_proposals_see_no_support_panel(client, facilitator):
    html = dashboard(client, facilitator)
    assert panel_html(html, "recent-pledges-and-endorsements") == ""


# --- Constant query counts ---------------------------------------------------


def render_cost(panel, user) -> tuple[int, str]:
    """Queries to render `panel` once the site's cached root paths are warm."""
    request = RequestFactory().get("/admin/")
    request.user = user
    panel.render_html({"request": request, "csrf_token": "x"})
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        html = panel.render_html({"request": request, "csrf_token": "x"})
    return len(queries), html


def test_each_panel_costs_the_same_number_of_queries_however_much_there_is(
    campaigns_index, proposals_index, leader_a, leader_b, facilitator, council, user_factory
):
    def add_work(n):
        for _ in range(n):
            campaign = draft_campaign(campaigns_index, leader_a, "Campaign")
            submit_for_review(campaign, leader_a)
            PledgeFactory(campaign=campaign, confirmed=True)
            proposal = make_proposal(proposals_index, owner=leader_a, council=council)
            transition(proposal, "council_review", by=leader_a)
            live = make_proposal(proposals_index, owner=leader_a, status="open", council=council)
            endorse_as_person(live, user_factory(), public_name="A name")

    add_work(1)
    panels = [
        (MyWorkPanel, leader_a),
        (RecentSupportPanel, leader_a),
        (ReviewsWaitingPanel, leader_b),
        (ReviewsWaitingPanel, facilitator),
    ]
    before = {}
    for panel_class, user in panels:
        before[panel_class, user.pk], html = render_cost(panel_class(), user)
        assert html
    add_work(4)
    for panel_class, user in panels:
        cost, html = render_cost(panel_class(), user)
        assert cost == before[panel_class, user.pk], panel_class.__name__
    # The facilitator (a survivor leader too) may act on 5 council sign-offs and
    # 5 peer reviews, 3 actions each.
    assert html.count("data-workflow-action-url") == 10 * 3


# --- The platform's name, and nothing external ------------------------------


def test_the_admin_carries_the_platforms_name_and_asks_no_third_party(
    client, campaigns_index, leader_a
):
    html = dashboard(client, leader_a)
    assert re.search(r"<title>[^<]*Survivor Leadership Platform\s*</title>", html)
    assert "img/admin/logo.svg" in html
    assert "gravatar" not in html.lower()
    for source in re.findall(r'<img[^>]*\ssrc="([^"]*)"', html):
        assert source.startswith(("/", "data:")) and not source.startswith("//"), source
    assert "guide.wagtail.org" not in html
    assert "editor guide" not in html.lower()
    assert "releases.wagtail.io" not in html
    # Site-wide counts (others' drafts and uploads) are for site admins only.
    assert "Pages <span" not in html


def test_site_admins_keep_the_site_summary(client, user_factory, home):
    admin = user_factory(roles=[roles.SITE_ADMINS], is_superuser=True, mfa=True)
    html = dashboard(client, admin)
    assert re.search(r"\d+ Pages? <span", html)
    # No release check against wagtail.org for superusers either, and no Gravatar.
    assert "data-w-upgrade" not in html
    assert "gravatar" not in html.lower()
