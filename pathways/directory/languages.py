"""Languages by name, in the reader's language: people read "Thai", never "th"."""

from __future__ import annotations

from core.locales import language_name


def named_languages(codes) -> list[tuple[str, str]]:
    """(code, name) for each of `codes`, alphabetical by name as the reader reads it."""
    return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1].casefold())
