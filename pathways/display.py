"""What the remedy pages show, at a fixed query cost however many deadlines,
sources, campaigns or proposals a page has. The page's own relations
(deadlines, outcomes, harms, questions, sources, services, campaign links)
change only when the page is published, and are kept per process under its
page tag (`remedy_relations`); the links to the proposals and campaigns it
shows are kept per language until any page is published, changed or
unpublished, or a proposal changes status (`linked_pages`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from wagtail.models import Page

from content.caching import kept_with_page
from content.justice_pathways import JusticePathway
from content.routing import ROUTES
from content.template_translations import content_lang
from content.translations import in_language_all, in_source_language, reader_language
from content.visibility import public
from core import page_cache

from .models import RemedyPage


@dataclass(frozen=True)
class PageLink:
    """A link to another page, as a remedy page shows it."""

    title: str
    url: str
    # ` lang="en"` when the title is not in the reader's language.
    lang: SafeString
    # A proposal's status, in the reader's language.
    status: str = ""


def linked_pages(page: RemedyPage, request, campaign_ids) -> tuple[tuple, tuple]:
    """The live campaigns the page links to and the public proposals naming
    it, as links in the reader's language: kept per process with the page,
    language and host while no page is published, changed or unpublished
    (the `routes` tag) and no proposal changes status."""
    proposal_model = page.reform_proposals.model

    def read():
        campaigns = tuple(
            PageLink(campaign.title, campaign.get_url(request) or "", content_lang(campaign))
            for campaign in live_related_campaigns(campaign_ids)
        )
        proposals = tuple(
            PageLink(
                proposal.title,
                proposal.get_url(request) or "",
                content_lang(proposal),
                str(proposal.get_status_display()),
            )
            for proposal in (public_proposals_naming(page) if page.pk else [])
        )
        return campaigns, proposals

    # A page kept for visitors showing these links is forgotten as they are.
    page_cache.depends_on(ROUTES, page_cache.pages_tag(proposal_model))
    return kept_with_page(
        "remedy-links",
        page,
        request,
        read,
        tags=(ROUTES, page_cache.pages_tag(proposal_model)),
        key=(reader_language(), request.get_host()),
    )


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


def live_related_campaigns(campaign_ids) -> list[Page]:
    """The campaigns `campaign_ids` (in the editor's order) that are live and
    public: two queries (the pages, then each as its own kind of page, whose
    address keeps the reader's language)."""
    if not campaign_ids:
        return []
    found = {
        page.pk: page for page in public(Page.objects.live()).filter(pk__in=campaign_ids).specific()
    }
    return in_language_all(found[pk] for pk in campaign_ids if pk in found)


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
    campaigns, proposals = linked_pages(page, request, relations.campaign_ids)
    return {
        "outcomes": list(relations.outcomes),
        "harm_kinds": list(relations.harm_kinds),
        "deadlines": list(relations.deadlines),
        "any_deadline_stale": any(d.check_is_stale for d in relations.deadlines),
        "lawyer_questions": list(relations.lawyer_questions),
        "sources": list(relations.sources),
        "related_campaigns": list(campaigns),
        "reform_proposals": list(proposals),
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
