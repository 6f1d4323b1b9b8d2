"""Start and stop the ASGI servers compared, each in its own process group."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

APPLICATION = "tests.bench.asgi:application"
HOST = "127.0.0.1"
# The project's folder, left out of the paths the report quotes.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
READY_PATH = "/bench/baseline/"


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def command(server: str, port: int) -> list[str]:
    """The command line that serves the bench application with ``server`` on ``port``."""
    python = sys.executable
    if server == "uvicorn":
        return [
            python, "-m", "uvicorn", APPLICATION, "--host", HOST, "--port", str(port),
            "--lifespan", "off", "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
    if server == "daphne":
        return [python, "-m", "daphne", "-b", HOST, "-p", str(port), "-v", "0", APPLICATION]
    if server == "granian":
        return [
            python, "-m", "granian", "--interface", "asgi", "--host", HOST, "--port", str(port),
            "--workers", "1", "--log-level", "warning", APPLICATION,
        ]  # fmt: skip
    raise ValueError(f"unknown ASGI server {server!r}")


def available(server: str) -> bool:
    """Whether ``server`` is installed in this environment."""
    import importlib.util

    return importlib.util.find_spec(server) is not None


@dataclass
class Running:
    """A server process started by the harness."""

    name: str
    port: int
    process: subprocess.Popen

    @property
    def pid(self) -> int:
        return self.process.pid

    def url(self, path: str, scheme: str = "http") -> str:
        return f"{scheme}://{HOST}:{self.port}{path}"


def _wait_ready(running: Running, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise RuntimeError(f"{running.name} exited with {running.process.returncode}")
        try:
            with urllib.request.urlopen(running.url(READY_PATH), timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{running.name} did not answer within {timeout:.0f} s")


def stop(running: Running) -> None:
    """Stop the server's whole process group (granian forks workers), politely first."""
    if running.process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(running.process.pid, signal.SIGTERM)
    try:
        running.process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(running.process.pid, signal.SIGKILL)
        running.process.wait(timeout=5)


@contextlib.contextmanager
def serve(
    server: str, env: dict[str, str], log: Path, *, ready_timeout: float = 60
) -> Iterator[Running]:
    """Run ``server`` on a free loopback port until the block ends (always stopped).

    Its output goes to ``log``, quoted in the error when it fails to start.
    """
    port = free_port()
    with log.open("ab") as log_file:
        process = subprocess.Popen(
            command(server, port),
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    running = Running(server, port, process)
    try:
        try:
            _wait_ready(running, ready_timeout)
        except RuntimeError as error:
            tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"{error}; its output ends with:\n{tail}") from None
        yield running
    finally:
        stop(running)


def run_loadgen(env: dict[str, str], args: list[str], timeout: float) -> dict:
    """Run ``python -m tests.bench.loadgen ARGS`` in its own process; its JSON result."""
    import json

    completed = subprocess.run(
        [sys.executable, "-m", "tests.bench.loadgen", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"load generator failed: {completed.stderr[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def logged_problems(logs: list[Path], most: int = 3) -> list[str]:
    """What the servers' output reports as going wrong during a run (they log
    at warning level), at most `most` distinct problems, each with its count:
    a traceback as its exception and the last frame in the project's code,
    any other error line as it is."""
    counts: dict[str, int] = {}
    for log in logs:
        if not log.exists():
            continue
        for problem in _problems(log.read_text(encoding="utf-8", errors="replace")):
            counts[problem] = counts.get(problem, 0) + 1
    return [f"{text} (x{n})" for text, n in list(counts.items())[:most]]


def _problems(text: str) -> Iterator[str]:
    frame = None
    in_traceback = False
    for line in text.splitlines():
        if line.startswith("Traceback"):
            in_traceback, frame = True, None
        elif in_traceback and line[:1].isspace():
            stripped = line.strip()
            if stripped.startswith("File ") and "site-packages" not in stripped:
                frame = stripped.replace(f"{PROJECT_ROOT}{os.sep}", "")
        elif in_traceback and line.strip():
            in_traceback = False
            where = f" at {frame}" if frame else ""
            yield f"{line.strip()[:200]}{where[:200]}"
        elif any(mark in line for mark in ("ERROR", "Could not", "CRITICAL")):
            yield line.strip()[:200]
