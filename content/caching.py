"""What each change to pages, settings and shared lists makes visitors' kept
pages forget (core.page_cache, docs/caching.md).

- Publishing or unpublishing a page (or a translation of it), or any save
  of a page besides a draft's: the page in every language, the listings of
  its type, and its parent's list of children (the menu is the site root's
  children).
- Moving or deleting a page, changing who may view a page, a site, a locale,
  a setting, a snippet (topics, content-warning topics, jurisdictions and the
  other shared lists), an image or a document: everything. These are rare,
  and each can change what any page shows (addresses in links, the footer,
  filters, pictures).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import page_cache, site_wide

from .translations import is_source, source_page


def children_tag(parent_id: int) -> str:
    """The list of a page's children (the menu lists the site root's)."""
    return f"children:{parent_id}"


def tags_for_page(page: Page) -> set[str]:
    source = source_page(page)
    tags = {page_cache.page_tag(source.pk), page_cache.pages_tag(type(page))}
    parent_id = Page.objects.filter(path=source.path[: -Page.steplen]).values_list("pk", flat=True)
    tags.update(children_tag(pk) for pk in parent_id)
    return tags


def kept_with_page(
    kind: str,
    page: Page,
    request,
    read: Callable[[], Any],
    *,
    tags: tuple[str, ...] = (),
    key: tuple = (),
) -> Any:
    """`read()`: what `page` shows from its own relations, kept per process
    under its page tag (and the site tag, and `tags`, and per `key`) when
    every change to them bumps those tags. A preview reads the page as it is
    being edited and keeps nothing; so does a page never saved, or a
    translation (routing serves the source, whose tag its translations bump)."""
    if page.pk is None or getattr(request, "is_preview", False) or not is_source(page):
        return read()
    return site_wide.remember(
        (kind, page.pk, *key), read, tags=(page_cache.page_tag(page.pk), *tags)
    )


def addresses_in_every_language(page: Page) -> list[str]:
    """The full URLs of `page` for every reader: its source's address, and
    the same with each language's prefix."""
    source = source_page(page)
    url = Page.get_full_url(source)
    if not url:
        return []
    parts = urlsplit(url)
    urls = [url]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            urls.append(urlunsplit(parts._replace(path=f"/{code}{parts.path}")))
    return urls


def purge_front_end_cache(page: Page) -> None:
    """A proxy or CDN in front forgets the page too, where one is set up
    (settings.WAGTAILFRONTENDCACHE, docs/caching.md)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = addresses_in_every_language(page)
    transaction.on_commit(lambda: purge_urls_from_cache(urls))


@receiver(page_published)
@receiver(page_unpublished)
def purge_published_page(sender, instance, **kwargs):
    # The page cache forgot it already: publishing and unpublishing save the
    # page (forget_after_a_shared_change, below).
    purge_front_end_cache(instance)


@receiver(post_page_move)
def forget_everything_after_a_move(sender, **kwargs):
    page_cache.invalidate_everything()


@functools.cache
def _models_that_change_everything() -> tuple[type, ...]:
    """Read once: every save and deletion of any row asks."""
    from wagtail.snippets.models import get_snippet_models

    return (
        Page,
        PageViewRestriction,
        Site,
        Locale,
        BaseSiteSetting,
        BaseGenericSetting,
        get_image_model(),
        get_document_model(),
        *get_snippet_models(),
        *_redirect_models(),
    )


def _redirect_models() -> tuple[type, ...]:
    if not apps.is_installed("wagtail.contrib.redirects"):
        return ()
    from wagtail.contrib.redirects.models import Redirect

    return (Redirect,)


def _is_a_site_root(page: Page) -> bool:
    from .routing import site_records

    return any(record.root_page_id == page.pk for record in site_records())


def _changes_everything(instance) -> bool:
    return isinstance(instance, _models_that_change_everything())


def changes_everything_model(model) -> bool:
    """Whether every save and deletion of `model`'s rows bumps the `site` tag."""
    return issubclass(model, _models_that_change_everything())


# Fields Wagtail writes when a draft is saved or a page locked: nothing a
# visitor sees. Any other save of a page (a new page made live, code saving a
# live page) is treated like publishing.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)


@receiver(post_save)
def forget_after_a_shared_change(
    sender, instance, raw=False, update_fields=None, created=False, **kwargs
):
    if raw:
        return
    if created and isinstance(instance, (BaseSiteSetting, BaseGenericSetting)):
        # Wagtail makes a settings row, with its defaults, the first time
        # anything reads it: pages showed those defaults already.
        return
    if isinstance(instance, Page):
        if update_fields is None or not set(update_fields) <= DRAFT_ONLY_FIELDS:
            from .routing import ROUTES

            page_cache.invalidate(ROUTES, *tags_for_page(instance))
            if _is_a_site_root(instance):
                # Its slug is in every address (content/routing.py).
                page_cache.invalidate_everything()
        return
    if _changes_everything(instance):
        page_cache.invalidate_everything()


@receiver(post_delete)
def forget_after_a_deletion(sender, instance, **kwargs):
    if _changes_everything(instance):
        page_cache.invalidate_everything()
