"""The open opportunities list (OpportunityIndexPage): filters, one page of
cards, at a cost that does not grow with the number of opportunities.

Which opportunities the filters choose is kept per process (their ids, in
order) until any opportunity or organisation changes (the opportunities'
pages tag; organisations are snippets, so the site tag) or the soonest of
their deadlines passes; filters with words typed in (a date) are read each
time, so what is held stays bounded. Each card is kept per language and
host under the same tags, and cards not held are read in one query."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from content.translations import reader_language
from core import page_cache, site_wide

from . import policy
from .forms import OpportunityFilterForm
from .models import SpeakingOpportunity

PAGE_SIZE = 20
CARD_TEMPLATE = "opportunities/card.html"


def _filtered(form: OpportunityFilterForm, opportunities):
    if not form.is_valid():
        return opportunities
    data = form.cleaned_data
    if data["kind"]:
        opportunities = opportunities.filter(kind=data["kind"])
    if data["topic"]:
        opportunities = opportunities.filter(topics=data["topic"])
    if data["remote"]:
        opportunities = opportunities.filter(is_remote=data["remote"] == "yes")
    if data["paid"]:
        opportunities = opportunities.filter(is_unpaid=data["paid"] == "no")
    if data["date_from"]:
        opportunities = opportunities.filter(starts_at__date__gte=data["date_from"]) | (
            opportunities.filter(is_flexible=True)
        )
    return opportunities.distinct()


def _read_ids(form: OpportunityFilterForm) -> tuple[tuple[int, ...], object]:
    """The chosen opportunities' ids, soonest deadline first, and the moment
    the first of those deadlines passes (the list changes then)."""
    rows = _filtered(form, SpeakingOpportunity.objects.listed()).order_by("deadline", "pk")
    language = form.cleaned_data.get("language") if form.is_valid() else ""
    found = rows.prefetch_related(None).values_list("pk", "deadline", "languages")
    # Languages are a JSON list; filtered here so SQLite and PostgreSQL agree.
    chosen = [
        (pk, deadline)
        for pk, deadline, spoken in found
        if not language or language in (spoken or [])
    ]
    until = min((deadline for _pk, deadline in chosen), default=None)
    return tuple(pk for pk, _deadline in chosen), until


def _listed_ids(form: OpportunityFilterForm) -> tuple[tuple[int, ...], object]:
    """`_read_ids`, kept per process for filters chosen among choices."""
    tags = (page_cache.pages_tag(SpeakingOpportunity),)
    if form.is_bound and (not form.is_valid() or form.cleaned_data.get("date_from")):
        return _read_ids(form)
    key = ("opportunity-list", tuple(sorted(form.data.items())) if form.is_bound else ())
    held = site_wide.held(key, tags)
    if held is not None and (held[1] is None or timezone.now() < held[1]):
        return held
    found = _read_ids(form)
    site_wide.hold(key, found, tags)
    return found


def opportunity_cards(request, ids: list[int]) -> list[SafeString]:
    """The cards of `ids`, in order: each kept per process, language and host
    while the opportunities and organisations are unchanged."""
    language, host = reader_language(), request.get_host()
    tags = (page_cache.pages_tag(SpeakingOpportunity),)
    items = [(("opportunity-card", pk, language, host), tags) for pk in ids]

    def make(missing: list[int]) -> list[str | None]:
        wanted = [ids[index] for index in missing]
        found = {
            opportunity.pk: opportunity
            for opportunity in SpeakingOpportunity.objects.listed().filter(pk__in=wanted)
        }
        return [
            str(render_to_string(CARD_TEMPLATE, {"opportunity": found[pk]}, request=request))
            if pk in found
            else None
            for pk in wanted
        ]

    cards = site_wide.remember_each(items, make)
    return [mark_safe(card) for card in cards if card is not None]  # noqa: S308


def listing_context(request) -> dict:
    """The open opportunities for OpportunityIndexPage: filtered, sorted by
    deadline; no query for what is kept, constant queries otherwise."""
    form = OpportunityFilterForm(request.GET or None)
    ids, until = _listed_ids(form)
    page_cache.depends_on(page_cache.pages_tag(SpeakingOpportunity))
    if until is not None:
        page_cache.valid_until(until)  # The list changes when a deadline passes.
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = opportunity_cards(request, list(page.object_list))
    return {
        "filter_form": form,
        "page_obj": page,
        "postable_organisations": list(policy.postable_organisations(request.user)),
    }
