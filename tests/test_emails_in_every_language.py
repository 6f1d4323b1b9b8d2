"""Every email, in every language: each kind the platform sends, written for a
reader of each language while another language is active (the sender's), is
in the reader's language: its sender name, subject and body, its dates and
money, and its links (/th/...). The examples, one per kind, are in
tests/email_examples.py.

How "in the reader's language" is checked, for any email:

1. The email is first written in English with every string that comes out of
   the translation catalogues marked ("⟦...⟧"), so the test knows which
   strings of the catalogues the email shows. What is left outside the marks
   may only be what people wrote, dates, money and links (the values each
   example names): English words there never passed through a catalogue.
2. In each other language, the translation of each of those strings must be
   in the email, and the English must not, unless that language's email has
   it for another reason (a translation that keeps a word, a title someone
   wrote in English). A string some language translates must be translated
   in all of them, unless a catalogue keeps it the same on purpose; a string
   no catalogue has yet is tests/test_translations.py's to report.
3. The values each example names are shown as the reader's language writes
   them, every link keeps the reader's prefix, and no date is written in a
   fixed pattern (2026-01-05).
"""

from __future__ import annotations

import html
import re
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.header import decode_header, make_header
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.html import strip_tags

from core.upstream.django import CONTEXT_SEPARATOR, translation_class
from notifications import notices, outbox
from notifications.delivery import build
from people.languages import in_active_language
from tests.email_examples import ALLAUTH, EXAMPLES, Example, Scene

pytestmark = pytest.mark.django_db

ENGLISH = settings.LANGUAGE_CODE
OTHERS = [code for code, _name in settings.LANGUAGES if code != ENGLISH]
# A queue that keeps what it is given and runs nothing: each email stays
# queued until the test writes it.
NOTHING_RUNS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

OPEN, CLOSE = "\u27e6", "\u27e7"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]")
URL = re.compile(r"https?://[^\s<>\"']+")
LETTER = re.compile(r"[^\W\d_]")
FIXED_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@dataclass(frozen=True)
class Used:
    """A string an email took from the catalogues, as English wrote it."""

    msgid: str
    english: str
    plural: str = ""
    count: int | None = None
    context: str = ""

    def translated(self, language: str) -> str:
        with translation.override(language):
            if self.plural and self.context:
                return translation.npgettext(self.context, self.msgid, self.plural, self.count)
            if self.plural:
                return translation.ngettext(self.msgid, self.plural, self.count)
            if self.context:
                return translation.pgettext(self.context, self.msgid)
            return translation.gettext(self.msgid)

    def kept_on_purpose(self, language: str) -> bool:
        """The language's catalogue has this string, translated the same."""
        entry = catalogue(language).find(self.msgid, msgctxt=self.context or False)
        return entry is not None and entry.translated()

    def translated_somewhere(self) -> bool:
        return any(self.translated(language) != self.english for language in OTHERS)

    def pattern(self) -> re.Pattern:
        """Where this string is in the marked English email, whatever was put
        into its placeholders."""
        pieces = (re.escape(piece) for piece in PLACEHOLDER.split(self.english))
        return re.compile(re.escape(OPEN) + ".*?".join(pieces) + re.escape(CLOSE), re.DOTALL)


@cache
def catalogue(language: str) -> polib.POFile:
    return polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.po")
    )


@contextmanager
def marked_english():
    """Every string English takes from the catalogues comes out marked, and is
    listed in what this yields."""
    used: list[Used] = []
    kind = translation_class()
    gettext, ngettext = kind.gettext, kind.ngettext

    def marked_gettext(self, message):
        result = gettext(self, message)
        if self.language() != ENGLISH:
            return result
        context, separator, msgid = message.rpartition(CONTEXT_SEPARATOR)
        if separator and CONTEXT_SEPARATOR in result:
            result = msgid  # what pgettext falls back to
        used.append(Used(msgid, result, context=context))
        return OPEN + result + CLOSE

    def marked_ngettext(self, singular, plural, number):
        result = ngettext(self, singular, plural, number)
        if self.language() != ENGLISH:
            return result
        context, separator, msgid = singular.rpartition(CONTEXT_SEPARATOR)
        plural = plural.rpartition(CONTEXT_SEPARATOR)[2]
        if separator and CONTEXT_SEPARATOR in result:
            result = msgid if number == 1 else plural  # what npgettext falls back to
        used.append(Used(msgid, result, plural, number, context))
        return OPEN + result + CLOSE

    with (
        mock.patch.object(kind, "gettext", marked_gettext),
        mock.patch.object(kind, "ngettext", marked_ngettext),
    ):
        yield used


def outside_marks(text: str) -> str:
    depth, kept = 0, []
    for character in text:
        if character == OPEN:
            depth += 1
        elif character == CLOSE:
            depth -= 1
        elif depth == 0:
            kept.append(character)
    return "".join(kept)


def text_of(message) -> str:
    """What the reader sees of an email: the sender's name, the subject and
    the body (and its HTML part's text, if it has one)."""
    name = str(make_header(decode_header(parseaddr(message.from_email)[0])))
    parts = [name, message.subject, message.body]
    parts += [html.unescape(strip_tags(content)) for content, _type in message.alternatives]
    return "\n".join(parts)


