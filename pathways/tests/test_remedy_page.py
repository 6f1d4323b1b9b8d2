"""What a remedy page shows: always the not-legal-advice notice and its
review state; its deadline table built from records, each stale record
marked; only live, public campaigns and proposals; at a fixed query cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from advocacy.proposals.factories import make_proposal, make_proposal_index
from campaigns.factories import CampaignIndexPageFactory, CampaignPageFactory
from core.locales import day
from pathways.factories import (
    JurisdictionFactory,
    LawyerQuestionFactory,
    RelatedCampaignFactory,
    RemedyDeadlineFactory,
    RemedyIndexPageFactory,
    RemedyPageFactory,
    RemedySourceFactory,
    checked_days_ago,
)
from pathways.models import JusticePathway, RemedyPage
from people.factories import UserFactory

pytestmark = pytest.mark.django_db

NOT_ADVICE = "This is information, not legal advice."


@pytest.fixture
def index(home):
    return RemedyIndexPageFactory(parent=home)


@pytest.fixture
def remedy(index):
    return RemedyPageFactory(parent=index, title="Restitution in a criminal case")


def _reviewed(page, days_ago):
    RemedyPage.objects.filter(pk=page.pk).update(reviewed_on=checked_days_ago(days_ago))


def _count_queries(client, url):
    """Queries of one request, after a first one has warmed the site caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_every_remedy_page_says_it_is_not_legal_advice_and_its_review_date(client, remedy):
    _reviewed(remedy, 10)
    page = _text(client.get(remedy.url))
    assert NOT_ADVICE in page
    date = day(checked_days_ago(10))
    assert f"Reviewed by the survivor advisory council on {date}." in page
    assert "Review overdue" not in page


def test_a_page_published_again_without_review_says_it_changed_since(client, remedy):
    _reviewed(remedy, 10)
    assert "It has changed since that review." not in _text(client.get(remedy.url))
    page = RemedyPage.objects.get(pk=remedy.pk)
    page.summary = "Changed by an editor who skipped the review."
    page.save_revision().publish(skip_permission_checks=True)
    html = _text(client.get(remedy.url))
    assert "It has changed since that review." in html
    assert "Reviewed by the survivor advisory council on" in html


def test_a_page_never_reviewed_says_so(client, remedy):
    page = _text(client.get(remedy.url))
    assert NOT_ADVICE in page
    assert "Not yet reviewed by the survivor advisory council." in page


def test_a_page_not_reviewed_for_a_year_is_marked_overdue(client, remedy):
    _reviewed(remedy, 400)
    page = _text(client.get(remedy.url))
    assert "Review overdue" in page
    assert NOT_ADVICE in page


def test_the_deadline_table_is_built_from_its_records_and_marks_old_checks(client, remedy):
    country = JurisdictionFactory(code="us", name="United States (federal)")
    state = JurisdictionFactory(code="us-ca", name="California", parent=country)
    RemedyDeadlineFactory(page=remedy, jurisdiction=country, period="10 years after the harm ended")
    RemedyDeadlineFactory(
        page=remedy,
        jurisdiction=state,
        period="7 years",
        source_title="Cal. Civ. Code § 52.5",
        checked_on=checked_days_ago(500),
    )
    response = client.get(remedy.url)
    html = response.content.decode()
    table = html[html.index('<table class="deadline-table">') : html.index("</table>")]
    rows = re.findall(r"<tr class=\"(deadline[^\"]*)\">(.*?)</tr>", table, re.S)
    assert [classes for classes, _ in rows] == ["deadline", "deadline deadline--stale"]
    rows = [cells for _, cells in rows]
    assert "10 years after the harm ended" in rows[0] and "Checked on" in rows[0]
    assert "Not checked since" not in rows[0]
    assert "California" in rows[1] and "7 years" in rows[1]
    assert "Cal. Civ. Code § 52.5" in rows[1]
    assert "Not checked since" in rows[1] and "ask a lawyer" in rows[1]
    assert '<th scope="row">' in rows[0]
    # Another record is another row: nothing in the table is typed by hand.
    RemedyDeadlineFactory(page=remedy, jurisdiction=JurisdictionFactory(name="Thailand"))
    html = client.get(remedy.url).content.decode()
    assert len(re.findall(r"<tr class=\"deadline", html)) == 3
    assert "Thailand" in html


def test_a_page_without_deadlines_says_to_ask(client, remedy):
    page = _text(client.get(remedy.url))
    assert "No time limits are recorded for this remedy yet" in page


def test_questions_sources_and_what_it_asks(client, remedy):
    LawyerQuestionFactory(page=remedy, question="Does a time limit apply to me?")
    RemedySourceFactory(page=remedy, citation="18 U.S.C. § 1593", url="https://example.org/1593")
    page = _text(client.get(remedy.url))
    assert "Does a time limit apply to me?" in page
    assert '<a href="https://example.org/1593" rel="noopener noreferrer">18 U.S.C. § 1593</a>' in (
        page
    )
    assert "Contact with the person who caused harm" in page
    assert "Compensation" in page  # what it can give


