"""Every use of an upstream library's private or undocumented API, one module
per library, each naming the version it was checked against and pinned by a
test in core/tests/test_upstream_<library>.py that fails loudly when the name
disappears or changes shape."""
