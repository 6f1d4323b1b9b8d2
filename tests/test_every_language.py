"""Every page, in every language: no interface string left in English.

For each language of `settings.LANGUAGES` but English, the link crawler of
tests/link_crawl.py reads the site as a visitor from /<code>/, then signed in
as each demo role from the role's own start pages, prefixed (/th/me/,
/th/councils/). Every public and member page it reaches must open (no 4xx or
5xx, no redirect loop, no bounce to the sign-in page), keep the /<code>/
prefix on every link, say `<html lang="<code>">`, and show no English string
of the catalogues (tests/untranslated.py): an interface string not marked for
translation, or a template word left in English, fails here once the string
is in the catalogues. Text inside an element whose `lang` names another
language is left out: the language switcher's names of languages, and a page
not yet translated, shown in its source language and marked as such.

Each kind of page (`page_shape`) is checked once per language, by whoever
reaches it first: the visitor, or the first role for a member's page. Each
role still walks through the kinds already checked, because a member's pages
are often linked from a public one (an organisation's dashboard from the
opportunities page).

Left out:
- the Wagtail admin (/admin/): it speaks each user's own admin language, set
  in the admin's account settings, whatever the address says, so a crawl of
  it under /th/ would say nothing about Thai;
- what people wrote (page titles and bodies, messages, names): not in the
  catalogues, so it counts only when it is word for word an interface string;
- forms sent (POST): their answers and errors are each feature's tests'.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from tests.link_crawl import (
    ADMIN_DASHBOARD,
    ROLES,
    CrawlResult,
    council_member_only,
    crawl,
    signed_in_client,
)
from tests.untranslated import english_left

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
HTML_LANG = re.compile(r"<html\b[^>]*?\blang=[\"']?([^\"'\s>]*)", re.IGNORECASE)
# Pages read per language: the demo site gives 72 in each. Far fewer means the
# crawl no longer reaches a part of the site.
MINIMUM_PAGES = 65


def check_page_in(language: str):
    """What is wrong with a page that should be in `language`."""

    def check(path: str, html: str) -> list[str]:
        problems = []
        found = HTML_LANG.search(html[:2000])
        page_language = found.group(1) if found else ""
        if page_language.split("-")[0] != language:
            problems.append(f'<html lang="{page_language}">, not "{language}"')
        left = english_left(html, language)
        if left:
            problems.append("shows in English: " + ", ".join(repr(english) for english in left))
        return problems

    return check


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_in_language(demo_site, language):
    prefix = f"/{language}"
    options = {
        "language": language,
        "one_per_shape": True,
        "follow_admin": False,
        "check_page": check_page_in(language),
        "seen_shapes": set(),  # Each kind of page is checked once in this language.
    }
    results: dict[str, CrawlResult] = {
        "visitor": crawl(Client(), [f"{prefix}/"], signed_in=False, **options)
    }
    for role, (email, starts, _uses_admin) in ROLES.items():
        client = signed_in_client(email or council_member_only())
        starts = [prefix + start for start in starts if not start.startswith(ADMIN_DASHBOARD)]
        results[role] = crawl(client, starts, signed_in=True, **options)

    # A dead end on a shared page is met by every role: told once, by who met it first.
    found = CrawlResult()
    told: set[str] = set()
    for who, result in results.items():
        found.visited.update(result.visited)
        found.pages += [page for page in result.pages if page not in found.pages]
        for problem in result.problems:
            if problem not in told:
                told.add(problem)
                found.problems.append(f"[{who}] {problem}")
    assert not found.problems, (
        f"{len(found.problems)} problem(s) in {len(found.pages)} pages:\n" + found.report()
    )
    assert len(found.pages) >= MINIMUM_PAGES, found.pages


def test_the_check_finds_english_and_the_wrong_language():
    """The check is not blind: English interface text on a Thai page is found,
    text marked as English (`lang="en"`) is not, and a page that says it is in
    English (so all of it is marked as English) is found by its `<html lang>`."""
    check = check_page_in("th")
    link, marked = '<a href="/x/">Sign in</a>', '<div lang="en"><a href="/x/">Sign in</a></div>'
    assert check("/th/", f'<html lang="th"><body>{link}</body></html>') == [
        "shows in English: 'Sign in'"
    ]
    assert check("/th/", f'<html lang="th"><body>{marked}</body></html>') == []
    label = '<label for="id_language">Language:</label>'  # Django's label suffix
    assert check("/th/", f'<html lang="th"><body>{label}</body></html>') == [
        "shows in English: 'Language'"
    ]
    assert check("/th/", f'<html lang="en"><body>{link}</body></html>') == [
        '<html lang="en">, not "th"'
    ]