def test_only_live_public_campaigns_and_proposals_are_listed(client, home, remedy):
    campaigns = CampaignIndexPageFactory(parent=home)
    live = CampaignPageFactory(parent=campaigns, title="Know your rights at work")
    draft = CampaignPageFactory(parent=campaigns, title="Unpublished campaign", live=False)
    RelatedCampaignFactory(page=remedy, campaign=live)
    RelatedCampaignFactory(page=remedy, campaign=draft)

    owner = UserFactory()
    proposals = make_proposal_index(home)
    open_one = make_proposal(proposals, owner=owner, status="open", title="Longer time limits")
    in_review = make_proposal(
        proposals, owner=owner, status="council_review", title="Proposal still in review"
    )
    hidden = make_proposal(proposals, owner=owner, status="open", title="Members-only proposal")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    for proposal in (open_one, in_review, hidden):
        proposal.remedies.add(remedy)
        proposal.save()

    page = _text(client.get(remedy.url))
    assert "Know your rights at work" in page
    assert "Unpublished campaign" not in page
    assert "Longer time limits" in page
    assert "Proposal still in review" not in page
    assert "Members-only proposal" not in page


@pytest.mark.usefixtures("page_cache_off")
def test_the_page_costs_the_same_queries_with_ten_times_the_data(
    client, home, remedy, django_assert_num_queries
):
    campaigns = CampaignIndexPageFactory(parent=home)
    owner = UserFactory()
    proposals = make_proposal_index(home)

    def grow(n):
        for i in range(n):
            RemedyDeadlineFactory(
                page=remedy,
                jurisdiction=JurisdictionFactory(parent=JurisdictionFactory()),
                checked_on=checked_days_ago(400 * (i % 2)),
            )
            RemedySourceFactory(page=remedy)
            LawyerQuestionFactory(page=remedy)
            RelatedCampaignFactory(page=remedy, campaign=CampaignPageFactory(parent=campaigns))
            proposal = make_proposal(proposals, owner=owner, status="open")
            proposal.remedies.add(remedy)
            proposal.save()
        # Editors add deadlines, sources and links in the page editor, and
        # publish: the page's relations are kept until then (pathways/display.py).
        remedy.save_revision().publish()

    grow(1)
    few, _ = _count_queries(client, remedy.url)
    # Its row, relations and links are all kept per process (content/routing.py,
    # pathways/display.py): a visitor's remedy page asks the database nothing.
    assert few == 0
    grow(9)
    client.get(remedy.url)
    with django_assert_num_queries(few):
        response = client.get(remedy.url)
    assert response.content.decode().count('<tr class="deadline') == 10


def test_the_index_groups_remedies_under_the_three_pathways(client, index):
    RemedyPageFactory(parent=index, title="Vacatur of a record", pathway=JusticePathway.PROCEDURAL)
    RemedyPageFactory(
        parent=index, title="A restorative circle", pathway=JusticePathway.RESTORATIVE
    )
    RemedyPageFactory(parent=index, title="Draft remedy", live=False)
    html = _text(client.get(index.url))
    procedural = html.index("Procedural justice")
    restorative = html.index("Restorative justice")
    transformational = html.index("Transformational justice")
    assert procedural < html.index("Vacatur of a record") < restorative
    assert restorative < html.index("A restorative circle") < transformational
    assert "Draft remedy" not in html
    assert "What it can give:" in html and "Compensation" in html
    assert NOT_ADVICE in html
    assert 'type="application/atom+xml"' in html


@pytest.mark.usefixtures("page_cache_off")
def test_the_index_costs_the_same_queries_with_ten_times_the_remedies(
    client, index, django_assert_num_queries
):
    RemedyPageFactory(parent=index)
    few, _ = _count_queries(client, index.url)
    for _ in range(9):
        RemedyPageFactory(parent=index)
    client.get(index.url)
    with django_assert_num_queries(few):
        response = client.get(index.url)
    assert response.content.decode().count('class="card remedy-card"') == 10


def test_a_preview_shows_deadlines_not_yet_saved(rf, remedy):
    from pathways.display import remedy_page_context
    from pathways.models import RemedyDeadline

    page = RemedyPage.objects.get(pk=remedy.pk)
    page.deadlines.add(
        RemedyDeadline(
            jurisdiction=JurisdictionFactory(name="Preview land"),
            kind=RemedyDeadline.Kind.LIMITATION,
            period="3 years",
            source_title="A statute",
            checked_on=checked_days_ago(800),
        )
    )
    request = rf.get("/")
    context = remedy_page_context(page, request)
    assert [d.period for d in context["deadlines"]] == ["3 years"]
    assert context["any_deadline_stale"]
    assert not RemedyDeadline.objects.filter(page=remedy).exists()


