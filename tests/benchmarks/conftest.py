"""Make the repository's ``benchmarks`` package importable however pytest is started, and hand
the tests two ways to run a benchmark module: as its own command, or its ``main`` in this
process."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

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


@pytest.fixture(name="run_benchmark_main")
def run_benchmark_main_fixture(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> RunBenchmark:
    """``benchmarks.<module>.main(args)`` in this process, what it prints captured, as a
    CompletedProcess. ``python -m`` runs the same function; here the model this process has
    loaded is reused (a fresh interpreter spends about 7 s of CPU loading it again).

    ``env`` is set for the call. ``main`` runs in a thread of its own (an earlier test in this
    process, the browser's sync API, may have left an event loop running in this one) unless
    ``main_thread`` asks for this one (signal handlers can only be set here)."""

    def run(
        module: str, *args: str, env: dict[str, str] | None = None, main_thread: bool = False
    ) -> Any:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        main = importlib.import_module(f"benchmarks.{module}").main
        capsys.readouterr()  # only what main prints
        if main_thread:
            code = main(list(args))
        else:
            with ThreadPoolExecutor(1) as pool:
                code = pool.submit(main, list(args)).result()
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess([f"benchmarks.{module}", *args], code, out, err)

    return run
