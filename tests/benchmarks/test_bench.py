"""``make bench`` smoke test: both systems measured in child processes, exit 0 whatever happens."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.bench import percentile


def test_percentile_nearest_rank() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 95) == 5.0
    assert percentile(values, 0) == 1.0
    assert percentile([7.0], 95) == 7.0
    assert percentile(list(range(1, 101)), 95) == 95


def test_bench_measures_both_systems(tmp_path: Path, run_benchmark: Any) -> None:
    out_json = tmp_path / "bench.json"
    proc = run_benchmark(
        "bench",
        "--n",
        "4",
        "--corpus",
        "generated",
        "--latency",
        "2",
        "--rounds",
        "1",
        "--json",
        str(out_json),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| throughput (notes/s) |" in proc.stdout
    assert "| peak RSS (MiB) |" in proc.stdout
    assert "| corpus | redactphi notes/s |" in proc.stdout  # the ratio table
    (results,) = json.loads(out_json.read_text(encoding="utf-8")).values()
    for system in ("redactphi", "vanilla"):
        res = results[system]
        assert "error" not in res, res
        assert res["notes"] == 4 and res["notes_per_s"] > 0 and res["peak_rss_mib"] > 50
        assert res["cpu_s"] > 0 and res["rounds"] == 1
        assert res["latency_notes"] == 2 and res["latency_p95_ms"] >= res["latency_p50_ms"]


def test_a_crashing_child_reports_instead_of_failing(tmp_path: Path, run_benchmark: Any) -> None:
    proc = run_benchmark(
        "bench", "--child", "vanilla", "--notes-file", str(tmp_path / "none.json"), timeout=120
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {
        "system": "vanilla",
        "error": "FileNotFoundError",
    }
