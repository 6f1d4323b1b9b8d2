"""The benchmark harness must keep working: run its quickest mode as CI does."""

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.bench.__main__ import DEFAULT_REDIS
from tests.bench.corpus import HOSTILE
from tests.bench.fanout import flush_prefix, redis_reachable
from tests.bench.loadgen import _message, _stamp_of
from tests.bench.report import percentile
from tests.bench.sanitiser import unsafe_reasons

ROOT = Path(__file__).resolve().parents[2]


def _quick_run(tmp_path, sections: str) -> str:
    output = tmp_path / "benchmarks.md"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench",
            "--quick",
            "--only",
            sections,
            "--servers",
            "uvicorn",
            "--output",
            str(output),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    return output.read_text(encoding="utf-8")


# The quick runs use a database of their own (a SQLite file), not the suite's:
# the same on both of make test's runs, so they run once.
@pytest.mark.one_database
def test_quick_run_measures_the_sanitiser_and_a_page(tmp_path):
    text = _quick_run(tmp_path, "sanitiser,pages")
    assert "## Sanitiser: bleach vs nh3" in text
    assert re.search(r"\| story part \| 1 \| [\d,.]+ \| [\d,.]+ \| [\d,.]+x \|", text)
    assert "| bleach | 46 | 46 |" in text
    assert "## Pages" in text
    # The baseline and the home page were served and measured, with query counts.
    assert re.search(r"\| uvicorn \| baseline view \| 200 \| [\d,.]+ \|", text)
    assert re.search(r"\| uvicorn \| home page \| 200 \| [\d,.]+ \|", text)
    assert re.search(r"\| uvicorn \| missing page \(404\) \| 404 \| [\d,.]+ \|", text)
    # Measured with the page cache on and off, and at a fixed load.
    assert "Page cache off" in text
    assert re.search(r"\| uvicorn \| remedy page \| [\d,.]+ \| [\d,.]+ \| [\d,.]+ \|", text)
    assert "(failed)" not in text


@pytest.mark.parametrize("sample", HOSTILE[:6], ids=lambda s: s.html[:20])
def test_the_safety_check_catches_unsafe_output(sample):
    """The cross-check itself can fail: raw hostile input is reported as unsafe."""
    assert unsafe_reasons(sample.html, sample.profile)


def test_percentile_is_nearest_rank():
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) != percentile([], 50)  # NaN


def test_load_generator_reads_only_its_own_stamps():
    frame = _message("bare", "1", 7, "run1")  # relayed unchanged by the bare consumer
    number, sent = _stamp_of("bare", frame, "run1")
    assert number == 7
    assert abs(sent - time.time()) < 5
    assert _stamp_of("bare", frame, "other") is None
    council = json.dumps({"type": "message.new", "seq": 3, "body": "<p>run1:4:1.5</p>"})
    assert _stamp_of("council", council, "run1") == (4, 1.5)
    assert _stamp_of("council", json.dumps({"type": "message.ack"}), "run1") is None
    compact = json.dumps(
        {"type": "message.new", "seq": 3, "body": "run1:5:2.25", "author": "A"},
        separators=(",", ":"),
    )
    assert _stamp_of("council", compact, "run1") == (5, 2.25)
    edited = json.dumps({"type": "message.edited", "body": "run1:6:1.0"})
    assert _stamp_of("council", edited, "run1") is None


@pytest.mark.services
def test_redis_cleanup_removes_only_this_runs_prefix():
    import redis
    from django.conf import settings

    url = settings.REDIS_URL or DEFAULT_REDIS
    if not redis_reachable(url):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {url} does not answer")
        pytest.skip("Redis does not answer")
    client = redis.Redis.from_url(url)
    run = uuid.uuid4().hex[:8]
    mine, other = f"bench-{run}", f"keep-{run}"
    try:
        client.set(f"{mine}:group:room", "1")
        client.set(f"{mine}:channel:x", "1")
        client.set(f"{other}:group:room", "1")
        flush_prefix(url, mine)
        assert client.keys(f"{mine}*") == []
        assert client.get(f"{other}:group:room") == b"1"
    finally:
        client.delete(f"{other}:group:room")


@pytest.mark.one_database
def test_quick_run_measures_the_council_consumer_beside_the_bare_one(tmp_path):
    """The real council consumer accepts its members' sockets, takes their messages and
    delivers every one to every member, in the same run as the bare baseline."""
    text = _quick_run(tmp_path, "fanout")
    assert "## WebSocket fan-out" in text
    assert "not available" not in text
    row = re.search(
        r"\| uvicorn \| in-memory layer, 1 process \| 20 \| council consumer \| [\d,.]+ \| "
        r"[\d,.]+ \| [\d,.]+ \| ([\d.]+)% \| ([\d,]+) \|",
        text,
    )
    assert row, text
    assert float(row.group(1)) == 100.0  # every message reached every member at 10/s
    assert int(row.group(2).replace(",", "")) > 0
    assert re.search(r"\| in-memory layer, 1 process \| 20 \| bare Channels broadcast \|", text)
    assert "(failed)" not in text


def test_errors_the_servers_logged_are_reported(tmp_path):
    from tests.bench.servers import PROJECT_ROOT, logged_problems

    first, second = tmp_path / "a.log", tmp_path / "b.log"
    first.write_text(
        "INFO: started\nERROR: Could not publish to room-1\nWARNING: slow\n", encoding="utf-8"
    )
    traceback = (
        "Traceback (most recent call last):\n"
        f'  File "{PROJECT_ROOT / "tests/bench/consumers.py"}", line 37, in room_message\n'
        "    await self.send(text_data=event['text'])\n"
        '  File "/venv/lib/site-packages/daphne/ws_protocol.py", line 261, in serverSend\n'
        "    self.sendMessage(content.encode('utf8'), binary)\n"
        "autobahn.exception.Disconnected: Attempt to send on a closed protocol\n"
    )
    second.write_text("ERROR: Could not publish to room-1\n" + traceback * 2, encoding="utf-8")
    assert logged_problems([first, second, tmp_path / "missing.log"]) == [
        "ERROR: Could not publish to room-1 (x2)",
        "autobahn.exception.Disconnected: Attempt to send on a closed protocol at "
        'File "tests/bench/consumers.py", line 37, in room_message (x2)',
    ]
    assert logged_problems([first], most=0) == []


def test_the_fixed_rate_p99_is_the_median_of_its_rounds():
    from tests.bench.fanout import _summary

    phase = {"rate": 10, "delivered": 90, "expected": 90, "seconds": 9.0, "p50": 0.005}
    one_stall = {**phase, "p99": 0.030, "round_p99s": [0.008, 0.030, 0.009]}
    ramp = {"rate": 40, "delivered": 80, "expected": 80, "seconds": 2.0, "p50": 0.01, "p99": 0.02}
    summary = _summary({"phases": [one_stall, ramp]})
    assert summary["p99"] == 0.009  # the stall moved one round, not the result
    assert summary["p99_whole"] == 0.030
    assert summary["saturation"] == 40.0
    # A load generator without rounds: the whole phase's p99.
    assert _summary({"phases": [{**phase, "p99": 0.02}]})["p99"] == 0.02
