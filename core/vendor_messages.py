"""Translations of the libraries' own words, for the languages they lack.

The sign-in pages and emails are django-allauth's, and form errors such as
"This field is required." are Django's. Their catalogues cover Spanish and
Indonesian, most of Thai, and little or nothing of Vietnamese, Tagalog,
Khmer and Burmese, so a survivor reading Khmer met an English sign-in page.
`locale-vendor/<code>/LC_MESSAGES/django.po` holds every string of those
libraries that the library's own catalogue does not translate for that
language; Django reads it as one of LOCALE_PATHS, after the project's own
`locale/`. A library's existing translations are replaced only where they are
wrong (`CORRECTED`).

    python -m core.vendor_messages       (or `make messages`) brings the files
                                         up to date after an upgrade; then
                                         translate their empty entries.

`tests/test_translations.py` fails while an entry is missing or empty.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import polib

# Where each library keeps its English catalogue (by the module to import),
# and which of its strings a page or email of this site can show (parts of the
# library it does not use, such as social accounts, are left out). Django's
# contrib apps keep most of their words apart from django/conf/locale, each in
# its own catalogue: the password rules shown on sign-up are in
# django.contrib.auth's.
SOURCES = {
    "allauth": (
        "allauth/locale",
        (
            "templates/account",
            "templates/mfa",
            "templates/allauth",
            "account/",
            "mfa/",
            "core/",
            "templates/usersessions",
            "usersessions/",
        ),
    ),
    "django": (
        "django/conf/locale",
        (
            "core/",
            "db/",
            "forms/",
            "template/",
            "utils/",
            "views/",
            "contrib/auth",
            "contrib/messages",
            "contrib/humanize",
        ),
    ),
    # Only the password rules: the site signs people in with allauth, and its
    # admin is Wagtail's, so no other page shows django.contrib.auth's words.
    "django.contrib.auth": ("django/contrib/auth/locale", ("contrib/auth/password_validation",)),
}
# Strings a library's own catalogue translates wrongly for a language: kept
# here and translated by the project, as if the library lacked them (checked
# against django-allauth 65.22.1's Thai catalogue, whose "Confirm Access", the
# heading of the re-authentication pages, reads "confirm email address AddrAccess").
CORRECTED = {
    "th": {("", "Confirm Access")},
}
HEADER = (
    "Translations of django-allauth's and Django's own words that their\n"
    "catalogues lack for this language (core/vendor_messages.py).\n"
    "See docs/translations.md for how they were made and their review status."
)


def _library_root(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).parent.parent


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _translated(entry: polib.POEntry | None) -> bool:
    if entry is None or "fuzzy" in entry.flags or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def needed(language: str) -> list[polib.POEntry]:
    """The libraries' strings that can reach a reader and that their own
    catalogue for `language` does not translate (English entries, empty)."""
    wanted: dict[tuple[str, str], polib.POEntry] = {}
    for name, (locale_dir, used) in SOURCES.items():
        root = _library_root(name) / locale_dir
        english = polib.pofile(str(root / "en" / "LC_MESSAGES" / "django.po"))
        own_path = root / language / "LC_MESSAGES" / "django.po"
        own = {}
        if own_path.exists():
            own = {_key(entry): entry for entry in polib.pofile(str(own_path))}
        for entry in english:
            if not entry.msgid or entry.obsolete:
                continue
            if not any(path.startswith(used) for path, _line in entry.occurrences):
                continue
            corrected = _key(entry) in CORRECTED.get(language, ())
            if _translated(own.get(_key(entry))) and not corrected:
                continue
            wanted.setdefault(
                _key(entry),
                polib.POEntry(
                    msgctxt=entry.msgctxt,
                    msgid=entry.msgid,
                    msgid_plural=entry.msgid_plural,
                    msgstr="",
                    msgstr_plural={0: ""} if entry.msgid_plural else {},
                    flags=[flag for flag in entry.flags if flag.endswith("-format")],
                    occurrences=[(f"{name}: {path}", "") for path, _line in entry.occurrences],
                ),
            )
    return list(wanted.values())


def update(base: Path, language: str, plural_forms: str) -> tuple[int, int]:
    """Bring `base/<language>/LC_MESSAGES/django.po` up to date, keeping the
    translations it has. Returns (entries, still empty)."""
    path = base / language / "LC_MESSAGES" / "django.po"
    existing = {}
    if path.exists():
        existing = {_key(entry): entry for entry in polib.pofile(str(path))}
    catalogue = polib.POFile(wrapwidth=79)
    catalogue.header = HEADER
    catalogue.metadata = {
        "Project-Id-Version": "survivor-leadership-platform (libraries)",
        "PO-Revision-Date": "2026-12-04 20:15+0000",
        "Last-Translator": "",
        "Language-Team": language,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plural_forms,
    }
    empty = 0
    for entry in needed(language):
        kept = existing.get(_key(entry))
        if kept is not None and _translated(kept):
            entry.msgstr = kept.msgstr
            entry.msgstr_plural = kept.msgstr_plural
        else:
            empty += 1
        catalogue.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return len(catalogue), empty


def plural_forms_of(language: str, project_locale: Path) -> str:
    project = polib.pofile(str(project_locale / language / "LC_MESSAGES" / "django.po"))
    return project.metadata["Plural-Forms"]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    project_locale, vendor_locale = (Path(path) for path in settings.LOCALE_PATHS[:2])
    for language, _name in settings.LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            continue
        total, empty = update(vendor_locale, language, plural_forms_of(language, project_locale))
        sys.stdout.write(f"{language}: {total} library strings, {empty} to translate\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
