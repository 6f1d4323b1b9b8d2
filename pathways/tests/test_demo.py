"""The justice pathways demo: enough remedies in enough places, each sourced,
a directory in every jurisdiction, the deliberate stale examples, and a
second run that changes nothing."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from advocacy.organisations.models import Organisation
from content.translations import in_source_language
from councils.models import Council
from pathways import demo, freshness
from pathways.models import (
    Jurisdiction,
    JusticePathway,
    LawyerQuestion,
    RelatedCampaign,
    RemedyDeadline,
    RemedyIndexPage,
    RemedyPage,
    RemedySource,
    ServiceLanguage,
    ServiceListing,
)

pytestmark = pytest.mark.django_db

# Where "victim" may appear: names of laws, offices and official pages, never
# to describe a person.
PROPER_NAMES_WITH_VICTIM = [
    "Office of Victim Services",
    "Crime victims' rights",
    "victim-witness coordinator",
    "Victims of Human Trafficking: T Nonimmigrant Status",
    "Victims of Criminal Activity: U Nonimmigrant Status",
    "victims-of-human-trafficking-and-other-crimes/victims-of-human-trafficking",
    "victims-of-human-trafficking-and-other-crimes/victims-of-criminal-activity",
]


def _counts() -> dict[str, int]:
    from django.apps import apps

    proposal_links = apps.get_model("proposals", "ReformProposalPage").remedies.through
    return {
        "jurisdictions": Jurisdiction.objects.count(),
        "indexes": in_source_language(RemedyIndexPage.objects).count(),
        "remedies": in_source_language(RemedyPage.objects).count(),
        "deadlines": RemedyDeadline.objects.count(),
        "questions": LawyerQuestion.objects.count(),
        "sources": RemedySource.objects.count(),
        "campaign links": RelatedCampaign.objects.count(),
        "proposal links": proposal_links.objects.count(),
        "organisations": Organisation.objects.count(),
        "listings": ServiceListing.objects.count(),
        "languages": ServiceLanguage.objects.count(),
    }


def test_demo_has_remedies_in_three_jurisdictions_across_three_pathways(demo_site):
    index = RemedyIndexPage.objects.child_of(demo_site).get(slug="justice")
    assert index.live
    assert "not legal advice" in index.intro
    remedies = RemedyPage.objects.child_of(index).live()
    assert remedies.count() >= 8
    assert set(remedies.values_list("pathway", flat=True)) == set(JusticePathway.values)

    places = {place.code: place for place in Jurisdiction.objects.all()}
    assert {"us", "us-ny", "th"} <= set(places)
    assert places["us-ny"].parent == places["us"]
    covered = set(
        RemedyDeadline.objects.filter(page__in=remedies).values_list(
            "jurisdiction__code", flat=True
        )
    )
    assert {"us", "us-ny", "th"} <= covered


def test_every_remedy_is_complete_sourced_and_reviewed(demo_site):
    council_audience = Council.objects.get(slug=demo.COUNCIL_SLUG).audience
    remedies = (
        in_source_language(RemedyPage.objects)
        .live()
        .prefetch_related("deadlines", "sources", "lawyer_questions", "outcomes", "harm_kinds")
    )
    assert remedies
    for remedy in remedies:
        assert remedy.summary and remedy.who_it_is_for and remedy.how_it_works, remedy.slug
        assert remedy.outcomes.all(), remedy.slug
        assert remedy.harm_kinds.all(), remedy.slug
        assert remedy.sources.all(), remedy.slug
        assert all(source.citation for source in remedy.sources.all())
        deadlines = remedy.deadlines.all()
        assert deadlines, remedy.slug
        assert all(deadline.source_title and deadline.checked_on for deadline in deadlines)
        # A time limit is a number only when it is one.
        for deadline in deadlines:
            if deadline.kind != RemedyDeadline.Kind.LIMITATION:
                assert deadline.years is None, remedy.slug
        assert 3 <= len(remedy.lawyer_questions.all()) <= 6, remedy.slug
        assert remedy.review_council == council_audience
        assert remedy.reviewed_on is not None


def test_civil_remedy_deadline_is_the_statutory_ten_years(demo_site):
    deadline = RemedyDeadline.objects.get(
        page__in=in_source_language(RemedyPage.objects),
        page__slug="federal-civil-suit",
        jurisdiction__code="us",
    )
    assert deadline.kind == RemedyDeadline.Kind.LIMITATION
    assert deadline.years == 10
    assert deadline.source_title == "18 U.S.C. § 1595(c)"
    assert deadline.source_url.startswith("https://www.law.cornell.edu/")


def test_each_jurisdiction_has_two_listed_legal_or_support_services(demo_site):
    for code in ("us", "us-ny", "th"):
        listings = ServiceListing.listed().filter(jurisdictions__code=code).distinct()
        assert listings.count() >= 2, code
        for listing in listings.select_related("organisation").prefetch_related(
            "languages", "services"
        ):
            organisation = listing.organisation
            assert organisation.kind in (Organisation.Kind.LEGAL, Organisation.Kind.SUPPORT)
            assert organisation.name.endswith("(demo)")
            assert re.match(r"^https://[a-z-]+\.example\.org$", organisation.website)
            assert " 555 " in listing.phone
            assert listing.languages.all() and listing.services.all()


def test_the_deliberate_stale_examples_are_there(demo_site):
    """One deadline and one page are older than the review interval, so the
    demo shows the staleness marks; nothing else was written that long ago."""
    cutoff = demo.WRITTEN_ON - freshness.REVIEW_INTERVAL
    # Translations carry copies of their source's deadlines: read the sources'.
    stale_deadlines = RemedyDeadline.objects.filter(
        checked_on__lt=cutoff, page__in=in_source_language(RemedyPage.objects)
    )
    assert stale_deadlines.count() == 1
    assert stale_deadlines.get().check_is_stale
    stale_pages = in_source_language(RemedyPage.objects).filter(reviewed_on__lt=cutoff)
    assert list(stale_pages.values_list("slug", flat=True)) == [demo.STALE_REVIEW_SLUG]
    assert stale_pages.get().review_is_stale


def test_remedies_link_to_fitting_campaigns_and_proposals(demo_site):
    restitution = in_source_language(RemedyPage.objects).get(slug="federal-criminal-restitution")
    proposal = in_source_language(restitution.reform_proposals.all()).get()
    assert proposal.slug == "pay-restitution-first-from-assets-seized-from-traffickers"
    # The proposal's latest revision names the remedy too, so publishing it keeps the link.
    revision = Revision.page_revisions.filter(object_id=str(proposal.pk)).latest("created_at")
    assert restitution.pk in revision.content["remedies"]

    t_visa = in_source_language(RemedyPage.objects).get(slug="t-visa")
    assert t_visa.reform_proposals.filter(slug__startswith="protect-t-visa").exists()
    assert "migrate-safely" in {link.campaign.slug for link in t_visa.related_campaigns.all()}


def test_loading_the_demo_twice_changes_nothing(demo_site):
    before = _counts()
    reviewed = dict(RemedyPage.objects.values_list("slug", "reviewed_on"))
    call_command("load_demo_data", "--force", stdout=io.StringIO())
    assert _counts() == before
    assert dict(RemedyPage.objects.values_list("slug", "reviewed_on")) == reviewed


def test_builds_on_a_bare_site_without_the_other_demos(home):
    """Without councils, proposals or campaigns the remedies are still built,
    just without those links; a second run adds nothing."""
    demo.build_pathways_demo(home, {})
    first = _counts()
    demo.build_pathways_demo(home, {})
    assert _counts() == first
    assert first["remedies"] == len(demo.REMEDIES)
    assert first["campaign links"] == 0
    assert in_source_language(RemedyPage.objects).filter(
        review_council__isnull=True
    ).count() == len(demo.REMEDIES)


def test_demo_words_never_call_a_person_a_victim():
    texts = []
    for spec in demo.REMEDIES:
        for value in spec.values():
            if isinstance(value, str):
                texts.append(value)
        for deadline in spec["deadlines"]:
            texts += [deadline["period"], deadline["notes"], deadline["source_title"]]
        texts += spec["questions"]
        texts += [citation for citation, _ in spec["sources"]]
    for spec in demo.DIRECTORY:
        texts += [spec["name"], spec["description"], spec["summary"], spec["contact_notes"]]
    for text in texts:
        for name in PROPER_NAMES_WITH_VICTIM:
            text = text.replace(name, "")
        assert "victim" not in text.lower(), text


def test_demo_content_fits_its_fields(demo_site):
    """SQLite does not enforce lengths and choices; PostgreSQL and the admin
    forms do, so every demo record is validated as an editor's would be."""
    records = [
        *RemedyDeadline.objects.all(),
        *RemedySource.objects.all(),
        *LawyerQuestion.objects.all(),
        *ServiceListing.objects.all(),
        *ServiceLanguage.objects.all(),
        *Jurisdiction.objects.all(),
    ]
    for record in records:
        record.clean_fields()
    for remedy in in_source_language(RemedyPage.objects).all():
        remedy.clean_fields(exclude=["path", "depth", "url_path", "draft_title"])
    for organisation in Organisation.objects.filter(slug__endswith="-demo"):
        organisation.clean_fields()
