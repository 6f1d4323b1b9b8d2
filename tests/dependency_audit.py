"""`python -m tests.dependency_audit`: known vulnerabilities in the installed packages.

pip-audit checks every package of this environment (the one `make install`
builds from requirements-dev.txt, so the runtime pins and their dependencies
too) against PyPI's vulnerability data (its JSON API, `--vulnerability-service
pypi`). Accepted findings are listed, each with its reason, in
`dependency-audit-ignore.toml`.

Two things make this stricter than pip-audit on its own:

- pip-audit says "No known vulnerabilities found" and exits 0 even when PyPI
  answered no question at all (a package it could not look up is only
  "skipped"). Here a package that could not be checked fails the audit: an
  audit that did not happen must not read as a clean one.
- Where PyPI's per-release endpoint does not answer but its per-project one
  does (some mirrors and proxies serve only the latter), a package installed at
  its latest release is checked against the per-project answer, whose
  `vulnerabilities` are exactly those of the latest release. A package behind
  its latest release cannot be checked that way and is reported as such.
"""

import json
import re
import subprocess
import sys
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "dependency-audit-ignore.toml"
PYPI_PROJECT_URL = "https://pypi.org/pypi/{name}/json"
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class Ignored:
    """A vulnerability the project accepts for now, and why."""

    id: str
    package: str
    reason: str


@dataclass(frozen=True)
class AcceptedUnchecked:
    """A package at one exact version that PyPI's data here cannot check, and
    why the project stays on it for now. An upgrade makes the entry stale, so
    the new version is looked up (or must be accepted) again."""

    package: str
    version: str
    reason: str


@dataclass
class AuditResult:
    findings: list[tuple[str, str, dict]] = field(default_factory=list)  # (package, version, vuln)
    unaudited: list[tuple[str, str]] = field(default_factory=list)  # (package, why)
    audited: int = 0
    ignored_seen: set[str] = field(default_factory=set)
    unchecked_accepted: list[AcceptedUnchecked] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.findings and not self.unaudited


def load_ignored(path: Path = IGNORE_FILE) -> list[Ignored]:
    """The accepted vulnerabilities; every entry must name its id, package and reason."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = []
    for number, entry in enumerate(data.get("ignore", []), start=1):
        missing = [
            key for key in ("id", "package", "reason") if not str(entry.get(key, "")).strip()
        ]
        if missing:
            raise ValueError(f"{path.name}: entry {number} lacks {', '.join(missing)}")
        entries.append(Ignored(entry["id"].strip(), entry["package"].strip(), entry["reason"]))
    return entries


def load_accepted_unchecked(path: Path = IGNORE_FILE) -> list[AcceptedUnchecked]:
    """Packages accepted as not checkable at their installed version; every
    entry must name the package, the exact version and a reason."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = []
    for number, entry in enumerate(data.get("unchecked", []), start=1):
        missing = [
            key for key in ("package", "version", "reason") if not str(entry.get(key, "")).strip()
        ]
        if missing:
            raise ValueError(f"{path.name}: unchecked entry {number} lacks {', '.join(missing)}")
        entries.append(
            AcceptedUnchecked(entry["package"].strip(), entry["version"].strip(), entry["reason"])
        )
    return entries


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def run_pip_audit(ignored: list[Ignored]) -> dict:
    """pip-audit's JSON report for this interpreter's environment."""
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--vulnerability-service",
        "pypi",
        "--format",
        "json",
        "--progress-spinner",
        "off",
    ]
    for entry in ignored:
        command += ["--ignore-vuln", entry.id]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    if result.returncode not in (0, 1):  # 1: vulnerabilities found
        sys.stderr.write(result.stderr)
        raise RuntimeError(f"pip-audit failed (exit code {result.returncode})")
    return json.loads(result.stdout)


