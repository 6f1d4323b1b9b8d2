"""What the remedy pages show, built once per request at a fixed query cost:
one query per relation however many deadlines, sources, campaigns or
proposals a page has."""

from __future__ import annotations

from wagtail.models import Page

from content.justice_pathways import JusticePathway
from content.translations import in_language_all, in_source_language
from content.visibility import public

from .models import RemedyPage


def _public_page_ids(ids) -> set[int]:
    """Of the pages `ids`, those anyone may read: live and not behind a view
    restriction (one query, whatever the number)."""
    if not ids:
        return set()
    return set(public(Page.objects.live()).filter(pk__in=ids).values_list("pk", flat=True))


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


def live_related_campaigns(page: RemedyPage, request) -> list[dict]:
    """The campaigns the page points to that are live and public, in the
    editor's order. Works for a preview too (the links are then in memory)."""
    links = list(page.related_campaigns.select_related("campaign").order_by("sort_order"))
    shown = _public_page_ids([link.campaign_id for link in links])
    # Their own kind of page: its address keeps the reader's language.
    found = {page.pk: page for page in Page.objects.filter(pk__in=shown).specific()}
    campaigns = in_language_all(
        found[link.campaign_id] for link in links if link.campaign_id in found
    )
    return [
        {"title": campaign.title, "url": campaign.get_url(request), "page": campaign}
        for campaign in campaigns
    ]


def remedy_page_context(page: RemedyPage, request) -> dict:
    """Everything the remedy page template shows beyond the page's own fields."""
    deadlines = list(
        page.deadlines.select_related("jurisdiction", "jurisdiction__parent").order_by("sort_order")
    )
    # A preview of a page never saved has no pk, and no proposal can name it yet.
    proposals = public_proposals_naming(page) if page.pk else []
    return {
        "outcomes": list(page.outcomes.all()),
        "harm_kinds": list(page.harm_kinds.all()),
        "deadlines": deadlines,
        "any_deadline_stale": any(d.check_is_stale for d in deadlines),
        "lawyer_questions": list(page.lawyer_questions.order_by("sort_order")),
        "sources": list(page.sources.order_by("sort_order")),
        "related_campaigns": live_related_campaigns(page, request),
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
