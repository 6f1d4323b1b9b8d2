"""Every language complete: each catalogue holds every string of the code,
translated, compiled, with its placeholders and markup intact
(docs/translations.md)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[a-zA-Z0-9_]*\}")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>")
IN_CI = os.environ.get("CI", "").lower() == "true"

pytestmark = pytest.mark.one_database


# The project's own catalogues, and its translations of the libraries' words
# that the libraries lack (core/vendor_messages.py).
CATALOGUES = ("locale", "locale-vendor")


def catalogue(code: str, base: str = "locale") -> polib.POFile:
    return polib.pofile(str(ROOT / base / code / "LC_MESSAGES" / "django.po"))


EVERY_CATALOGUE = [(base, code) for base in CATALOGUES for code in LANGUAGES]


def needs_gettext(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if IN_CI:
            pytest.fail(f"GNU gettext's {tool} is needed (.ci/run installs it)")
        pytest.skip(f"GNU gettext's {tool} is not installed")
    return found


def test_every_interface_language_has_a_catalogue():
    assert LANGUAGES, "LANGUAGES lists no language besides English"
    for code in LANGUAGES:
        assert (ROOT / "locale" / code / "LC_MESSAGES" / "django.po").exists(), code


@pytest.mark.parametrize(("base", "code"), EVERY_CATALOGUE)
def test_nothing_is_left_untranslated_or_fuzzy(base, code):
    po = catalogue(code, base)
    assert not po.metadata_is_fuzzy, f"{code}: the header is fuzzy, so msgfmt drops it"
    assert po.metadata.get("Language") == code
    assert "nplurals" in po.metadata.get("Plural-Forms", "")
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    assert fuzzy == [], f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


@pytest.mark.parametrize(("base", "code"), EVERY_CATALOGUE)
def test_translations_keep_placeholders_and_markup(base, code):
    po = catalogue(code, base)
    nplurals = int(re.search(r"nplurals\s*=\s*(\d+)", po.metadata["Plural-Forms"]).group(1))
    problems = []
    for entry in po.translated_entries():
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
            assert len(forms) == nplurals, f"{code}: {entry.msgid!r} has {len(forms)} forms"
            pairs = [(entry.msgid_plural, form) for form in forms]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            named = {p for p in PLACEHOLDER.findall(source) if p not in ("%d", "%s")}
            if not named <= set(PLACEHOLDER.findall(text)):
                problems.append(f"placeholders: {source!r} -> {text!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(text)):
                problems.append(f"markup: {source!r} -> {text!r}")
            if source.endswith("\n") != text.endswith("\n"):
                problems.append(f"final newline: {source!r}")
    assert problems == [], f"{code}: " + "\n".join(problems[:10])


@pytest.mark.parametrize(("base", "code"), EVERY_CATALOGUE)
def test_each_catalogue_compiles_and_the_compiled_file_is_current(base, code):
    msgfmt = needs_gettext("msgfmt")
    po_path = ROOT / base / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", os.devnull, str(po_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    compiled = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(po_path.with_suffix(".mo")))}
    for entry in catalogue(code, base).translated_entries():
        found = compiled.get((entry.msgctxt, entry.msgid))
        assert found is not None, f"{code}: {entry.msgid!r} is not compiled: run `make messages`"
        if entry.msgid_plural:
            assert found.msgstr_plural == entry.msgstr_plural, entry.msgid
        else:
            assert found.msgstr == entry.msgstr, f"{code}: {entry.msgid!r}: run `make messages`"


def test_the_catalogues_hold_every_string_in_the_code(tmp_path):
    """Extract the strings from a copy of the code as `make messages` does, and
    compare with what the catalogues hold."""
    needs_gettext("xgettext")
    tracked = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    copy = tmp_path / "code"
    for name in tracked.stdout.splitlines():
        source = ROOT / name
        if name.startswith("locale/") or not source.is_file():
            continue
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (copy / "locale" / "es" / "LC_MESSAGES").mkdir(parents=True)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale=es",
            "--add-location=file",
            "--ignore=tests/*",
            "--ignore=*/tests/*",
            "--verbosity=0",
        ],
        cwd=copy,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    extracted = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    in_code = {(e.msgctxt, e.msgid) for e in extracted}
    held = {(e.msgctxt, e.msgid) for e in catalogue("es") if not e.obsolete}
    missing = sorted(msgid for _ctx, msgid in in_code - held)
    assert missing == [], f"{len(missing)} strings are not in the catalogues: run `make messages`"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_libraries_words_are_translated_where_the_libraries_do_not(code):
    """Every allauth and Django string a page can show is translated, by the
    library or by locale-vendor/, and locale-vendor/ holds nothing else."""
    from core.vendor_messages import needed

    wanted = {(entry.msgctxt or "", entry.msgid) for entry in needed(code)}
    held = {(entry.msgctxt or "", entry.msgid) for entry in catalogue(code, "locale-vendor")}
    assert wanted - held == set(), "run `python -m core.vendor_messages` and translate"
    assert held - wanted == set(), (
        "run `python -m core.vendor_messages` to drop what is no longer needed"
    )


@pytest.mark.django_db
def test_the_sign_in_page_is_in_khmer_even_though_allauth_has_no_khmer(client):
    from django.utils import translation

    with translation.override("km"):
        sign_in = translation.gettext("Sign In")
        required = translation.gettext("This field is required.")
    assert sign_in != "Sign In" and required != "This field is required."
    html = client.get("/km/accounts/login/").content.decode()
    assert sign_in in html


def test_a_library_string_translated_wrongly_is_the_projects_own():
    from django.utils import translation

    from core.vendor_messages import CORRECTED

    assert ("", "Confirm Access") in CORRECTED["th"]
    with translation.override("th"):
        assert translation.gettext("Confirm Access") == "ยืนยันการเข้าถึง"
