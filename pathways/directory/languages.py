"""Languages by name, in the reader's language: people read "Thai", never "th"."""

from __future__ import annotations

from django.utils.translation import get_language_info


def language_name(code: str) -> str:
    """The name of the language `code` in the active language; the code
    itself for a code Django does not know."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def named_languages(codes) -> list[tuple[str, str]]:
    """(code, name) for each of `codes`, alphabetical by name as the reader reads it."""
    return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1].casefold())
