"""Soak: members chatting and pages being read at the same time, for minutes.

    python -m tests.load                    # 10 minutes, 200 members, 2 server processes
    python -m tests.load --minutes 1 --members 50

Two uvicorn processes share a channels-redis layer (as in production); the members are
spread over both. Chat goes through the council consumer when it is available, the bare
broadcast consumer otherwise (the report says which). At the same time a second load
generator reads every available page at a gentle pace. A member whose socket ends
reconnects with the last sequence number it saw, as the page does. The report gives the
5xx rate (target under 0.025%), latency p99, the servers' memory growth, every socket
that ended early with its close code, and every chat delivery lost (never delivered,
even after reconnecting) or duplicated (target: none). Exit status 1 when a target is
missed. ``--log-dir`` keeps the servers' logs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.__main__ import DEFAULT_REDIS, bench_environment
from tests.bench.report import fmt, machine_facts, utcnow

SERVER_ERROR_TARGET = 0.025 / 100
PAGE_CONNECTIONS = 2
PAGE_PAUSE = 0.2  # seconds between one connection's requests: reading, not hammering


def _parse(argv):
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--rate", type=float, default=5, help="chat messages per second")
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument(
        "--log-dir", type=Path, help="keep the servers' logs in this folder (default: discarded)"
    )
    return parser.parse_args(argv)


def _loadgen(env, args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.bench.loadgen", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
        process.communicate(timeout=10)


def _result(process: subprocess.Popen, timeout: float) -> dict:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate(timeout=10)
        raise RuntimeError("a load generator did not finish in time") from None
    if process.returncode != 0:
        raise RuntimeError(f"a load generator failed: {err[-2000:]}")
    return json.loads(out.strip().splitlines()[-1])


def _codes(codes: dict) -> str:
    """``2 x 1006, 1 x 1011``, or ``none``."""
    return ", ".join(f"{n} x {code}" for code, n in sorted(codes.items())) or "none"


def soak(args, env, tmpdir: Path) -> tuple[list[str], bool]:
    """Run the soak; the report's lines and whether every target was met."""
    from tests.bench.fanout import flush_prefix, redis_reachable
    from tests.bench.idle import rss_mb
    from tests.bench.pages import BASELINE_PATH, prepare
    from tests.bench.pages import TARGETS as PAGE_TARGETS
    from tests.bench.seeding import NotAvailable, Sizes, bench_member, session_cookie
    from tests.bench.servers import serve
    from tests.bench.sockets import BARE, COUNCIL, probe, write_cookies

    if not redis_reachable(args.redis_url):
        raise SystemExit(f"Redis at {args.redis_url} does not answer; the soak needs it.")
    seconds = args.minutes * 60
    pages = [p for p in prepare(PAGE_TARGETS, Sizes()) if p.path not in (None, BASELINE_PATH)]
    member = bench_member()
    cookie = session_cookie(member)
    prefix = f"soak-{utcnow():%H%M%S}"
    env = {**env, "BENCH_REDIS_URL": args.redis_url, "BENCH_REDIS_PREFIX": prefix}
    try:
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(
                    serve("uvicorn", env, (args.log_dir or tmpdir) / f"soak-{i}.log")
                )
                for i in range(2)
            ]
            consumer, room = BARE, BARE.prepare(member, args.members)
            with contextlib.suppress(NotAvailable):
                council_room = COUNCIL.prepare(member, args.members)
                probe(servers[0].url(council_room.path, scheme="ws"), council_room.cookies[0])
                consumer, room = COUNCIL, council_room
            memory_before = [rss_mb(s.pid) for s in servers]
            chat = [
                "soak", "--members", str(args.members), "--cookie", cookie,
                "--cookies-file", write_cookies(room, tmpdir / "soak-cookies.txt"),
                "--protocol", consumer.protocol, "--room", room.room,
                "--rate", str(args.rate), "--duration", str(seconds), "--drain", "15",
            ]  # fmt: skip
            for server in servers:
                chat += ["--url", server.url(room.path, scheme="ws")]
            chatting = _loadgen(env, chat)
            stack.callback(_stop, chatting)
            readers = []
            for i, page in enumerate(pages):
                reading = ["http", servers[i % 2].url(page.path), "--warmup", "0"]
                reading += ["--concurrency", str(PAGE_CONNECTIONS), "--duration", str(seconds)]
                reading += ["--pause", str(PAGE_PAUSE)]
                readers.append(_loadgen(env, reading))
                stack.callback(_stop, readers[-1])
            chat_result = _result(chatting, seconds + 300)
            page_results = [_result(reader, seconds + 300) for reader in readers]
            memory_after = [rss_mb(s.pid) for s in servers]
    finally:
        flush_prefix(args.redis_url, prefix)

    requests = sum(sum(r["statuses"].values()) for r in page_results)
    server_errors = sum(
        n for r in page_results for code, n in r["statuses"].items() if int(code) >= 500
    )
    failed_requests = sum(r["statuses"].get("0", 0) for r in page_results)
    error_rate = server_errors / requests if requests else 0.0
    lost, duplicated = chat_result["lost"], chat_result["duplicated"]
    ok = error_rate < SERVER_ERROR_TARGET and lost == 0 and duplicated == 0
    growth = [after - before for before, after in zip(memory_before, memory_after, strict=True)]
    lines = [
        f"# Soak, {utcnow():%Y-%m-%d %H:%M} UTC",
        "",
        f"{args.minutes:g} minutes; {args.members} members chatting through the "
        f"{consumer.name} at {args.rate:g} messages/s over 2 uvicorn processes sharing "
        f"channels-redis; {len(pages)} page(s) read by {PAGE_CONNECTIONS} connections each, "
        f"pausing {PAGE_PAUSE:g} s between requests. Machine: "
        + ", ".join(f"{k} {v}" for k, v in machine_facts().items()),
        "",
        "| Figure | Value | Target | Result |",
        "| --- | --- | --- | --- |",
        f"| Page requests | {requests:,} | | |",
        f"| 5xx responses | {server_errors:,} ({error_rate:.4%}) | under 0.025% | "
        f"{'PASS' if error_rate < SERVER_ERROR_TARGET else 'FAIL'} |",
        f"| Requests that got no response | {failed_requests:,} | | |",
        "| Page p99 (ms) | "
        + ", ".join(
            f"{p.target.name} {fmt(r['p99'] * 1000, 1)}"
            for p, r in zip(pages, page_results, strict=True)
        )
        + " | | |",
        f"| Chat messages sent | {chat_result['sent']:,} (send errors: "
        f"{chat_result['send_errors']}; error replies: "
        f"{_codes(chat_result['error_frames'])}) | | |",
        f"| Messages someone missed | {chat_result['messages_missed_count']:,} "
        f"{chat_result['messages_missed'] or ''} | | |",
        f"| Deliveries expected / received | {chat_result['expected']:,} / "
        f"{chat_result['received']:,} | | |",
        f"| Deliveries lost | {lost:,} | none | {'PASS' if lost == 0 else 'FAIL'} |",
        f"| Deliveries duplicated | {duplicated:,} | none | "
        f"{'PASS' if duplicated == 0 else 'FAIL'} |",
        f"| Sockets closed early (close codes) / reconnected | {chat_result['closed_early']} "
        f"({_codes(chat_result['close_codes'])}) / {chat_result['reconnected']} | | |",
        f"| Chat latency p50 / p99 (ms) | {fmt(chat_result['p50'] * 1000, 1)} / "
        f"{fmt(chat_result['p99'] * 1000, 1)} | | |",
        "| Server memory growth (MB) | "
        + ", ".join(
            f"{fmt(before, 0)} → {fmt(before + g, 0)}"
            for before, g in zip(memory_before, growth, strict=True)
        )
        + " | | |",
    ]
    return lines, ok


def main(argv=None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        tmpdir = Path(tmp)
        with bench_environment(tmpdir, utcnow().strftime("%H%M%S")) as (env, _database):
            lines, ok = soak(args, env, tmpdir)
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
