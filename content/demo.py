"""The demo site's pages in Spanish and Thai, as translators would leave them.

content/demo_translations/<language>.json holds, for each page (by its path
below the home page, "" for the home page), the translated words of its
translatable fields, in the fields' own stored form. Each translation is made
the way wagtail-localize makes one (Wagtail's copy for translation, in the
language's tree) and published.
"""

from __future__ import annotations

import json
from pathlib import Path

from wagtail.models import Locale, Page

from .translations import content_fields, in_source_language

DEMO_LANGUAGES = ("es", "th")
FOLDER = Path(__file__).with_name("demo_translations")


def demo_translations(language: str) -> dict:
    return json.loads((FOLDER / f"{language}.json").read_text(encoding="utf-8"))


def build_translated_pages(home: Page, languages=DEMO_LANGUAGES) -> int:
    """Translate the demo pages; returns how many translations were published."""
    published = 0
    for language in languages:
        locale = Locale.objects.get(language_code=language)
        # Parents first, so each translation lands under its parent's translation.
        entries = sorted(demo_translations(language).items(), key=lambda item: item[0].count("/"))
        for path, entry in entries:
            source = (
                in_source_language(Page.objects)
                .filter(url_path=home.url_path + path)
                .specific()
                .first()
            )
            if source is None or type(source).__name__ != entry["model"]:
                continue  # The demo no longer has this page.
            if not source.live:
                continue  # Drafts are translated once they are published.
            translation = source.get_translation_or_none(locale)
            if translation is None:
                translation = source.copy_for_translation(locale, copy_parents=True)
            translation = translation.specific
            allowed = set(content_fields(type(translation)))
            for name, value in entry["fields"].items():
                if name in allowed:
                    setattr(translation, name, value)
            translation.save_revision().publish()
            published += 1
    return published
