"""Private names of upstream libraries are used only in core/upstream/ (one
module per library), each with the version it was checked against and a test
that fails when an upgrade changes them (core/tests/test_upstream_*.py).

The scan reads the project's source (not its dependencies) for the names
below: read as an attribute (`writer._objects`), or defined as a method that
overrides the library's (`def _clean_expired`). It knows only these names, so
the project's own private names are never flagged; a new private upstream
name goes into this list as it goes into a fence.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCES = ROOT / "core" / "upstream"
SKIPPED_DIRECTORIES = {".venv", "venv", "node_modules", "migrations", "__pycache__", ".git"}

# name -> whose it is.
PRIVATE_NAMES = {
    # Django
    "_wrapped": "django.utils.functional.LazyObject (channels' scope user)",
    "_cache": "django.core.cache.backends.redis.RedisCache's client",
    "_pool_class": "django.core.cache.backends.redis.RedisCacheClient",
    "_pool_options": "django.core.cache.backends.redis.RedisCacheClient",
    "_servers": "django.core.cache.backends.redis.RedisCacheClient",
    "_get_connection_pool_index": "django.core.cache.backends.redis.RedisCacheClient",
    "_test_serialized_contents": "django.db connections (serialized_rollback)",
    # django-redis
    "_pools": "django_redis.pool.ConnectionFactory",
    # channels
    "_clean_expired": "channels.layers.InMemoryChannelLayer",
    "_reset_backends": "channels.layers.ChannelLayerManager",
    "_remove_from_groups": "channels.layers.InMemoryChannelLayer",
    # asgiref
    "threadlocal": "asgiref.sync.SyncToAsync",
    # pypdf
    "_objects": "pypdf.PdfWriter",
    "_add_object": "pypdf.PdfWriter",
    # Pillow
    "_exif": "PIL.Image.Image",
    "_getexif": "PIL.JpegImagePlugin",
    # Wagtail
    "_wagtail_site": "wagtail.models.Site.find_for_request's memo on the request",
    "_wagtail_route_for_request": "wagtail.models.Page.route_for_request's memo",
    # django-treebeard
    "_get_path": "treebeard.mp_tree.MP_Node",
    "_get_lastpos_in_path": "treebeard.mp_tree.MP_Node",
}

# Public names that reach a private one when read on a particular object.
PRIVATE_WHEN_ON = {
    # channels.auth.get_user is a DatabaseSyncToAsync: `.func` is the bare function.
    "func": "get_user",
}


def _source_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_DIRECTORIES.intersection(relative.parts[:-1]):
            continue
        # The fences, and the tests that check them against their libraries.
        if path.is_relative_to(FENCES) or path.name.startswith("test_upstream_"):
            continue
        yield relative, path


def _end_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def private_uses(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every private upstream name read or overridden."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            if node.attr in PRIVATE_NAMES:
                found.append((node.lineno, node.attr))
            elif node.attr in PRIVATE_WHEN_ON and PRIVATE_WHEN_ON[node.attr] == _end_name(
                node.value
            ):
                found.append((node.lineno, f"{_end_name(node.value)}.{node.attr}"))
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                overrides = isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                if overrides and item.name in PRIVATE_NAMES:
                    found.append((item.lineno, item.name))
    return found


def _all_uses() -> dict[tuple[str, str], list[int]]:
    uses: dict[tuple[str, str], list[int]] = {}
    for relative, path in _source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        for line, name in private_uses(tree):
            uses.setdefault((relative.as_posix(), name), []).append(line)
    return uses


def test_private_upstream_names_are_used_only_in_their_fences():
    unfenced = {
        f"{path}:{lines[0]}: {name} ({PRIVATE_NAMES.get(name, name)})"
        for (path, name), lines in _all_uses().items()
    }
    assert not unfenced, (
        "Private names of upstream libraries outside core/upstream/ (put each in "
        "core/upstream/<library>.py with the version it was checked against and "
        "a test in core/tests/test_upstream_<library>.py):\n" + "\n".join(sorted(unfenced))
    )


def test_the_scan_finds_reads_overrides_and_get_user_func_but_not_own_names():
    source = """
import channels.auth
scope["user"]._wrapped = channels.auth.get_user.func
class Layer(InMemoryChannelLayer):
    def _clean_expired(self):
        super()._clean_expired()
    def _own_helper(self):
        return self._own_state, other.func, self._meta
"""
    assert sorted(private_uses(ast.parse(source))) == [
        (3, "_wrapped"),
        (3, "get_user.func"),
        (5, "_clean_expired"),
        (6, "_clean_expired"),
    ]
