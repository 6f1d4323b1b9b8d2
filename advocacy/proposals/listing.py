"""The proposals list: filters, search and pagination at a constant query cost."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from content.justice_pathways import JusticePathway
from content.translations import in_language_all, reader_language
from core import page_cache, site_wide
from core.widgets import QuickSelect
from people.warned_pieces import WarnedPiece, warned_piece

from .models import PolicyArea, ProposalStatus, ReformProposalPage

PER_PAGE = 12
ROW_TEMPLATE = "proposals/includes/proposal_row.html"

# Drafts and proposals in review are not published, so never listed.
LISTED_STATUSES = [
    ProposalStatus.OPEN,
    ProposalStatus.SUBMITTED,
    ProposalStatus.ADOPTED,
    ProposalStatus.PARTLY_ADOPTED,
    ProposalStatus.REJECTED,
    ProposalStatus.WITHDRAWN,
]


class ProposalFilterForm(forms.Form):
    """GET filters for the list; every field optional, bad values just ignored."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    jurisdiction = forms.ChoiceField(label=_("Jurisdiction"), required=False, widget=QuickSelect)
    policy_area = forms.ModelChoiceField(
        label=_("Policy area"),
        queryset=PolicyArea.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Any policy area"),
        widget=QuickSelect,
    )
    pathway = forms.ChoiceField(
        label=_("Justice pathway"),
        required=False,
        choices=[("", _("Any pathway")), *JusticePathway.choices],
        widget=QuickSelect,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Any status")),
            *[(s.value, s.label) for s in ProposalStatus if s in LISTED_STATUSES],
        ],
        widget=QuickSelect,
    )

    def __init__(self, *args, jurisdictions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = [
            ("", _("Any jurisdiction")),
            *[(j, j) for j in jurisdictions],
        ]


def proposal_queryset(index_page):
    """Listed proposals under `index_page`, with everything a row shows, in
    a fixed number of queries (endorsement counts are annotated, not per row)."""
    return (
        ReformProposalPage.objects.live()
        .child_of(index_page)
        .filter(status__in=LISTED_STATUSES)
        # Rows never show the evidence blocks; their JSON is the bulk of each row.
        .defer_streamfields()
        .select_related("policy_area")
        .prefetch_related("content_warning_topics")
        .annotate(
            endorsement_count=Count("endorsements", distinct=True),
            organisation_endorsement_count=Count(
                "endorsements",
                filter=Q(endorsements__organisation__isnull=False),
                distinct=True,
            ),
        )
        .order_by("-first_published_at", "-pk")
    )


def _jurisdictions(index_page) -> tuple[str, ...]:
    """The jurisdictions of the listed proposals, for the filter: kept per
    process until a proposal is published, changed or unpublished."""

    def read():
        return tuple(
            ReformProposalPage.objects.live()
            .child_of(index_page)
            .filter(status__in=LISTED_STATUSES)
            .order_by("jurisdiction")
            .values_list("jurisdiction", flat=True)
            .distinct()
        )

    return site_wide.remember(
        ("proposal-jurisdictions", index_page.pk),
        read,
        tags=(page_cache.pages_tag(ReformProposalPage),),
    )


def _listed_ids(index_page, form) -> tuple[int, ...]:
    """The ids of the proposals the filters choose, newest first. Kept per
    process for filters chosen among choices (a search is not kept: what is
    held stays bounded) until any proposal is published, changed or
    unpublished; endorsements change rows, not which are listed."""
    proposals = ReformProposalPage.objects.live().child_of(index_page)
    proposals = proposals.filter(status__in=LISTED_STATUSES)
    chosen: tuple = ()
    query = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        for name in ("jurisdiction", "policy_area", "pathway", "status"):
            if data[name]:
                proposals = proposals.filter(**{name: data[name]})
        chosen = tuple((name, str(form.data.get(name, ""))) for name in sorted(form.fields))
        query = data["q"].strip()

    def read() -> tuple[int, ...]:
        found = proposals
        if query:
            # A match in a translation finds its source (the rows are sources).
            matching = ReformProposalPage.objects.live().search(query)
            found = found.filter(translation_key__in={page.translation_key for page in matching})
        return tuple(found.order_by("-first_published_at", "-pk").values_list("pk", flat=True))

    if query:
        return read()
    return site_wide.remember(
        ("proposal-list", index_page.pk, chosen),
        read,
        tags=(page_cache.pages_tag(ReformProposalPage),),
    )


def proposal_rows(index_page, request, ids: list[int]) -> list[SafeString]:
    """The rows of the proposals `ids` (sources), in order, for this reader.
    Each row is kept per process, language and host under its proposal's
    page tag (publishing it or a translation, a new endorsement) and the site
    tag (policy areas, warnings' topics); rows not kept are read in one query
    with everything a row shows."""
    language, host = reader_language(), request.get_host()
    items = [(("proposal-row", pk, language, host), (page_cache.page_tag(pk),)) for pk in ids]

    def make(missing: list[int]) -> list[WarnedPiece | None]:
        wanted = [ids[index] for index in missing]
        sources = list(proposal_queryset(index_page).filter(pk__in=wanted))
        shown = dict(zip((source.pk for source in sources), in_language_all(sources), strict=True))
        return [
            warned_piece(
                ROW_TEMPLATE,
                {"proposal": shown[pk], "request": request},
                [topic.pk for topic in shown[pk].content_warning_topics.all()],
            )
            if pk in shown
            else None
            for pk in wanted
        ]

    rows = site_wide.remember_each(items, make)
    return [row.for_reader(request) for row in rows if row is not None]


def proposal_listing_context(index_page, request) -> dict:
    form = ProposalFilterForm(request.GET or None, jurisdictions=_jurisdictions(index_page))
    ids = _listed_ids(index_page, form)
    # Any proposal published may join the list; each listed one shows its own.
    page_cache.depends_on(page_cache.pages_tag(ReformProposalPage))
    paginator = Paginator(ids, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    shown_ids = list(page_obj.object_list)
    page_cache.depends_on_all(page_cache.page_tag(pk) for pk in shown_ids)
    page_obj.object_list = proposal_rows(index_page, request, shown_ids)
    return {
        "filter_form": form,
        "proposals": page_obj,
        "search_query": form.cleaned_data.get("q", "").strip()
        if form.is_bound and form.is_valid()
        else "",
        "is_filtered": bool(form.is_bound and form.has_changed()),
    }
