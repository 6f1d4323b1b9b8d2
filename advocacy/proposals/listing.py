"""The proposals list: filters, search and pagination at a constant query cost."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from content.justice_pathways import JusticePathway
from content.translations import in_language_all
from core import page_cache, site_wide
from core.widgets import QuickSelect

from .models import PolicyArea, ProposalStatus, ReformProposalPage

PER_PAGE = 12

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


def proposal_listing_context(index_page, request) -> dict:
    base = proposal_queryset(index_page)
    jurisdictions = list(
        ReformProposalPage.objects.live()
        .child_of(index_page)
        .filter(status__in=LISTED_STATUSES)
        .order_by("jurisdiction")
        .values_list("jurisdiction", flat=True)
        .distinct()
    )
    form = ProposalFilterForm(request.GET or None, jurisdictions=jurisdictions)
    proposals = base
    query = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["jurisdiction"]:
            proposals = proposals.filter(jurisdiction=data["jurisdiction"])
        if data["policy_area"]:
            proposals = proposals.filter(policy_area=data["policy_area"])
        if data["pathway"]:
            proposals = proposals.filter(pathway=data["pathway"])
        if data["status"]:
            proposals = proposals.filter(status=data["status"])
        query = data["q"].strip()
        if query:
            # A match in a translation finds its source (the rows are sources).
            matching = ReformProposalPage.objects.live().search(query)
            proposals = proposals.filter(
                translation_key__in={page.translation_key for page in matching}
            )
    paginator = Paginator(proposals, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    sources = list(page_obj.object_list)
    page_obj.object_list = in_language_all(sources)
    for source, shown in zip(sources, page_obj.object_list, strict=True):
        # What its row shows (`{% kept %}` in the template): the proposal as
        # published, in the reader's language (policy areas are snippets).
        shown.kept_tags = (page_cache.page_tag(source.pk), page_cache.page_tag(shown.pk))
    site_wide.read_ahead(tag for shown in page_obj.object_list for tag in shown.kept_tags)
    return {
        "filter_form": form,
        "proposals": page_obj,
        "search_query": query,
        "is_filtered": bool(form.is_bound and form.has_changed()),
    }
