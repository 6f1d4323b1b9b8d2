"""Find interface text left in English on a page rendered in another language.

A page in Thai must not show any English string from the catalogue. The
check reads what a person sees or hears: text nodes, and the attributes
that are shown or read aloud (placeholder, title, aria-label, alt, the value
of a button). Text inside an element whose `lang` says it is in another
language is left out: that is content marked as what it is (the language
switcher's own names for languages, a page not yet translated shown in its
source language). So is the label of a key to press (`<kbd>Delete</kbd>`):
it is what the keyboard says, in every language. Content people wrote is not
in the catalogue, so it only counts if it is word for word an interface
string. A language's name that is written the same in the reader's language
(CLDR's Indonesian "Thai", Filipino "Spanish") is the reader's word, not
English left behind.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.conf import settings

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
SKIPPED = {"script", "style", "template", "noscript", "kbd"}
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[a-zA-Z0-9_]*\}")
TAG = re.compile(r"<[^>]+>")


def _normal(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


class _Text(HTMLParser):
    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden from the check)
        self.found: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").split("-")[0]
        hidden = self._hidden() or tag in SKIPPED or bool(lang and lang != self.language)
        if not hidden:
            for name in READ_ATTRIBUTES:
                if attributes.get(name):
                    self.found.append(_normal(attributes[name]))
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.found.append(_normal(attributes.get("value") or ""))
        if tag not in VOID:
            self.stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._hidden():
            text = _normal(data)
            if text:
                self.found.append(text)


def shown_text(html: str, language: str) -> list[str]:
    parser = _Text(language)
    parser.feed(html)
    return parser.found


NUMBER = re.compile(r"%\((?:count|counter|n|number|total|days|hours|minutes|limit)\)[sd]|%d")


def _patterns_of(msgid: str) -> list[re.Pattern]:
    """Whole-text patterns for an English msgid: a count placeholder matches a
    number, any other placeholder any text; a msgid with markup gives one
    pattern per run of words between tags. Patterns that would be mostly
    placeholder ("%(list)s and %(last)s") are left out: they would match
    content as often as interface."""
    pieces = [_normal(piece) for piece in TAG.split(msgid)] if TAG.search(msgid) else [msgid]
    patterns = []
    for piece in pieces:
        piece = _normal(piece)
        fixed = PLACEHOLDER.sub("", piece)
        words = re.findall(r"[^\W\d_]{2,}", fixed)
        loose = [found for found in PLACEHOLDER.findall(piece) if not NUMBER.fullmatch(found)]
        if len(words) < (2 if loose or "<" in msgid else 1):
            continue
        regex = ""
        for index, part in enumerate(re.split(f"({PLACEHOLDER.pattern})", piece)):
            if index % 2 == 0:
                regex += re.escape(part)
            else:
                regex += r"[\d.,\s\u00a0]+" if NUMBER.fullmatch(part) else ".+?"
        patterns.append(re.compile("^" + regex + "$"))
    return patterns


def _language_names(language: str) -> set[str]:
    """Every language's name in `language`, as the site writes it from CLDR
    (core.locales.language_name)."""
    from core.locales import cldr_locale

    names = cldr_locale(language).languages.values()
    return {_normal(name[:1].upper() + name[1:]) for name in names}


@cache
def english_patterns(language: str) -> list[tuple[str, re.Pattern]]:
    """(msgid, pattern) for each catalogue entry whose translation into
    `language` differs from the English: the project's strings, and the
    libraries' (allauth's, Django's) that locale-vendor/ translates."""
    found = []
    entries = []
    for base in ("locale", "locale-vendor"):  # the project's, and the libraries' words
        path = Path(settings.BASE_DIR) / base / language / "LC_MESSAGES" / "django.po"
        entries += polib.pofile(str(path)).translated_entries()
    own_words = _language_names(language)
    for entry in entries:
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            if all(_normal(text) == _normal(english) for text in translations):
                continue  # The same in both languages ("RSS", a placeholder).
            if _normal(english) in own_words:
                continue  # A language's name, spelled so in `language` too.
            found += [(english, pattern) for pattern in _patterns_of(english)]
    return found


@cache
def _label_suffix(language: str) -> str:
    from django.utils import translation

    with translation.override(language):
        return translation.gettext(":")


def english_left(html: str, language: str) -> list[str]:
    """The catalogue's English strings that `html` (a page in `language`) shows.
    A form label counts without the colon Django adds to it ("Unpaid:", or
    "Unpaid៖" in Khmer)."""
    texts = set(shown_text(html, language))
    for suffix in {":", _label_suffix(language)}:
        texts |= {text.removesuffix(suffix).rstrip() for text in texts if text.endswith(suffix)}
    left = []
    for english, pattern in english_patterns(language):
        literal = pattern.pattern[1:-1]
        if ".+?" not in literal and "[\\d" not in literal:
            if re.sub(r"\\(.)", r"\1", literal) in texts:
                left.append(english)
        elif any(pattern.match(text) for text in texts):
            left.append(english)
    return left
