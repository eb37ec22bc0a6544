"""Make the repository's ``benchmarks`` package importable however pytest is started, and hand
the tests one way to run a benchmark module as its own command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

RunBenchmark = Callable[..., subprocess.CompletedProcess[str]]


def run_benchmark(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """``python -m benchmarks.<module> <args>`` from the repository root, output captured.

    ``env`` adds variables to this process's environment. The exit status is the caller's to
    check (some runs are meant to fail)."""
    return subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args],
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(name="run_benchmark")
def run_benchmark_fixture() -> RunBenchmark:
    # Test modules are imported in importlib mode: helpers reach them through fixtures.
    return run_benchmark
