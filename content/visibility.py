"""Which pages sit behind a view restriction, read once per process.

Wagtail asks the database on every page view (`get_view_restrictions`, for
the page and its ancestors) and on every list of pages (`PageQuerySet.public`,
one query for all restrictions each time), although restrictions change
rarely. Here the restricted pages are read once per process and kept while
the site tag holds (`core.site_wide`; a restriction saved or deleted bumps
it, content/caching.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail.models import PageViewRestriction

from core import site_wide


@dataclass(frozen=True)
class RestrictedPage:
    pk: int
    path: str
    depth: int


def restricted_pages() -> tuple[RestrictedPage, ...]:
    def read():
        return tuple(
            RestrictedPage(pk=page["page_id"], path=page["page__path"], depth=page["page__depth"])
            for page in PageViewRestriction.objects.order_by("page__path").values(
                "page_id", "page__path", "page__depth"
            )
        )

    return site_wide.remember(("restricted-pages",), read)


def public(queryset: QuerySet) -> QuerySet:
    """`queryset.public()`, without a query for the restrictions: the pages
    that are not in a restricted section."""
    restricted = restricted_pages()
    if not restricted:
        return queryset
    private = Q()
    for page in restricted:
        private |= Q(path__startswith=page.path, depth__gte=page.depth)
    return queryset.exclude(private)


def any_restriction() -> bool:
    return bool(restricted_pages())
