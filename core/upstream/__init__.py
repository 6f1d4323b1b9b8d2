"""Fences around private APIs of upstream libraries: one module per library.

Each use of a name an upstream library does not promise to keep lives in the
module for that library, with the version it was checked against, and a test
(`core/tests/test_upstream_<library>.py`) fails loudly when the name
disappears or changes shape, so an upgrade cannot break the site silently.
"""
