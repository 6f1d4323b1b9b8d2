"""The language a person chose sticks: every address the site builds keeps it.

Unprefixed addresses are English; other languages live under /es/, /th/, ...
(config/urls.py), and Django's `reverse()` adds the active language's prefix.
Wagtail pages follow the same rule because Wagtail's per-locale addresses are
off (WAGTAIL_I18N_ENABLED, see config/settings/base.py). What is left is what
`reverse()` cannot know: the home page's address, and the language of an
email written to someone other than the reader.

It also names languages for the codes stored on profiles, opportunities and
preferences: people read "Thai", never "th".
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

from core.locales import language_name as cldr_language_name


def home_url() -> str:
    """The home page in the active language ("/" in English, "/th/" in Thai)."""
    return reverse("wagtail_serve", args=[""])


def language_of(user) -> str:
    """The language to write to `user` in: their saved preference, else the
    language active now (the one they are using, when they are the reader)."""
    preferred = ""
    if user is not None and getattr(user, "pk", None):
        from people.models import Profile

        preferred = (
            Profile.objects.filter(user_id=user.pk)
            .values_list("preferred_language", flat=True)
            .first()
        ) or ""
    return preferred or translation.get_language() or settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    """Build an email (its words and its links) in the recipient's language."""
    with translation.override(language_of(user)):
        yield


def in_active_language(address: str) -> str:
    """A site address kept in its unprefixed (English) form, such as a stored
    link, as the active language's address. Other addresses come back as they are."""
    if not address.startswith("/") or address.startswith("//"):
        return address
    parts = urlsplit(address)
    if translation.get_language_from_path(parts.path):
        return address  # Already in a language of its own.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            match = resolve(parts.path)
        except Resolver404:
            return address
    try:
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return address
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def is_draft_translation(code: str | None = None) -> bool:
    """Whether the interface in `code` (the active language by default) has not
    yet been checked by a fluent speaker (REVIEWED_LANGUAGES in settings;
    docs/translations.md keeps each language's status)."""
    code = code or translation.get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0] not in settings.REVIEWED_LANGUAGES


def language_name(code: str) -> str:
    """The name of the language `code` in the reader's language ("th" → "Thai")."""
    return cldr_language_name(code)


def language_names(codes) -> list[str]:
    return [language_name(code) for code in codes or []]
