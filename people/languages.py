"""Language names for the codes stored on profiles, opportunities and
preferences: people read "Thai", never "th"."""

from django.conf import global_settings
from django.utils.translation import gettext

# Django's list names every language people can choose on their profile; the
# names there are marked for translation but not translated.
_NAMES = dict(global_settings.LANGUAGES)


def language_name(code: str) -> str:
    """The name of the language `code` in the reader's language ("th" → "Thai")."""
    name = _NAMES.get(code) or _NAMES.get(str(code).split("-")[0])
    return gettext(name) if name else str(code)


def language_names(codes) -> list[str]:
    return [language_name(code) for code in codes or []]