@dataclass
class Rendering:
    language: str
    text: str
    shows: list[str]
    used: list[Used]
    marked: str = ""


def render(example: Example, scene: Scene, language: str, *, marked: bool = False) -> Rendering:
    """Queue the example for a reader of `language` and write it, both while
    another language is active."""
    sender = "th" if language == ENGLISH else ENGLISH
    with ExitStack() as stack:
        used = stack.enter_context(marked_english()) if marked else []
        with translation.override(sender):
            email = example.queue(scene, language)
        with translation.override(sender):
            message = build(email, {})
    assert message is not None, f"{example.name}: the email in {language} was not written"
    with translation.override(language):
        shows = [str(value) for value in example.shows(scene)]
    text = text_of(message)
    plain = text.replace(OPEN, "").replace(CLOSE, "")
    return Rendering(language, plain, shows, used, marked=text if marked else "")


def shown_strings(english: Rendering) -> list[Used]:
    """The catalogue strings the English email shows (not merely looked up)."""
    shown = {}
    for used in english.used:
        if used not in shown and used.english.strip() and used.pattern().search(english.marked):
            shown[used] = None
    return list(shown)


def pieces(text: str) -> list[str]:
    """The fixed parts of a string, around its placeholders."""
    return [piece.strip() for piece in PLACEHOLDER.split(text) if piece.strip()]


def general_problems(example: Example, rendering: Rendering) -> list[str]:
    """The values shown, the links and the dates, in any language."""
    language, text = rendering.language, rendering.text
    problems = [
        f"{language}: does not show {value!r}" for value in rendering.shows if value not in text
    ]
    links = [url.rstrip(".,;)") for url in URL.findall(text)]
    if example.links and not links:
        problems.append(f"{language}: has no link")
    for url in links:
        path = urlsplit(url).path
        prefix = translation.get_language_from_path(path)
        with translation.override(language):
            unprefixed = prefix is None and in_active_language(path) == path
        if prefix != (None if language == ENGLISH else language) and not unprefixed:
            problems.append(f"{language}: a link leaves the reader's language: {url}")
    if fixed := FIXED_DATE.search(URL.sub("", text)):
        problems.append(f"{language}: a date in a fixed pattern: {fixed[0]}")
    return problems


def english_problems(example: Example, english: Rendering) -> list[str]:
    problems = general_problems(example, english)
    left = URL.sub("", outside_marks(english.marked))
    for value in sorted(english.shows, key=len, reverse=True):
        left = left.replace(value, "")
    if LETTER.search(left):
        problems.append(f"en: words that never passed through a catalogue: {left.strip()!r}")
    return problems


def language_problems(example: Example, strings: list[Used], rendering: Rendering) -> list[str]:
    language, text = rendering.language, rendering.text
    problems = general_problems(example, rendering)
    translations, checked = [], []
    for used in strings:
        translated = used.translated(language)
        if translated == used.english:
            if not used.kept_on_purpose(language) and used.translated_somewhere():
                problems.append(f"{language}: not translated: {used.english!r}")
            continue
        translations.append(translated)
        checked.append(used)
        problems += [
            f"{language}: missing {piece!r} (the translation of {used.english!r})"
            for piece in pieces(translated)
            if piece not in text
        ]
    # English words may be in the email only where the language itself has
    # them: in its translations, in what people wrote, in links.
    allowed = "\n".join(translations + rendering.shows + URL.findall(text))
    for used in checked:
        problems += [
            f"{language}: English {piece!r} (from {used.english!r})"
            for piece in pieces(used.english)
            if len(LETTER.findall(piece)) >= 3 and piece in text and piece not in allowed
        ]
    return problems


def _declared_in_a_test(function) -> bool:
    module = function.__module__
    return module.startswith("tests.") or ".tests." in module


def test_every_kind_of_email_and_notice_has_an_example():
    """A kind added later fails here until it has an example."""
    kinds = {kind for kind in outbox.kinds() if not _declared_in_a_test(outbox.writer_of(kind))}
    kinds |= {kind.name for kind in notices.kinds() if not _declared_in_a_test(kind.show)}
    covered = {example.covers for example in EXAMPLES}
    missing = sorted(kinds - covered)
    assert not missing, (
        f"No example in tests/email_examples.py for {missing}: add one, queued the way "
        "the product queues it, so that every language of it is checked."
    )
    assert covered - kinds == {ALLAUTH}, "examples of kinds no longer declared"


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.name for example in EXAMPLES])
def test_each_email_is_written_in_its_reader_s_language(example, demo_site, client):
    scene = Scene(client)
    with override_settings(TASKS=NOTHING_RUNS):
        english = render(example, scene, ENGLISH, marked=True)
        strings = shown_strings(english)
        assert strings, f"{example.name}: nothing from the catalogues in:\n{english.text}"
        problems = english_problems(example, english)
        for language in OTHERS:
            problems += language_problems(example, strings, render(example, scene, language))
    assert not problems, f"{example.name}:\n" + "\n".join(problems)
