"""Idle sockets: memory per 1,000 idle authenticated connections on one worker, and CPU.

One uvicorn process (in-memory layer) serves the sockets; the load generator opens them
with a real session cookie from its own process and holds them. Memory is the server's
resident set size (``VmRSS`` in ``/proc/<pid>/status``) after the sockets are open minus
before; CPU is the server's user+system time over an idle window, from
``/proc/<pid>/stat``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.bench.report import NOT_AVAILABLE, Section, Table, Target, fmt
from tests.bench.seeding import NotAvailable, bench_member
from tests.bench.servers import run_loadgen, serve
from tests.bench.sockets import TARGETS, probe, write_cookies

MEMORY_TARGET_MB = 100.0
SERVER = "uvicorn"
# Distinct council members holding the sockets (each holds several, like open tabs).
ACCOUNTS = 50


def rss_mb(pid: int) -> float:
    """Resident set size of ``pid`` in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by ``pid``."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _hold_sockets(ctx, url: str, members: int, cookies: str, window: float, pid: int):
    """Open ``members`` sockets in a load-generator process; measure while they idle."""
    before = rss_mb(pid)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.bench.loadgen",
            "idle",
            "--url",
            url,
            "--members",
            str(members),
            "--cookies-file",
            cookies,
            "--hold",
            "300",
        ],
        env=ctx.env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        opened = json.loads(holder.stdout.readline() or "{}")
        if not opened:
            raise RuntimeError("the idle load generator did not report")
        time.sleep(1.0)  # let allocations settle
        after = rss_mb(pid)
        cpu_start, wall_start = cpu_seconds(pid), time.monotonic()
        time.sleep(window)
        cpu = (cpu_seconds(pid) - cpu_start) / (time.monotonic() - wall_start)
    finally:
        if holder.poll() is None:
            holder.stdin.close()
            try:
                holder.wait(timeout=30)
            except subprocess.TimeoutExpired:
                holder.kill()
                holder.wait(timeout=5)
    return opened, before, after, cpu


def run(ctx) -> Section:
    """Memory and CPU of idle sockets for every available consumer."""
    member = bench_member()
    members = 100 if ctx.quick else 1000
    window = 2.0 if ctx.quick else 5.0
    table = Table(
        f"{members:,} idle sockets on one {SERVER} process",
        [
            "Consumer",
            "Sockets open",
            "RSS before (MB)",
            "RSS after (MB)",
            "MB per 1,000 sockets",
            f"Server CPU while idle ({window:g} s)",
        ],
    )
    unavailable = Table("Consumers " + NOT_AVAILABLE, ["Consumer", "Why"])
    targets = []
    for target in TARGETS:
        try:
            room = target.prepare(member, 10 if ctx.quick else ACCOUNTS)
        except NotAvailable as missing:
            unavailable.rows.append([target.name, str(missing)])
            continue
        # A fresh server per consumer, so one's sockets do not count against the other.
        with serve(SERVER, ctx.env, ctx.tmpdir / f"idle-{target.protocol}.log") as running:
            url = running.url(room.path, scheme="ws")
            cookies = write_cookies(room, ctx.tmpdir / f"idle-cookies-{target.protocol}.txt")
            try:
                probe(url, room.cookies[0])
            except NotAvailable as missing:
                unavailable.rows.append([target.name, str(missing)])
                continue
            # Warm the code paths once so imports are not counted as per-socket memory.
            run_loadgen(
                ctx.env,
                ["idle", "--url", url, "--members", "5", "--cookies-file", cookies, "--hold", "1"],
                timeout=60,
            )
            opened, before, after, cpu = _hold_sockets(
                ctx, url, members, cookies, window, running.pid
            )
        per_thousand = (after - before) / max(1, opened["opened"]) * 1000
        table.rows.append(
            [
                target.name,
                f"{opened['opened']:,}",
                fmt(before, 1),
                fmt(after, 1),
                fmt(per_thousand, 1),
                fmt(cpu * 100, 1) + "% of a core",
            ]
        )
        if target.protocol == "council":
            targets.append(
                Target(
                    f"Council: memory per 1,000 idle sockets < {MEMORY_TARGET_MB:g} MB",
                    per_thousand,
                    per_thousand < MEMORY_TARGET_MB,
                )
            )
        else:
            targets.append(
                Target(
                    f"Bare consumer: memory per 1,000 idle sockets < {MEMORY_TARGET_MB:g} MB",
                    per_thousand,
                    per_thousand < MEMORY_TARGET_MB,
                )
            )
    if not any(t.description.startswith("Council") for t in targets):
        targets.append(
            Target(f"Council: memory per 1,000 idle sockets < {MEMORY_TARGET_MB:g} MB", None, None)
        )
    return Section(
        key="idle",
        title="Idle sockets",
        method=(
            f"One {SERVER} process with the in-memory channel layer; {members:,} sockets "
            "opened by a load generator in its own process, then left idle (no pings). The "
            "council consumer's sockets belong to distinct council members (real session "
            "cookies, each account holding several sockets as open tabs would) joined to the "
            "council's general room; the bare consumer's share one signed-in account. "
            "Memory is the server's resident set size after minus before (after a 5-socket "
            "warm-up), scaled to 1,000 sockets; CPU "
            f"is the server's user+system time over {window:g} s of idleness."
        ),
        tables=[table, *([unavailable] if unavailable.rows else [])],
        targets=targets,
    )
