"""Which remedy pages need attention: not reviewed by their council for
twelve months, or with deadlines not checked against their source for twelve
months. The admin dashboard and the weekly notice to editors both read this."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q

from content.translations import in_source_language

from . import freshness
from .models import RemedyPage


@dataclass
class NeedsChecking:
    """One remedy page and what is out of date on it."""

    page: RemedyPage
    review_overdue: bool
    stale_deadlines: int
    oldest_check: datetime.date | None = None
    reasons: list[str] = field(default_factory=list)


def pages_needing_checks(pages=None, on: datetime.date | None = None) -> list[NeedsChecking]:
    """Of `pages` (default: every remedy page), those whose review or any
    deadline is out of date, most overdue first. One query."""
    before = freshness.stale_before(on)
    pages = in_source_language(RemedyPage.objects.all()) if pages is None else pages
    stale_deadline = Q(deadlines__checked_on__lt=before)
    found = (
        pages.annotate(
            stale_deadlines=Count("deadlines", filter=stale_deadline, distinct=True),
            oldest_check=Min("deadlines__checked_on", filter=stale_deadline),
        )
        .filter(Q(reviewed_on__isnull=True) | Q(reviewed_on__lt=before) | Q(stale_deadlines__gt=0))
        .only("pk", "title", "draft_title", "live", "reviewed_on", "path", "url_path")
        .order_by("reviewed_on", "pk")
    )
    return [
        NeedsChecking(
            page=page,
            review_overdue=freshness.is_stale(page.reviewed_on, on),
            stale_deadlines=page.stale_deadlines,
            oldest_check=page.oldest_check,
        )
        for page in found
    ]
