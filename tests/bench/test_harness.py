"""The benchmark harness must keep working: run its quickest mode as CI does."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.corpus import HOSTILE
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


def test_quick_run_measures_the_sanitiser_and_a_page(tmp_path):
    text = _quick_run(tmp_path, "sanitiser,pages")
    assert "## Sanitiser: bleach vs nh3" in text
    assert re.search(r"\| story part \| 1 \| [\d,.]+ \| [\d,.]+ \| [\d,.]+x \|", text)
    assert "| bleach | 46 | 46 |" in text
    assert "## Pages" in text
    # The baseline and the home page were served and measured, with query counts.
    assert re.search(r"\| uvicorn \| baseline view \| 200 \| [\d,.]+ \|", text)
    assert re.search(r"\| uvicorn \| home page \| 200 \| [\d,.]+ \|", text)
    assert "(failed)" not in text


@pytest.mark.parametrize("sample", HOSTILE[:6], ids=lambda s: s.html[:20])
def test_the_safety_check_catches_unsafe_output(sample):
    """The cross-check itself can fail: raw hostile input is reported as unsafe."""
    assert unsafe_reasons(sample.html, sample.profile)
