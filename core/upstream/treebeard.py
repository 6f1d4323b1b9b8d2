"""django-treebeard's private names, in one place. Checked against
django-treebeard 5.3.1.

Seeding thousands of pages for the benchmarks numbers their materialized
paths directly instead of one `add_child` each (tests/bench/seeding.py), with
MP_Node's `_get_lastpos_in_path()` and `_get_path()`.
core/tests/test_upstream_treebeard.py fails when either disappears or changes
shape.
"""

from __future__ import annotations

CHECKED_AGAINST = "5.3.1"


def last_position(node) -> int:
    """The integer value of the last step of `node`'s path."""
    return node._get_lastpos_in_path()


def child_path(model, parent_path: str, depth: int, position: int) -> str:
    """The path of the child at `position` (from 1) under `parent_path`."""
    return model._get_path(parent_path, depth, position)
