"""Where a page's time goes when it is made: each page made in-process (the
page cache off), timed, then profiled with cProfile; the slowest page's top
entries go into the report (docs/benchmarks.md)."""

from __future__ import annotations

import cProfile
import pstats
import time
from pathlib import Path

from tests.bench.report import Table, fmt

REQUESTS = 30
TOP = 12
PROJECT = str(Path(__file__).resolve().parents[2]) + "/"


def _where(filename: str, line: int, function: str) -> str:
    """A profile entry's place, without this machine's folders."""
    if "site-packages/" in filename:
        filename = filename.split("site-packages/", 1)[1]
    elif filename.startswith(PROJECT):
        filename = filename[len(PROJECT) :]
    elif filename.startswith("/"):
        filename = Path(filename).name
    if filename == "~":
        return function  # a built-in
    return f"{filename}:{line}({function})"


def _made(client, path: str, viewer, requests: int, profiler=None) -> float:
    """Milliseconds per request for `requests` requests of `path`."""
    from django.test import override_settings

    with override_settings(PAGE_CACHE_ENABLED=False):
        client.logout()
        if viewer is not None:
            client.force_login(viewer())
        client.get(path)
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        for _ in range(requests):
            client.get(path)
        if profiler is not None:
            profiler.disable()
        return (time.perf_counter() - started) / requests * 1000


def profile_pages(prepared, quick: bool) -> list[Table]:
    """A table of each page's in-process time, and the slowest page's profile."""
    from django.test import Client

    requests = 3 if quick else REQUESTS
    client = Client(HTTP_HOST="127.0.0.1")
    timed = []
    for entry in prepared:
        if entry.path is None:
            continue
        timed.append((_made(client, entry.path, entry.target.viewer, requests), entry))
    times = Table(
        f"Making each page in-process (page cache off, no server): milliseconds per "
        f"request, mean of {requests}",
        ["Page", "ms per request"],
        [[entry.target.name, fmt(ms, 1)] for ms, entry in timed],
    )
    slowest = max(
        (pair for pair in timed if pair[1].target.viewer is None), key=lambda pair: pair[0]
    )[1]
    profiler = cProfile.Profile()
    _made(client, slowest.path, slowest.target.viewer, requests, profiler)
    stats = pstats.Stats(profiler).stats
    rows = [
        (_where(*place), total / requests * 1000, own / requests * 1000, calls / requests)
        for place, (_primitive, calls, own, total, _callers) in stats.items()
    ]
    ours_only = {
        _where(*place)
        for place in stats
        if place[0].startswith(PROJECT) and "site-packages/" not in place[0]
    }
    own_time = Table(
        f"{slowest.target.name}: the {TOP} entries with the most time of their own "
        "(cProfile, milliseconds per request; the profiler slows everything about twofold)",
        ["Function", "Own ms", "Cumulative ms", "Calls per request"],
        [
            [f"`{where}`", fmt(own, 2), fmt(total, 2), fmt(calls, 0)]
            for where, total, own, calls in sorted(rows, key=lambda r: -r[2])[:TOP]
        ],
    )
    project = [row for row in rows if row[0] in ours_only]
    ours = Table(
        f"{slowest.target.name}: the project's {TOP} entries with the most cumulative time "
        "(middleware excluded: each wraps the whole request)",
        ["Function", "Cumulative ms", "Own ms", "Calls per request"],
        [
            [f"`{where}`", fmt(total, 2), fmt(own, 2), fmt(calls, 0)]
            for where, total, own, calls in sorted(project, key=lambda r: -r[1])
            if "middleware" not in where and "__call__" not in where
        ][:TOP],
    )
    return [times, own_time, ours]
