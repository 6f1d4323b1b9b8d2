"""`make check` audits the dependencies, and an audit that could not look a
package up never reads as a clean one."""

import re
from pathlib import Path

import pytest

from tests import dependency_audit
from tests.dependency_audit import Ignored, evaluate, format_result, load_ignored

ROOT = Path(__file__).resolve().parent.parent


def _recipe(target: str) -> str:
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n)+)", makefile, re.MULTILINE)
    assert match, f"the Makefile has no {target} target"
    return match.group(1)


def test_make_check_runs_the_audit():
    assert "$(MAKE) audit" in _recipe("check")
    assert "-m tests.dependency_audit" in _recipe("audit")


def test_pip_audit_is_pinned_in_the_dev_requirements():
    pins = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert any(re.fullmatch(r"pip-audit==[\d.]+", line.strip()) for line in pins)


def test_every_accepted_vulnerability_carries_a_reason():
    for entry in load_ignored():
        assert entry.id.strip() and entry.package.strip()
        assert len(entry.reason.split()) >= 5, f"{entry.id}: give a real reason"


def test_an_entry_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "ignore.toml"
    path.write_text('[[ignore]]\nid = "PYSEC-2099-1"\npackage = "example"\nreason = " "\n')
    with pytest.raises(ValueError, match="reason"):
        load_ignored(path)


VULN = {
    "id": "PYSEC-2099-1",
    "aliases": ["CVE-2099-0001"],
    "fixed_in": ["2.0"],
    "withdrawn": None,
}


def _project(version, vulns=()):
    return {"info": {"version": version}, "vulnerabilities": list(vulns)}


def _evaluate(report, projects, installed, ignored=()):
    return evaluate(
        report,
        list(ignored),
        installed_version=installed.__getitem__,
        fetch=projects.get,
    )


def test_findings_from_pip_audit_fail_the_audit():
    report = {
        "dependencies": [
            {"name": "good", "version": "1.0", "vulns": []},
            {
                "name": "bad",
                "version": "1.0",
                "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["2.0"], "aliases": []}],
            },
        ]
    }
    result = _evaluate(report, {}, {})
    assert not result.clean
    assert result.audited == 2
    assert "VULNERABLE bad 1.0: PYSEC-2099-1" in format_result(result, [])


def test_a_package_pip_audit_skipped_is_not_clean():
    """pip-audit itself exits 0 with "No known vulnerabilities found" here."""
    report = {"dependencies": [{"name": "lost", "skip_reason": "Dependency not found on PyPI"}]}
    result = _evaluate(report, {}, {"lost": "1.0"})
    assert not result.clean
    assert result.unaudited[0][0] == "lost"
    assert "No known vulnerabilities" not in format_result(result, [])


def test_a_skipped_package_at_its_latest_release_is_checked_per_project():
    report = {
        "dependencies": [
            {"name": "fine", "skip_reason": "Dependency not found on PyPI"},
            {"name": "flawed", "skip_reason": "Dependency not found on PyPI"},
            {"name": "behind", "skip_reason": "Dependency not found on PyPI"},
        ]
    }
    projects = {
        "fine": _project("1.0"),
        "flawed": _project("1.0", [VULN, {**VULN, "id": "GONE", "withdrawn": "2099-01-01"}]),
        "behind": _project("3.0"),
    }
    installed = {"fine": "1.0", "flawed": "1.0", "behind": "2.0"}
    result = _evaluate(report, projects, installed)
    assert result.audited == 2
    assert [(name, vuln["id"]) for name, _version, vuln in result.findings] == [
        ("flawed", "PYSEC-2099-1")
    ]
    assert [name for name, _why in result.unaudited] == ["behind"]


def test_an_accepted_vulnerability_does_not_fail_the_audit():
    report = {"dependencies": [{"name": "flawed", "skip_reason": "Dependency not found on PyPI"}]}
    ignored = [
        Ignored("CVE-2099-0001", "flawed", "Only reachable through a feature we do not use.")
    ]
    result = _evaluate(report, {"flawed": _project("1.0", [VULN])}, {"flawed": "1.0"}, ignored)
    assert result.clean
    assert result.ignored_seen == {"CVE-2099-0001"}
    assert "No known vulnerabilities." in format_result(result, ignored)


def test_main_passes_accepted_ids_to_pip_audit(monkeypatch, tmp_path):
    path = tmp_path / "ignore.toml"
    path.write_text(
        '[[ignore]]\nid = "GHSA-aaaa-bbbb-cccc"\npackage = "x"\n'
        'reason = "Not reachable from the platform at all."\n'
    )
    seen = {}

    def fake_run(ignored):
        seen["ids"] = [entry.id for entry in ignored]
        return {"dependencies": [{"name": "x", "version": "1", "vulns": []}]}

    monkeypatch.setattr(dependency_audit, "IGNORE_FILE", path)
    monkeypatch.setattr(dependency_audit, "load_ignored", lambda: load_ignored(path))
    monkeypatch.setattr(dependency_audit, "run_pip_audit", fake_run)
    assert dependency_audit.main() == 0
    assert seen["ids"] == ["GHSA-aaaa-bbbb-cccc"]


def test_a_package_accepted_as_unchecked_passes_only_at_its_exact_version():
    report = {"dependencies": [{"name": "Django", "skip_reason": "could not be found on PyPI"}]}
    projects = {"Django": _project("6.1.3")}
    accepted = [
        dependency_audit.AcceptedUnchecked("django", "5.2.19", "The long-term support line.")
    ]
    on_it = evaluate(
        report,
        [],
        installed_version={"Django": "5.2.19"}.__getitem__,
        fetch=projects.get,
        accepted_unchecked=accepted,
    )
    assert on_it.clean
    assert "accepted as not checked: django 5.2.19" in format_result(on_it, [])

    upgraded = evaluate(
        report,
        [],
        installed_version={"Django": "5.2.20"}.__getitem__,
        fetch=projects.get,
        accepted_unchecked=accepted,
    )
    assert not upgraded.clean
    assert "NOT CHECKED Django 5.2.20" in format_result(upgraded, [])


def test_every_unchecked_entry_names_its_version_and_a_reason(tmp_path):
    for entry in dependency_audit.load_accepted_unchecked():
        assert entry.version.strip()
        assert len(entry.reason.split()) >= 5, f"{entry.package}: give a real reason"
    path = tmp_path / "ignore.toml"
    path.write_text('[[unchecked]]\npackage = "example"\nreason = "A reason in words."\n')
    with pytest.raises(ValueError, match="version"):
        dependency_audit.load_accepted_unchecked(path)
