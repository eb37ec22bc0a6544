"""Spark throughput beside the CLI's: the same generated notes, at the same parallelism.

    python -m benchmarks.bench_spark [--notes 2000] [--cores 1 2] [--json]

For each core count N: ``redactphi redact --workers N`` (via benchmarks.bench_cli, whose notes/s
excludes start-up and model loading) and ``redact_dataframe`` in ``local[N]``, in a child
process. The Spark child first runs a small warm-up job so that every Python worker has loaded
its Redactor, then times one job over all the notes read from a JSONL file (written to Spark's
no-op sink): notes/s without JVM start-up or model loading, as for the CLI. Wall time with
start-up is shown too. The issue's target: Spark's notes/s within 25% of the CLI's at the same
parallelism (ratio >= 0.75). Benchmarks report; they never fail.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_cli import generate_notes
from benchmarks.bench_cli import run as run_cli
from benchmarks.children import child_env

TARGET_RATIO = 0.75
CHILD_TIMEOUT_S = 1800


def child(master: str, notes_file: Path) -> dict[str, Any]:
    """In a fresh process: start Spark, warm the workers, time one job over the notes."""
    started = time.perf_counter()
    from redactphi.spark import JobMetrics, local_session, redact_dataframe

    spark = local_session(master, app_name="redactphi-bench")
    spark.sparkContext.setLogLevel("ERROR")
    cores = spark.sparkContext.defaultParallelism
    df = spark.read.json(str(notes_file)).cache()
    total = df.count()
    warm = df.limit(4 * cores)
    redact_dataframe(warm, partitions=2 * cores).write.format("noop").mode("overwrite").save()
    metrics = JobMetrics(spark)
    t0 = time.perf_counter()
    redact_dataframe(df, metrics=metrics).write.format("noop").mode("overwrite").save()
    seconds = time.perf_counter() - t0
    wall = time.perf_counter() - started
    spark.stop()
    counts = metrics.as_dict()
    return {
        "runner": f"Spark {master}",
        "cores": cores,
        "notes": total,
        "notes_per_second": round(total / seconds, 2),
        "processing_seconds": round(seconds, 2),
        "wall_seconds": round(wall, 2),
        "errors": counts["errors"],
        "redactors_built": counts["redactors_built"],
    }


def run_spark(master: str, notes_file: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bench_spark", "--child", master]
    command += ["--notes-file", str(notes_file)]
    proc = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=child_env(),
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"runner": f"Spark {master}", "error": f"exit {proc.returncode}"}
    return dict(json.loads(lines[-1]))


def run(n_notes: int, cores: tuple[int, ...]) -> dict[str, Any]:
    notes = generate_notes(n_notes)
    cli = run_cli(n_notes, cores)["runs"]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="redactphi-bench-spark-") as tmp:
        notes_file = Path(tmp) / "notes.jsonl"
        with notes_file.open("w", encoding="utf-8") as fh:
            for i, (_, text) in enumerate(notes):
                fh.write(json.dumps({"id": f"n{i:05d}", "text": text}) + "\n")
        for n, cli_row in zip(cores, cli, strict=True):
            rows.append({"runner": "CLI", **cli_row, "cores": n})
            spark_row = run_spark(f"local[{n}]", notes_file)
            if "notes_per_second" in spark_row and cli_row["notes_per_second"]:
                spark_row["ratio"] = round(
                    spark_row["notes_per_second"] / cli_row["notes_per_second"], 2
                )
            rows.append(spark_row)
    return {"notes": n_notes, "chars": sum(len(t) for _, t in notes), "runs": rows}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--notes-file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.notes_file)))
        return
    result = run(args.notes, tuple(args.cores))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"Spark vs CLI: {result['notes']} op notes, {result['chars']} characters")
    print(f"{'runner':<16} {'cores':>5} {'notes/s':>9} {'vs CLI':>7} {'wall s':>8}")
    ratios = []
    for row in result["runs"]:
        if "error" in row:
            print(f"{row['runner']:<16} failed ({row['error']})")
            continue
        ratio = row.get("ratio")
        if ratio is not None:
            ratios.append(ratio)
        shown = f"{ratio:.2f}x" if ratio is not None else "-"
        print(
            f"{row['runner']:<16} {row['cores']:>5} {row['notes_per_second']:>9.1f} "
            f"{shown:>7} {row['wall_seconds']:>8.1f}"
        )
    verdict = "met" if ratios and min(ratios) >= TARGET_RATIO else "NOT met"
    print(f"target: Spark notes/s >= {TARGET_RATIO}x the CLI's at the same cores: {verdict}")


if __name__ == "__main__":
    main()
