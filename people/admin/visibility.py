"""Who may know that an unpublished page exists, asked by every corner of the
Wagtail admin.

The project's rule: a draft (a page that is not live, whether still being
written or in review) is known only to its authors, to the people who review
it and to site admins. Each feature app owns its part of that rule (campaigns:
`campaigns.policy`; proposals: `advocacy.proposals.policy`) and registers it
here with `register_unpublished_page_audience()`; `people` imports no feature
app. Everything the admin lists or opens (the explorer, page search, the page
chooser, the admin API, the page permission policy behind the reports) asks
`pages_hidden_from()` or `is_page_hidden_from()`.

A page that is not live is hidden from someone unless they are a site admin,
they own it, they hold Wagtail's "change" or "publish" permission over it (an
editor), or a registered audience function names it for them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from wagtail.models import GroupPagePermission, Page

from people.roles import is_site_admin

# name -> function(user) returning the unpublished pages (any Page queryset)
# that `user` may know exist.
_audiences: dict[str, Callable] = {}

EDITOR_PERMISSION_CODENAMES = ("change_page", "publish_page")


def register_unpublished_page_audience(name: str, function: Callable) -> None:
    """A feature app names, for one user, the unpublished pages of its own
    kinds that the user may know exist (authors, reviewers). Registered once
    per name, from the app's `ready()`."""
    _audiences[name] = function


def _edited_subtrees(user) -> Q:
    """Pages below a grant of "change" or "publish" (an editor's pages)."""
    paths = GroupPagePermission.objects.filter(
        group__user=user, permission__codename__in=EDITOR_PERMISSION_CODENAMES
    ).values_list("page__path", flat=True)
    subtrees = Q(pk__in=[])
    for path in paths:
        subtrees |= Q(path__startswith=path)
    return subtrees


def pages_hidden_from(user) -> QuerySet[Page]:
    """The pages `user` must not learn exist, as a queryset (cheap to use as a
    subquery: `pages.exclude(pk__in=pages_hidden_from(user).values("pk"))`)."""
    if is_site_admin(user):
        return Page.objects.none()
    hidden = Page.objects.filter(live=False)
    if user is None or not user.is_authenticated or not user.is_active:
        return hidden
    hidden = hidden.exclude(owner=user).exclude(_edited_subtrees(user))
    for audience in _audiences.values():
        hidden = hidden.exclude(pk__in=audience(user).values("pk"))
    return hidden


def without_hidden_pages(pages: QuerySet, user) -> QuerySet:
    """`pages` less the ones hidden from `user` (any page queryset)."""
    if is_site_admin(user):
        return pages
    return pages.exclude(pk__in=pages_hidden_from(user).values("pk"))


def is_page_hidden_from(user, page_id) -> bool:
    """Whether the page with this id is hidden from `user`. A page that does
    not exist is hidden too: the answer is the same either way."""
    if is_site_admin(user):
        return not Page.objects.filter(pk=page_id).exists()
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return True
    if not Page.objects.filter(pk=page_id).exists():
        return True
    return pages_hidden_from(user).filter(pk=page_id).exists()
