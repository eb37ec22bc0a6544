"""``benchmarks/bench_growth.py`` runs and reports; no timing is asserted here."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.bench_growth import (
    FAMILIES,
    Cell,
    build_stages,
    doubling_verdict,
    format_recheck,
    growth,
    recheck,
    run_family,
    verdict,
)


def test_every_family_builds_text_of_the_asked_size() -> None:
    for name, (_, build) in FAMILIES.items():
        for size in (3000, 9000):
            text = build(size)
            assert isinstance(text, str) and text, name
            assert size <= len(text) <= size + 2000, (name, size, len(text))


def test_growth_and_verdict() -> None:
    sizes = (10.0, 100.0, 1000.0)
    linear = [Cell(0.01), Cell(0.1), Cell(1.0)]
    quadratic = [Cell(0.01), Cell(1.0), Cell(100.0)]
    assert growth(linear, sizes) == 1.0
    assert verdict(linear, sizes) == "ok"
    assert growth(quadratic, sizes) == 100.0
    assert verdict(quadratic, sizes) == "FAIL"
    assert verdict([Cell(0.01), Cell(None), Cell(None, skipped=True)], sizes) == "FAIL"
    assert verdict([Cell(0.01), Cell(None, error="ValueError"), Cell(None)], sizes) == "n/a"
    # A stage that skipped the small input (no cue in it) is measured from the next size ...
    skipped_small = [Cell(0.0001), Cell(0.01), Cell(0.1)]
    assert growth(skipped_small, sizes) == 1.0 and verdict(skipped_small, sizes) == "ok"
    assert verdict([Cell(0.0001), Cell(0.01), Cell(1.0)], sizes) == "FAIL"
    # ... and one that did too little below the largest size cannot be judged.
    assert verdict([Cell(0.0001), Cell(0.0002), Cell(0.2)], sizes) == "?"


def test_quick_run_prints_the_tables(tmp_path: Path, run_benchmark_main: Any) -> None:
    # Its main in this process (a fresh interpreter loads the model again); in the main
    # thread, where its per-call cap (a SIGALRM timer) can be set.
    out_json = tmp_path / "growth.json"
    families = "realistic,space_run,hyphen_chain"
    proc = run_benchmark_main(
        "bench_growth",
        "--quick",
        "--sizes",
        "0.5,1",
        "--families",
        families,
        "--notes",
        "2",
        "--json",
        str(out_json),
        main_thread=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = proc.stdout
    assert "| stage | ms/KB @ 0.5 KB | ms/KB @ 1 KB | growth | |" in out
    for family in families.split(","):
        assert f"### {family}:" in out
    for stage in ("spacy", "NameRecognizer", "names.headers.find", "Redactor.analyze"):
        assert f"| {stage} |" in out
    assert "## Mean cost per generated note (2 notes)" in out
    assert "linear: " in out  # "linear: N of M cells ..." or "not linear: ..."
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["sizes_kb"] == [0.5, 1.0]
    assert set(report["families"]) == set(families.split(","))
    cells = report["families"]["realistic"]["names.propagation"]
    assert len(cells["seconds"]) == 2 and cells["verdict"] in ("ok", "FAIL", "?")
    assert report["ms_per_note"]["Redactor.analyze"] > 0


def test_a_stage_over_the_limit_is_timed_again_at_twice_the_size(redactor: Any) -> None:
    # The recheck times the stage (and the spaCy doc it needs) at the size and twice it.
    logged: list[str] = []
    rows = recheck(
        redactor,
        build_stages(redactor),
        "capitalised",
        10,
        ["names.census.full_name"],
        cap=60,
        log=logged.append,
    )
    one, two, ratio = rows["names.census.full_name"]
    assert one.seconds and two.seconds and ratio is not None
    assert ratio == (two.seconds / 2) / one.seconds
    assert any("rechecking 1 stage(s) at 20 KB" in line for line in logged)
    table = format_recheck("capitalised", rows, 10)
    assert "| stage | ms/KB @ 10 KB | ms/KB @ 20 KB | doubling | |" in table
    assert f"| {doubling_verdict(rows['names.census.full_name'])} |" in table


def recheck_counted(
    redactor: Any, cost: Callable[[int], float]
) -> tuple[tuple[Cell, Cell, float | None], list[str]]:
    """``recheck`` of one added stage at 10 KB under a counted clock, not a timer (tests time
    nothing): the stage advances the clock by ``cost(len(text))``. Its row and the log."""
    ticks = [0.0]

    def stage(p: Any) -> int:
        ticks[0] += cost(len(p.text))
        return 0

    stages = {**build_stages(redactor), "counted": stage}
    logged: list[str] = []
    rows = recheck(
        redactor,
        stages,
        "capitalised",
        10,
        ["counted"],
        cap=60,
        log=logged.append,
        clock=lambda: ticks[0],
    )
    return rows["counted"], logged


def test_a_stage_still_rising_is_timed_a_second_round_and_fails(redactor: Any) -> None:
    # The stage costs the square of its input, so its ms/KB doubles with the size every round.
    row, logged = recheck_counted(redactor, lambda n: (n / 1e4) ** 2)
    one, two, ratio = row
    assert one.seconds and two.seconds
    assert ratio is not None and 1.9 < ratio < 2.2
    assert doubling_verdict(row) == "FAIL"
    assert any("rechecking 1 stage(s) at 20 KB again" in line for line in logged)


def test_a_stage_that_stops_rising_is_not_timed_again(redactor: Any) -> None:
    row, logged = recheck_counted(redactor, lambda n: n / 1e4)
    assert doubling_verdict(row) == "flat"
    assert not any("again" in line for line in logged)


def test_a_stage_reading_results_alone_gets_every_recognizers_results(redactor: Any) -> None:
    # ``--stages postprocess`` must time post-processing over the recognizers' results, not
    # over none; the recognizers run but are not reported.
    seen: list[int] = []
    stages = build_stages(redactor)
    postprocess = stages["postprocess"]

    def counting(p: Any) -> Any:
        seen.append(len(p.results))
        return postprocess(p)

    stages["postprocess"] = counting
    table = run_family(redactor, stages, "realistic", (3,), 60, {"postprocess"}, lambda _: None)
    assert set(table) == {"postprocess"}
    assert seen and min(seen) > 0


def test_doubling_verdict() -> None:
    assert doubling_verdict((Cell(1.0), Cell(2.1), 1.05)) == "flat"
    assert doubling_verdict((Cell(1.0), Cell(4.0), 2.0)) == "FAIL"  # quadratic
    assert doubling_verdict((Cell(1.0), Cell(None), None)) == "FAIL"  # over the cap
