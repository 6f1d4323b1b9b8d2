"""Pages in the reader's language.

Each page has a tree per language (Wagtail's locales); translators edit the
translations with wagtail-localize. Readers always reach the *source* page,
the one in the default language: its address is the same in every language
apart from the /es/, /th/ prefix, and everything people do on it (pledges,
endorsements, milestones, permissions) belongs to it. When a published
translation into the reader's language exists, the page is shown with the
translation's words: its translatable fields (title, summary, body...) are
laid over a copy of the source page in memory. When none exists, the page is
shown in its source language and says so (`shown_in` / `content_lang`).

A copy carrying a translation's words refuses to be saved: saving it would
write the translation over the source.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from core import page_cache

from . import visibility

# Addresses and tree positions stay the source page's.
NOT_LAID_OVER = {"slug", "url_path"}


class TranslatedCopyNotSaved(RuntimeError):
    """Raised when code tries to save a page shown in a translation."""


_locales: dict[str, Locale] = {}


def locale_for(language: str) -> Locale | None:
    """The locale of `language`, from one read of the (short) locale table
    per process: every page address asks. Forgotten when locales change."""
    if not _locales:
        _locales.update({locale.language_code: locale for locale in Locale.objects.all()})
    return _locales.get(language)


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE) or Locale.get_default()


@receiver([post_save, post_delete], sender=Locale)
@receiver(post_migrate)
def forget_locales(**kwargs):
    _locales.clear()


def reader_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


@functools.cache
def content_fields(model) -> tuple[str, ...]:
    """The fields a translation changes: wagtail-localize's translatable
    fields that are plain columns (text, rich text, streams). Read once per
    model: every page shown in a list asks."""
    names = []
    for field in get_translatable_fields(model):
        if not isinstance(field, TranslatableField) or field.field_name in NOT_LAID_OVER:
            continue
        model_field = model._meta.get_field(field.field_name)
        if model_field.concrete and not model_field.is_relation:
            names.append(field.field_name)
    return tuple(names)


def source_page(page: Page) -> Page:
    """The page in the default language that `page` translates (itself when
    it is already in the default language, or has no source)."""
    locale = default_locale()
    if page.locale_id == locale.pk:
        return page
    found = (
        Page.objects.filter(translation_key=page.translation_key, locale=locale).specific().first()
    )
    return found or page


def _laid_over(page: Page, translation_page: Page | None, language: str) -> Page:
    shown = copy.copy(page)
    if translation_page is not None:
        for name in content_fields(type(page)):
            setattr(shown, name, getattr(translation_page, name))
        shown.draft_title = translation_page.title
        shown.shown_in = language
        shown.is_translated_copy = True
    else:
        shown.shown_in = _language_of(page)
    return shown


def _language_of(page: Page) -> str:
    default_locale()  # Reads the locale table once.
    for code, locale in _locales.items():
        if locale.pk == page.locale_id:
            return code
    return page.locale.language_code


def in_language(page: Page, language: str | None = None) -> Page:
    """`page` as readers of `language` (default: the active one) see it."""
    return in_language_all([page], language)[0]


def in_language_all(pages: Iterable[Page], language: str | None = None) -> list[Page]:
    """Each page as readers of `language` see it, with one query for all of
    their translations. Pages must be specific (their own model's fields).

    A page kept for visitors (core.page_cache) that shows these pages depends
    on each of them, and, for a query, on the listings of its page type: a
    new page of that type may join the list."""
    model = getattr(pages, "model", None)
    pages = list(pages)
    if model is not None and model is not Page:
        page_cache.depends_on(page_cache.pages_tag(model))
    page_cache.depends_on_all(page_cache.page_tag(page.pk) for page in pages)
    language = language or reader_language()
    default = default_locale()
    locale = locale_for(language) if language != default.language_code else None
    by_key: dict = {}
    if locale is not None and pages:
        for model in {type(page) for page in pages}:
            keys = [page.translation_key for page in pages if type(page) is model]
            # An alias in a language's tree (made for the parents of a page
            # translated first) carries the source's words: not a translation.
            found = model.objects.filter(
                translation_key__in=keys, locale=locale, live=True, alias_of__isnull=True
            )
            # Only the fields laid over: streams can be large.
            found = found.only("translation_key", "title", *content_fields(model))
            by_key.update({item.translation_key: item for item in found})
    shown = []
    for page in pages:
        if getattr(page, "shown_in", None) is not None or page.locale_id != default.pk:
            shown.append(page)  # Already shown in a language, or a translation itself.
        elif locale is None:
            page.shown_in = settings.LANGUAGE_CODE
            shown.append(page)
        else:
            shown.append(_laid_over(page, by_key.get(page.translation_key), language))
    return shown


def in_source_language(queryset):
    """Only pages in the default language: lists, jobs and feeds read each page
    once, through its source, never once per translation."""
    return queryset.filter(locale=default_locale())


def is_source(page) -> bool:
    """True for a page in the default language (the one readers reach)."""
    return page.locale_id is None or page.locale_id == default_locale().pk


def for_source_pages(receiver):
    """A page signal receiver that leaves translations alone: what a page
    starts (its audience, authoring rules, emails, counts) belongs to the
    source page, and publishing a translation changes only words."""

    @functools.wraps(receiver)
    def receive(sender, instance, **kwargs):
        if is_source(instance):
            return receiver(sender, instance=instance, **kwargs)
        return None

    return receive


def shown_language(page) -> str:
    """The language `page`'s words are in, as shown."""
    shown = getattr(page, "shown_in", None)
    if shown:
        return shown
    if isinstance(page, Page):
        return _language_of(page)
    return settings.LANGUAGE_CODE


def is_untranslated(page) -> bool:
    """True when the reader's language has no translation of `page` yet."""
    return shown_language(page) != reader_language()


class TranslatedPage:
    """Mixed into every page model, before `Page`.

    - A translation's address is its source's, in the translation's language;
      the source's address is in the reader's language.
    - Routing a translation tree routes the source tree (one address per page),
      and the page reached is shown in the reader's language.
    - A copy showing a translation's words is never saved.
    - Previewing a translation shows the source page with the draft's words.
    """

    shown_in: str | None = None
    is_translated_copy = False
    # Views of a routable page, besides its main one, that may be kept for
    # visitors (core.page_cache): the same for everyone who reads them.
    cached_routes: tuple[str, ...] = ()

    def get_url_parts(self, request=None):
        default = default_locale()
        if self.locale_id == default.pk:
            source, language = self, reader_language()
        else:
            source, language = source_page(self), _language_of(self)
            if source is self:
                return super().get_url_parts(request)
        parts = Page.get_url_parts(source, request)
        if parts is None or language == settings.LANGUAGE_CODE:
            return parts
        site_id, root_url, path = parts
        return site_id, root_url, f"/{language}{path}"

    def route(self, request, path_components):
        if self.locale_id != default_locale().pk:
            source = source_page(self)
            if source is not self:
                return source.specific.route(request, path_components)
        result = super().route(request, path_components)
        if result[0] is self and not self.is_translated_copy:
            # This page is the one asked for: route again on a copy in the
            # reader's language, so views of a routable page get the copy too.
            shown = in_language(self)
            if shown is not self:
                return super(TranslatedPage, shown).route(request, path_components)
        return result

    def serve(self, request, *args, **kwargs):
        # Reached only when no before_serve_page hook answered (view
        # restrictions, for one): the page itself, for everyone, may be kept
        # for visitors. A routable page's other views (confirmations, exports)
        # are never kept unless the page names them.
        view = args[0] if args else kwargs.get("view")
        name = getattr(view, "__name__", "")
        if view is None or name == "index_route" or name in self.cached_routes:
            page_cache.cacheable(page_cache.page_tag(self.pk))
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        # Asked on every page view; no query when no page has a restriction.
        if not visibility.any_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def save(self, *args, **kwargs):
        if self.is_translated_copy:
            raise TranslatedCopyNotSaved(
                "This page is shown with a translation's words; save the source page instead."
            )
        return super().save(*args, **kwargs)

    def serve_preview(self, request, mode_name):
        source = source_page(self)
        if source is self:
            return super().serve_preview(request, mode_name)
        language = _language_of(self)
        shown = _laid_over(source.specific, self, language)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = type(shown).serve_preview(shown, request, mode_name)
            if hasattr(response, "render"):
                response.render()  # In the translation's language, not later.
            return response