def test_the_page_lists_the_services_for_it_where_the_reader_is(client, remedy):
    from pathways.factories import ServiceListingFactory, SupportServiceFactory

    vacatur = SupportServiceFactory(key="vacatur")
    remedy.services.set([vacatur])
    remedy.save_revision().publish()
    country = JurisdictionFactory(code="zz", name="Zedland")
    state = JurisdictionFactory(code="zz-n", name="North Zedland", parent=country)
    elsewhere = JurisdictionFactory(code="yy", name="Whyland")

    def listing(name, place, service=vacatur):
        return ServiceListingFactory(
            organisation__name=name, services=[service], jurisdictions=[place]
        )

    listing("Zedland Legal Aid", country)
    listing("Whyland Advocates", elsewhere)
    listing("Zedland Shelter", country, SupportServiceFactory(key="shelter"))

    asked = _text(client.get(remedy.url))
    assert "Find services near you" in asked and "Zedland Legal Aid" not in asked

    url = f"{remedy.url}?jurisdiction={state.code}"
    few, response = _count_queries(client, url)
    near = _text(response)
    assert "Zedland Legal Aid" in near  # serves the whole country, so the state too
    assert "Whyland Advocates" not in near and "Zedland Shelter" not in near
    for n in range(9):
        listing(f"Zedland Helpers {n}", country)
    many, response = _count_queries(client, url)
    assert many == few
    assert "Zedland Helpers 8" in _text(response)


@pytest.mark.usefixtures("page_cache_off")
def test_the_pages_relations_are_kept_until_it_is_published_again(client, remedy):
    RemedySourceFactory(page=remedy, citation="First source")
    remedy.save_revision().publish()
    assert "First source" in _text(client.get(remedy.url))
    with CaptureQueriesContext(connection) as again:
        assert "First source" in _text(client.get(remedy.url))
    read = " ".join(query["sql"] for query in again.captured_queries)
    assert "pathways_remedysource" not in read and "pathways_remedydeadline" not in read

    RemedySourceFactory(page=remedy, citation="Second source")
    remedy.save_revision().publish()
    html = _text(client.get(remedy.url))
    assert "First source" in html and "Second source" in html


def test_a_preview_shows_the_relations_being_edited(rf, remedy):
    RemedySourceFactory(page=remedy, citation="Published source")
    remedy.save_revision().publish()
    from pathways.display import remedy_relations

    request = rf.get(remedy.url)
    assert [s.citation for s in remedy_relations(remedy, request).sources] == ["Published source"]
    draft = RemedyPage.objects.get(pk=remedy.pk)
    draft.sources.add(RemedySourceFactory.build(citation="Source in the draft"))
    request.is_preview = True
    shown = [s.citation for s in remedy_relations(draft, request).sources]
    assert shown == ["Published source", "Source in the draft"]


@pytest.mark.usefixtures("page_cache_off")
def test_the_links_kept_with_the_page_follow_the_pages_they_link_to(client, home, remedy):
    from advocacy.proposals.lifecycle import transition

    campaigns = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=campaigns, title="Spot a fake job offer")
    RelatedCampaignFactory(page=remedy, campaign=campaign)
    owner = UserFactory()
    proposal = make_proposal(
        make_proposal_index(home), owner=owner, status="open", title="Clear the records"
    )
    proposal.remedies.add(remedy)
    proposal.save_revision().publish()
    remedy.save_revision().publish()
    html = _text(client.get(remedy.url))
    assert "Spot a fake job offer" in html and "Clear the records" in html

    campaign.title = "Spot a fake job offer abroad"
    campaign.save_revision().publish()
    assert "Spot a fake job offer abroad" in _text(client.get(remedy.url))

    transition(proposal, "withdrawn", by=owner)
    assert "(Withdrawn)" in _text(client.get(remedy.url))

    campaign.unpublish()
    proposal.unpublish()
    html = _text(client.get(remedy.url))
    assert "Spot a fake job offer" not in html and "Clear the records" not in html


@pytest.mark.usefixtures("page_cache_off")
def test_the_kept_index_follows_remedies_published_changed_and_unpublished(client, index):
    """The drawn groups are kept per process (remedy_index_page.html, {% kept %})."""
    first = RemedyPageFactory(parent=index, title="Vacatur of a record")
    assert "Vacatur of a record" in _text(client.get(index.url))
    with CaptureQueriesContext(connection) as captured:
        client.get(index.url)
    assert not [query for query in captured if "pathways_remedypage" in query["sql"]]
    RemedyPageFactory(parent=index, title="A restorative circle")
    assert "A restorative circle" in _text(client.get(index.url))
    first.title = "Vacatur of a criminal record"
    first.save_revision().publish()
    assert "Vacatur of a criminal record" in _text(client.get(index.url))
    first.unpublish()
    assert "Vacatur of a" not in _text(client.get(index.url))