def fetch_project(name: str) -> dict | None:
    """PyPI's per-project JSON, or None when PyPI does not answer for it."""
    url = PYPI_PROJECT_URL.format(name=name)
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def _is_ignored(vuln: dict, ignored_ids: set[str]) -> str | None:
    for vuln_id in [vuln.get("id", ""), *vuln.get("aliases", [])]:
        if vuln_id in ignored_ids:
            return vuln_id
    return None


def evaluate(
    report: dict,
    ignored: list[Ignored],
    installed_version: Callable[[str], str] = metadata.version,
    fetch: Callable[[str], dict | None] = fetch_project,
    accepted_unchecked: list[AcceptedUnchecked] = (),
) -> AuditResult:
    """Findings and packages that could not be checked, from pip-audit's report
    and, for the packages it skipped, PyPI's per-project answer. A package that
    could not be checked is accepted only at the exact version an
    `[[unchecked]]` entry names."""
    ignored_ids = {entry.id for entry in ignored}
    accepted = {(_canonical(entry.package), entry.version): entry for entry in accepted_unchecked}
    result = AuditResult()

    def not_checked(name: str, version: str, why: str) -> None:
        entry = accepted.get((_canonical(name), version))
        if entry is not None:
            result.unchecked_accepted.append(entry)
        else:
            result.unaudited.append((name, why))

    dependencies = report.get("dependencies", [])
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    with ThreadPoolExecutor(max_workers=8) as pool:
        projects = dict(zip(skipped, pool.map(fetch, skipped), strict=True))
    for dependency in dependencies:
        name = dependency["name"]
        if "skip_reason" not in dependency:
            result.audited += 1
            for vuln in dependency.get("vulns", []):
                result.findings.append((name, dependency.get("version", "?"), vuln))
            continue
        version = installed_version(name)
        project = projects[name]
        if project is None:
            not_checked(name, version, f"{version}: {dependency['skip_reason']}")
            continue
        latest = project.get("info", {}).get("version")
        if latest != version:
            not_checked(
                name,
                version,
                f"{version} is behind the latest release {latest}, and PyPI did not answer "
                f"for {version} itself",
            )
            continue
        result.audited += 1
        for vuln in project.get("vulnerabilities") or []:
            if vuln.get("withdrawn"):
                continue
            matched = _is_ignored(vuln, ignored_ids)
            if matched:
                result.ignored_seen.add(matched)
            else:
                result.findings.append((name, version, vuln))
    return result


def format_result(result: AuditResult, ignored: list[Ignored]) -> str:
    lines = [f"Packages checked against PyPI's vulnerability data: {result.audited}"]
    for name, version, vuln in result.findings:
        fixed = ", ".join(vuln.get("fix_versions") or vuln.get("fixed_in") or []) or "no fix yet"
        aliases = ", ".join(vuln.get("aliases", []))
        lines.append(f"VULNERABLE {name} {version}: {vuln.get('id')} ({aliases}); fixed in {fixed}")
    for name, why in result.unaudited:
        lines.append(f"NOT CHECKED {name} {why}")
    for entry in ignored:
        lines.append(f"accepted {entry.id} in {entry.package}: {' '.join(entry.reason.split())}")
    for entry in result.unchecked_accepted:
        lines.append(
            f"accepted as not checked: {entry.package} {entry.version}: "
            f"{' '.join(entry.reason.split())}"
        )
    if result.clean:
        lines.append("No known vulnerabilities.")
    else:
        lines.append(
            f"{len(result.findings)} vulnerabilities, {len(result.unaudited)} packages not "
            f"checked. Upgrade, or accept a finding with its reason in {IGNORE_FILE.name}."
        )
    return "\n".join(lines)


def main() -> int:
    ignored = load_ignored()
    result = evaluate(run_pip_audit(ignored), ignored, accepted_unchecked=load_accepted_unchecked())
    sys.stdout.write(format_result(result, ignored) + "\n")
    return 0 if result.clean else 1


if __name__ == "__main__":
    sys.exit(main())
