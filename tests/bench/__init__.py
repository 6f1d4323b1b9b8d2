"""`make bench`: the platform measured side by side with a baseline in the same run.

Shared machines are noisy, so every figure is reported as a ratio to a baseline taken
in the same run (a bare consumer, a minimal view, a plain query). Run it with
``python -m tests.bench`` (``--quick`` checks the harness in seconds; ``--only`` picks
sections); it writes ``docs/benchmarks.md``.
"""
