"""Site search: remedies, campaigns and reform proposals anyone may read
(live, not behind a view restriction; proposals only in a public status),
at a fixed query cost whatever the number of matches."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from advocacy.proposals.listing import LISTED_STATUSES
from advocacy.proposals.models import ReformProposalPage
from campaigns.models import CampaignPage
from content.translations import in_language_all, in_source_language, shown_language
from content.visibility import public
from pathways.models import RemedyPage

PER_PAGE = 10
MAX_QUERY_LENGTH = 200
# The search backend ranks matches; more than this many are not worth paging to.
MAX_MATCHES = 500

SEARCHED_TYPES = (RemedyPage, CampaignPage, ReformProposalPage)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _("Please use fewer words: at most %(limit_value)d characters.")
        },
    )


def searchable_pages():
    """The pages search may show anyone."""
    hidden_proposals = ReformProposalPage.objects.exclude(status__in=LISTED_STATUSES)
    return (
        public(in_source_language(Page.objects.live()))
        .type(*SEARCHED_TYPES)
        .exclude(pk__in=hidden_proposals.values("pk"))
    )


def search_pages(query: str) -> list[int]:
    """Ids of the pages matching `query` that anyone may read, best first:
    three queries (the search, the sources of translations found, then who
    may see what). Words in any language find the page they belong to."""
    found = list(Page.objects.live().search(query)[:MAX_MATCHES])
    if not found:
        return []
    source_pks = dict(
        in_source_language(Page.objects.all())
        .filter(translation_key__in={page.translation_key for page in found})
        .values_list("translation_key", "pk")
    )
    ranked = list(dict.fromkeys(source_pks.get(page.translation_key) for page in found))
    allowed = set(searchable_pages().filter(pk__in=ranked).values_list("pk", flat=True))
    return [pk for pk in ranked if pk in allowed]


def _summary(page) -> str:
    """A line about the page: its summary, or what a proposal would change."""
    return (
        getattr(page, "summary", "")
        or getattr(page, "proposed_change", "")
        or page.search_description
    )


def _kind(page) -> str:
    return str(page.specific_class._meta.verbose_name).capitalize()


def search_context(request) -> dict:
    """The search page's form, results (one page of them) and message."""
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "results": None, "message": ""}
    if not form.is_valid():
        context["message"] = form.errors["q"][0]
        return context
    query = form.cleaned_data["q"].strip()
    context["query"] = query
    if not query:
        context["message"] = _("Type a word or two to search for, such as “restitution”.")
        return context
    paginator = Paginator(search_pages(query), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    # One query per page type shown, at most three.
    pages = Page.objects.filter(pk__in=list(page_obj.object_list)).specific().defer_streamfields()
    by_id = {page.pk: page for page in in_language_all(pages)}
    page_obj.object_list = [
        {
            "language": shown_language(by_id[pk]),
            "title": by_id[pk].title,
            "url": by_id[pk].get_url(request),
            "kind": _kind(by_id[pk]),
            "summary": _summary(by_id[pk]),
        }
        for pk in page_obj.object_list
        if pk in by_id
    ]
    context["results"] = page_obj
    if not paginator.count:
        context["message"] = _("Nothing matches “%(query)s”. Try other or fewer words.") % {
            "query": query
        }
    return context
