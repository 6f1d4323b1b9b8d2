"""Imports flow one way: the layering of docs/architecture.md, held by a test.

Every project module is parsed (ast, nothing is imported) and each of its
imports of another project module is checked against LAYERS: the layer a
module belongs to is the longest key of LAYERS that prefixes its dotted name
(so "advocacy.proposals" may get rules of its own beside "advocacy"), and it
may import its own layer and the layers listed for it. A listed name allows
that layer and every layer below it in the tree ("advocacy" allows
"advocacy.proposals" too). Imports inside functions count, as do
`import_module("...")` calls with a literal name.

The rule is strict for production code. Tests (a `tests` package inside an
app, the top-level `tests/`, conftest.py) may import across apps for their
fixtures and factories; production code may never import a test module.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each layer may import besides itself.
EVERYTHING = frozenset({"*"})
# What every feature app may build on.
FEATURE_BASE = frozenset({"core", "safety", "background", "people", "notifications"})
LAYERS: dict[str, frozenset[str]] = {
    # Non-feature infrastructure: cache, channel layers, socket database access,
    # rate limits, realtime groups, SQLite tuning, text limits, upstream fences.
    "core": frozenset(),
    # Background work: task helpers, the worker command, the periodic schedule.
    "background": frozenset({"core"}),
    # The HTML sanitiser and upload cleaning.
    "safety": frozenset({"core"}),
    # Users, profiles, visibility, consent, story vault, directory, export,
    # erasure, and the admin access rules.
    "people": frozenset({"core", "safety", "background"}),
    # The email outbox and its delivery; notices.
    "notifications": frozenset({"core", "safety", "background", "people"}),
    # Wagtail pieces shared by the page types: StreamField blocks, review-task
    # actions, live-only page fields.
    "content": frozenset({"core", "safety"}),
    # Feature apps.
    "campaigns": FEATURE_BASE | {"content"},
    "councils": FEATURE_BASE,
    "advocacy.organisations": FEATURE_BASE,
    "advocacy.opportunities": FEATURE_BASE | {"content", "advocacy.organisations"},
    # proposals -> councils: a reform proposal's council review and agenda.
    "advocacy.proposals": FEATURE_BASE | {"content", "councils", "advocacy.organisations"},
    # Justice pathways: remedy pages (council-reviewed), the private guide, and
    # the directory built on organisations.
    "pathways": FEATURE_BASE | {"content", "councils", "advocacy.organisations"},
    # advocacy/ holds three apps; the package itself only keeps their migration
    # history, whose migrations name validators and helpers where they live now.
    "advocacy": FEATURE_BASE
    | {"advocacy.organisations", "advocacy.opportunities", "advocacy.proposals"},
    # The home page shows what the feature apps hold, searches them and builds
    # their demo.
    "home": FEATURE_BASE | {"content", "campaigns", "advocacy", "councils", "pathways"},
    # Settings, URLs and ASGI assemble everything.
    "config": EVERYTHING,
    # Tests across apps (ASGI, browser, load, benchmarks).
    "tests": EVERYTHING,
}

# Imports against the one-way rule that exist today, each until the change
# named moves it. Allowed, left out of the cycle checks, and checked to still
# exist: once one is gone, take it off this list.
TEMPORARY_EDGES: dict[tuple[str, str], str] = {}

# Root-level modules: manage.py reads its settings by name; conftest.py is test code.
ROOT_MODULES = {"manage": frozenset(), "conftest": EVERYTHING}
SKIPPED_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", "site", "locale", "docs"}


def project_packages() -> set[str]:
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in SKIPPED_DIRS
    }


def module_files() -> dict[str, Path]:
    """Every project module by dotted name."""
    modules = {name: ROOT / f"{name}.py" for name in ROOT_MODULES if (ROOT / f"{name}.py").exists()}
    for package in project_packages():
        for path in (ROOT / package).rglob("*.py"):
            if any(part in SKIPPED_DIRS for part in path.relative_to(ROOT).parts):
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def is_test_module(module: str) -> bool:
    parts = module.split(".")
    return (
        parts[0] in {"tests", "conftest"}
        or "tests" in parts
        or parts[-1] == "conftest"
        or parts[-1].startswith("test_")
    )


def imported_names(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in the module, relative ones resolved,
    `from package import module` counted as the module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package_parts = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            names += [
                (node.lineno, f"{source}.{alias.name}" if alias.name != "*" else source)
                for alias in node.names
            ]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.append((node.lineno, node.args[0].value))
    return names


def layer_of(module: str) -> str | None:
    """The longest key of LAYERS (or ROOT_MODULES) that is `module` or a package of it."""
    keys = [*LAYERS, *ROOT_MODULES]
    matches = [key for key in keys if module == key or module.startswith(key + ".")]
    return max(matches, key=len) if matches else None


def allowed(source_layer: str, target_layer: str) -> bool:
    if source_layer == target_layer or (source_layer, target_layer) in TEMPORARY_EDGES:
        return True
    rule = LAYERS.get(source_layer, ROOT_MODULES.get(source_layer, frozenset()))
    if rule is EVERYTHING:
        return True
    return any(target_layer == name or target_layer.startswith(name + ".") for name in rule)


@cache
def project_imports() -> list[tuple[str, int, str]]:
    """(importing module, line, imported project module) for every project import."""
    modules = module_files()
    tops = project_packages() | set(ROOT_MODULES)
    found = []
    for module, path in sorted(modules.items()):
        for line, name in imported_names(module, path):
            if name.split(".")[0] not in tops:
                continue
            # `from people import roles` names a module, `from people.models import User`
            # a name in one.
            target = name if name in modules else name.rpartition(".")[0] or name
            found.append((module, line, target))
    return found


def violations(imports) -> list[str]:
    problems = []
    for module, line, target in imports:
        location = f"{module.replace('.', '/')}.py:{line}"
        if not is_test_module(module) and is_test_module(target):
            problems.append(f"{location}: production code imports the test module {target}")
            continue
        if is_test_module(module):
            continue
        source_layer, target_layer = layer_of(module), layer_of(target)
        if source_layer is None or target_layer is None:
            continue  # reported by test_every_package_is_declared
        if not allowed(source_layer, target_layer):
            problems.append(
                f"{location}: {source_layer} may not import {target_layer} ({target}); "
                "declare the edge in LAYERS only if it belongs there"
            )
    return problems


def test_every_project_package_is_declared():
    undeclared = sorted(project_packages() - set(LAYERS))
    assert not undeclared, f"Declare these packages in LAYERS: {undeclared}"


def test_every_declared_layer_exists():
    modules = module_files()
    unknown = sorted(key for key in LAYERS if key not in modules)
    named = {name for rule in LAYERS.values() if rule is not EVERYTHING for name in rule}
    unknown += sorted(name for name in named if name not in LAYERS)
    assert not unknown, f"LAYERS names modules that do not exist or are not layers: {unknown}"


def test_the_declared_layers_have_no_cycle():
    graph = {
        key: {n for n in rule if n in LAYERS}
        for key, rule in LAYERS.items()
        if rule is not EVERYTHING
    }
    assert find_cycle(graph) is None, f"LAYERS declares a cycle: {find_cycle(graph)}"


def test_the_temporary_edges_still_exist():
    edges = {
        (layer_of(module), layer_of(target))
        for module, _line, target in project_imports()
        if not is_test_module(module)
    }
    gone = sorted(edge for edge in TEMPORARY_EDGES if edge not in edges)
    assert not gone, f"No longer imported: take these off TEMPORARY_EDGES: {gone}"


def test_production_imports_follow_the_layers():
    problems = violations(project_imports())
    assert not problems, "Imports against the layering:\n" + "\n".join(problems)


def test_no_cycle_between_top_level_packages():
    graph: dict[str, set[str]] = defaultdict(set)
    for module, _line, target in project_imports():
        if is_test_module(module):
            continue
        source, dest = module.split(".")[0], target.split(".")[0]
        if source != dest and (source, dest) not in TEMPORARY_EDGES:
            graph[source].add(dest)
    cycle = find_cycle(graph)
    assert cycle is None, "Top-level packages import each other: " + " -> ".join(cycle)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for following in sorted(graph.get(node, ())):
            if cycle := visit(following):
                return cycle
        visiting.pop()
        done.add(node)
        return None

    for node in sorted(graph):
        if cycle := visit(node):
            return cycle
    return None


@pytest.mark.parametrize(
    ("module", "line", "target", "expected"),
    [
        ("core.cache", 1, "people.models", "core may not import people"),
        ("safety.sanitize", 1, "councils.events", "safety may not import councils"),
        ("people.erasure", 1, "campaigns.personal_data", "people may not import campaigns"),
        ("councils.views", 1, "advocacy.models", "councils may not import advocacy"),
        ("people.forms", 1, "people.tests.test_accounts", "imports the test module"),
    ],
)
def test_a_forbidden_import_is_reported(module, line, target, expected):
    (problem,) = violations([(module, line, target)])
    assert expected in problem


def test_dotted_layers_take_the_longest_prefix(monkeypatch):
    layers = {
        **LAYERS,
        "advocacy.proposals": frozenset({"core", "people", "councils"}),
        "advocacy.opportunities": frozenset({"core", "people", "advocacy.organisations"}),
        "advocacy.organisations": frozenset({"core", "people"}),
    }
    monkeypatch.setattr(__import__(__name__, fromlist=["LAYERS"]), "LAYERS", layers)
    assert layer_of("advocacy.proposals.models.page") == "advocacy.proposals"
    assert layer_of("advocacy.apps") == "advocacy"
    assert not violations([("advocacy.opportunities.views", 1, "advocacy.organisations.models")])
    assert violations([("advocacy.organisations.views", 1, "advocacy.opportunities.models")])
    # "advocacy" in a rule allows every layer inside it.
    assert not violations([("home.models", 1, "advocacy.proposals.models")])
