"""``benchmarks.bench_service``: the sweep runs end to end in a tiny mode and prints its tables.

No timing is asserted: the machine is shared and the figures are the owner's to read.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench_service import (
    _seed_list,
    latency_table,
    mean_interval,
    merge_samples,
    overhead_verdict,
    scaling_table,
    seeded_figures,
    t95,
)


def _cell(clients: int, workers: int, rps: float, statuses: dict[str, int]) -> dict[str, object]:
    requests = sum(statuses.values())
    return {
        "clients": clients,
        "workers": workers,
        "requests_per_s": rps,
        "p50_ms": 100.0,
        "p99_ms": 200.0,
        "requests": requests,
        "errors": requests - statuses.get("200", 0),
        "statuses": statuses,
    }


def test_scaling_table_relates_each_cell_to_one_worker() -> None:
    cells = [
        _cell(4, 1, 10.0, {"200": 100}),
        _cell(4, 2, 18.0, {"200": 170, "503": 3, "ReadTimeout": 1}),
        {"clients": 16, "workers": 2, "error": "server exited with 1"},
    ]
    text = "\n".join(scaling_table(cells, 2))
    assert "| clients | workers | requests/s | × of 1 worker |" in text
    assert "| 4 | 2 | 18.0 | 1.80 |" in text
    assert "503: 3, ReadTimeout: 1" in text
    assert "server exited with 1" in text


def test_latency_table_says_whether_the_targets_are_met() -> None:
    row = {"n": 10, "p50_ms": 90.0, "p95_ms": 95.0, "p99_ms": 99.0, "mean_ms": 90.0}
    slower = {**row, "p99_ms": 120.0, "mean_ms": 99.0}
    met = "\n".join(
        latency_table(
            {"library": row, "service": row, "overhead_pct": 0.0, "statuses": {"200": 10}}, 3000
        )
    )
    assert "target p99 < 100 ms: met" in met and "target overhead < 5%: met" in met
    missed = "\n".join(
        latency_table(
            {
                "library": {**row, "least_p99_ms": 80.0, "least_notes": 10},
                "service": {**slower, "least_p99_ms": 91.5, "least_notes": 10},
                "rounds_per_note": 4.0,
                "overhead_pct": 10.0,
                "paired_median_ms": 4.0,
                "paired_median_pct": 4.4,
                "least_overhead_ms": 2.5,
                "least_overhead_pct": 3.1,
                "probe": {"n": 30, "p50_ms": 10.0, "p99_ms": 15.0},
                "statuses": {"200": 9, "504": 1},
            },
            3000,
        )
    )
    assert "target p99 < 100 ms: not met" in missed and "target overhead < 5%: not met" in missed
    assert "504: 1" in missed
    assert "service minus library on the same note, median: 4.0 ms (4.4% of" in missed
    assert "service minus library" not in met  # older figures without the paired times still print
    assert (
        "each note's least time over its 4 rounds on average, p99: library 80.0 ms, service 91.5 ms"
    ) in missed
    assert "each note's least time, median: 2.5 ms (3.1% of" in missed
    assert "least time" not in met
    assert "timed 30 times between rounds: p50 10.0 ms, p99 15.0 ms (p99/p50 1.50" in missed
    assert "machine probe" not in met


def test_the_sweep_prints_both_tables(tmp_path: Path, run_benchmark_main: Any) -> None:
    # Its main in this process; the server is the real serve command, with the library timed
    # inside it.
    out_json = tmp_path / "service.json"
    proc = run_benchmark_main(
        "bench_service",
        "--seconds",
        "0.5",
        "--latency-seconds",
        "0.5",
        "--clients",
        "2",
        "--workers",
        "1",
        "--notes",
        "3",
        "--hash-seeds",
        "7",
        "--json",
        str(out_json),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| library, `Redactor.redact` in the server |" in proc.stdout
    assert "| service, `POST /v1/redact` |" in proc.stdout
    assert "service overhead:" in proc.stdout and "target p99 < 100 ms:" in proc.stdout
    assert "service minus library on the same note, median:" in proc.stdout
    assert "each note's least time over its" in proc.stdout  # 5 notes a round over 3 notes
    assert "| clients | workers | requests/s | × of 1 worker |" in proc.stdout
    figures = json.loads(out_json.read_text(encoding="utf-8"))
    assert figures["latency"]["library"]["n"] >= 1 and figures["latency"]["service"]["n"] >= 1
    assert isinstance(figures["latency"]["paired_median_ms"], float)
    # The latency run came from a server under hash seed 7, and says so.
    assert "under one PYTHONHASHSEED" in proc.stdout and "\n| 7 | " in proc.stdout
    assert figures["latency"]["by_seed"]["7"]["library"]["n"] == figures["latency"]["library"]["n"]
    assert figures["latency"]["library"]["least_notes"] >= 2
    assert "service minus library, each note's least time, median:" in proc.stdout
    assert isinstance(figures["latency"]["least_overhead_ms"], float)
    assert "machine probe, a fixed pure-Python loop timed" in proc.stdout
    assert figures["latency"]["probe"]["n"] >= 3 and figures["latency"]["probe"]["p50_ms"] > 0
    (cell,) = figures["cells"]
    assert (cell["clients"], cell["workers"]) == (2, 1) and cell["requests"] >= 1


def _samples(library: list[float], service: list[float], seen_service: list[float]) -> Any:
    return {
        "library": library,
        "service": service,
        "paired": [s - lib for s, lib in zip(service, library, strict=True)],
        "seen": {"library": {"0": library}, "service": {"0": seen_service}},
        "probes": [0.01],
        "statuses": {"200": len(service)},
        "cpu": {"library": sum(library), "service": sum(service)},
    }


def test_runs_under_several_seeds_pool_their_samples_note_by_note() -> None:
    merged = merge_samples(
        [_samples([0.05, 0.06], [0.052, 0.061], [0.052, 0.061]), _samples([0.04], [0.043], [0.043])]
    )
    assert merged["library"] == [0.05, 0.06, 0.04] and merged["statuses"] == {"200": 3}
    # JSON gave the note ids as strings; pooled they are one note with all three times.
    assert merged["seen"]["service"] == {0: [0.052, 0.061, 0.043]}
    assert abs(merged["cpu"]["library"] - 0.15) < 1e-12


def test_the_latency_table_shows_each_seed_when_runs_had_seeds() -> None:
    row = {"n": 10, "p50_ms": 50.0, "p95_ms": 55.0, "p99_ms": 60.0, "mean_ms": 50.0, "cpu_ms": 49.0}
    per_seed = {
        "library": row,
        "service": {**row, "mean_ms": 52.0, "cpu_ms": 51.0},
        "overhead_pct": 4.0,
        "paired_median_ms": 1.5,
        "paired_median_pct": 3.0,
    }
    lat = {**per_seed, "statuses": {"200": 20}, "by_seed": {"1": per_seed, "2": per_seed}}
    text = "\n".join(latency_table(lat, 3000))
    assert "All 2 runs pooled" in text
    assert "| 1 | 50.0 | 52.0 | 4.0% | 1.5 ms (3.0%) | 49.0 | 51.0 |" in text
    assert "| 2 | 50.0 | 52.0 |" in text


def test_the_mean_over_runs_has_a_student_t_interval() -> None:
    two = mean_interval([4.0, 6.0])  # stdev sqrt(2), standard error 1, t(1) = 12.706
    assert two["n"] == 2 and two["mean"] == pytest.approx(5.0)
    assert (two["low"], two["high"]) == (pytest.approx(5.0 - 12.706), pytest.approx(5.0 + 12.706))
    six = mean_interval([4.0, 4.5, 5.0, 5.0, 5.5, 6.0])
    assert six["high"] - six["mean"] == pytest.approx(2.571 * 0.7071 / 6**0.5, rel=1e-3)
    one = mean_interval([4.0])
    assert one["mean"] == 4.0 and one["high"] == float("inf")
    # Between tabled degrees of freedom the wider one below is used; past 30, the normal's.
    assert (t95(5), t95(13), t95(29), t95(31)) == (2.571, 2.179, 2.086, 1.96)


@pytest.mark.parametrize(
    ("overhead", "runs", "verdict"),
    [
        (4.0, {"n": 6, "mean": 4.0, "low": 3.1, "high": 4.9}, "met (runs' interval 3.1% to 4.9%)"),
        (6.0, {"n": 6, "mean": 6.0, "low": 5.0, "high": 7.0}, "not met (runs' interval"),
        (4.0, {"n": 6, "mean": 4.0, "low": 2.0, "high": 6.0}, "not settled: the runs' interval"),
        (6.0, {"n": 6, "mean": 4.5, "low": 4.1, "high": 5.2}, "not settled"),
        (4.0, None, "met (4.0%)"),  # one run: its own figure
        (5.0, None, "not met (5.0%)"),
        (4.0, {"n": 1, "mean": 4.0, "low": -1.0, "high": 9.0}, "met (4.0%)"),
    ],
)
def test_the_overhead_target_is_met_only_when_the_whole_interval_is_under_it(
    overhead: float, runs: dict[str, float] | None, verdict: str
) -> None:
    assert overhead_verdict(overhead, runs).startswith(verdict)


def test_runs_under_several_seeds_give_each_server_process_one_vote() -> None:
    # Two runs of two rounds each: 10% and 2% over the library (the second run twice as long).
    runs = {
        1: _samples([0.050, 0.050], [0.055, 0.055], [0.055, 0.055]),
        2: _samples([0.050] * 4, [0.051] * 4, [0.051] * 4),
    }
    figures = seeded_figures(runs)
    assert set(figures["by_seed"]) == {"1", "2"}
    assert figures["by_seed"]["1"]["overhead_pct"] == pytest.approx(10.0)
    assert figures["overhead_pct"] == pytest.approx(4.667, abs=1e-3)  # pooled: sample-weighted
    assert figures["runs"]["n"] == 2 and figures["runs"]["mean"] == pytest.approx(6.0)
    assert "runs" not in seeded_figures({1: runs[1]})


def test_the_latency_table_gives_the_runs_mean_and_interval() -> None:
    row = {"n": 10, "p50_ms": 50.0, "p95_ms": 55.0, "p99_ms": 60.0, "mean_ms": 50.0}
    lat = {
        "library": row,
        "service": {**row, "mean_ms": 53.0},
        "overhead_pct": 6.0,
        "statuses": {"200": 10},
        "runs": {"n": 6, "mean": 5.8, "low": 4.2, "high": 7.4},
    }
    text = "\n".join(latency_table(lat, 3000))
    assert "across the 6 runs: mean 5.8%, 95% interval 4.2% to 7.4%" in text
    assert "target overhead < 5%: not settled: the runs' interval, 4.2% to 7.4%, spans 5%" in text


@pytest.mark.parametrize(
    ("value", "seeds"),
    [("1,2,3", [1, 2, 3]), ("1-6", [1, 2, 3, 4, 5, 6]), ("2-3, 9", [2, 3, 9]), ("none", [])],
)
def test_hash_seeds_take_lists_and_ranges(value: str, seeds: list[int]) -> None:
    assert _seed_list(value) == seeds


@pytest.mark.parametrize("value", ["a", "1-", "-1", "1,x", "4294967296"])
def test_hash_seeds_refuse_what_is_not_a_seed(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        _seed_list(value)
