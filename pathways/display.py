"""What the remedy pages show, at a fixed query cost however many deadlines,
sources, campaigns or proposals a page has. The page's own relations
(deadlines, outcomes, harms, questions, sources, services, campaign links)
change only when the page is published, and are kept per process under its
page tag (`remedy_relations`); the proposals and campaigns it shows are read
each time (their own publishing decides whether they show)."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from content.caching import kept_with_page
from content.justice_pathways import JusticePathway
from content.translations import in_language_all, in_source_language
from content.visibility import public

from .models import RemedyPage


def public_proposals_naming(page: RemedyPage) -> list:
    """The reform proposals that name this remedy and the public may read:
    live, not view-restricted, and in a status the proposals list shows.
    (Proposals say which of their statuses are public: this app may not
    import them.)"""
    proposals = page.reform_proposals.model
    return in_language_all(
        public(in_source_language(proposals.objects.live()))
        .filter(remedies=page.pk, status__in=proposals.listed_statuses())
        .defer_streamfields()
        .order_by("-first_published_at", "-pk")
    )


def live_related_campaigns(campaign_ids, request) -> list[dict]:
    """The campaigns `campaign_ids` (in the editor's order) that are live and
    public: two queries (the pages, then each as its own kind of page, whose
    address keeps the reader's language)."""
    if not campaign_ids:
        return []
    found = {
        page.pk: page for page in public(Page.objects.live()).filter(pk__in=campaign_ids).specific()
    }
    campaigns = in_language_all(found[pk] for pk in campaign_ids if pk in found)
    return [
        {"title": campaign.title, "url": campaign.get_url(request), "page": campaign}
        for campaign in campaigns
    ]


@dataclass(frozen=True)
class RemedyRelations:
    """What a remedy page shows from its own relations: they change only when
    the page is saved or published, which bumps its page tag."""

    deadlines: tuple
    outcomes: tuple
    harm_kinds: tuple
    lawyer_questions: tuple
    sources: tuple
    services: tuple
    campaign_ids: tuple


def remedy_relations(page: RemedyPage, request) -> RemedyRelations:
    """The page's relations, kept per process under its page tag (and the
    site tag: the outcomes, harms, services and places are snippets). A
    preview reads the page as it is being edited, and keeps nothing."""

    def read() -> RemedyRelations:
        return RemedyRelations(
            deadlines=tuple(
                page.deadlines.select_related("jurisdiction", "jurisdiction__parent").order_by(
                    "sort_order"
                )
            ),
            outcomes=tuple(page.outcomes.all()),
            harm_kinds=tuple(page.harm_kinds.all()),
            lawyer_questions=tuple(page.lawyer_questions.order_by("sort_order")),
            sources=tuple(page.sources.order_by("sort_order")),
            services=tuple(page.services.all()),
            # Links held in memory in a preview; their order is the editor's.
            campaign_ids=tuple(
                link.campaign_id for link in page.related_campaigns.order_by("sort_order")
            ),
        )

    return kept_with_page("remedy-relations", page, request, read)


def remedy_page_context(page: RemedyPage, request) -> dict:
    """Everything the remedy page template shows beyond the page's own fields."""
    relations = remedy_relations(page, request)
    # A preview of a page never saved has no pk, and no proposal can name it yet.
    proposals = public_proposals_naming(page) if page.pk else []
    return {
        "outcomes": list(relations.outcomes),
        "harm_kinds": list(relations.harm_kinds),
        "deadlines": list(relations.deadlines),
        "any_deadline_stale": any(d.check_is_stale for d in relations.deadlines),
        "lawyer_questions": list(relations.lawyer_questions),
        "sources": list(relations.sources),
        "related_campaigns": live_related_campaigns(relations.campaign_ids, request),
        "reform_proposals": proposals,
        "asks": what_it_asks(page),
    }


def what_it_asks(page: RemedyPage) -> list[tuple[str, str, str]]:
    """(question, answer, value) for each thing the remedy asks of the
    survivor, in the order the page lists them; value is for styling."""
    rows = [
        ("time_needed", page.get_time_needed_display()),
        ("testimony", page.get_testimony_display()),
        ("contact_with_trafficker", page.get_contact_with_trafficker_display()),
        ("cost", page.get_cost_display()),
        ("retraumatisation_risk", page.get_retraumatisation_risk_display()),
    ]
    return [
        (RemedyPage._meta.get_field(name).verbose_name, answer, getattr(page, name))
        for name, answer in rows
    ]


def remedies_by_pathway(index_page) -> list[dict]:
    """The index page's remedies, grouped under the three pathways (each with
    its remedies, possibly none), with what each can give: two queries."""
    remedies = in_language_all(
        public(RemedyPage.objects.live())
        .child_of(index_page)
        .prefetch_related("outcomes")
        .order_by("path")
    )
    return [
        {
            "pathway": value,
            "label": label,
            "remedies": [remedy for remedy in remedies if remedy.pathway == value],
        }
        for value, label in JusticePathway.choices
    ]
