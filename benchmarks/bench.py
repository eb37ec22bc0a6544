"""``make bench``: throughput, latency, load time and peak memory of redactphi vs vanilla Presidio.

    python -m benchmarks.bench [--corpus all] [--n 200] [--seed 7] [--latency 50] [--rounds 2]

Both systems analyse the same notes in the same run, each in its own child process so their
memory figures do not pollute each other, in alternating rounds (redactphi, vanilla, vanilla,
redactphi ...) so that a change in the machine's load falls on both; the best round counts. Each
corpus (the generated op notes, and physionet-dev when it is present) gets its own table and a
line in the ratio table. CPU seconds are reported beside wall seconds: on a shared machine the
CPU ratio is the steadier of the two. Benchmarks report; they never fail: the exit status is 0
even when a system is slow or crashes (the crash is reported).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.children import REPO_ROOT, child_env

SYSTEMS = ("redactphi", "vanilla")
LABEL = {"redactphi": "redactphi", "vanilla": "vanilla Presidio"}
CHILD_TIMEOUT_S = 900


def bench_notes(n: int, seed: int | None = None) -> list[str]:
    """The texts every benchmark runs on: the first ``n`` generated notes."""
    # Imported here: a measuring child must not pay for (or hold) the generator's imports.
    from benchmarks.corpus import DEFAULT_SEED, generate_corpus

    return [note["text"] for note in generate_corpus(n, DEFAULT_SEED if seed is None else seed)]


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB, macOS in bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mib() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return float(psutil.Process().memory_info().rss) / (1024 * 1024)


def load_average() -> str:
    """The machine's load, printed with the figures: other work on the machine skews them."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f"Load average {one:.2f} (1 min), {five:.2f} (5 min)."


# -- the child: one system, one process ------------------------------------------------------


def measure(system: str, notes: list[str], latency_notes: int, repeat: int) -> dict[str, Any]:
    chars = sum(len(t) for t in notes)
    rss_start = current_rss_mib()
    t0 = time.perf_counter()
    # Import and build inside the timed region: each child starts cold.
    engine: Any
    if system == "redactphi":
        from redactphi import Redactor

        t1 = time.perf_counter()
        engine = Redactor()
    else:
        from benchmarks.vanilla import VanillaPresidio

        t1 = time.perf_counter()
        engine = VanillaPresidio()
    t2 = time.perf_counter()

    # Both engines expose analyze(text) and analyze_many(texts) -> one list per text.
    def batch(texts: list[str]) -> int:
        return sum(len(found) for found in engine.analyze_many(texts))

    def single(text: str) -> int:
        return len(engine.analyze(text))

    rss_loaded = current_rss_mib()
    single(notes[0])  # warm-up: first-call caches stay out of the timings
    runs = []
    cpu_runs = []
    findings = 0
    for _ in range(max(1, repeat)):
        started, cpu_started = time.perf_counter(), time.process_time()
        findings = batch(notes)
        runs.append(time.perf_counter() - started)
        cpu_runs.append(time.process_time() - cpu_started)
    best = min(runs)
    latencies = []
    for text in notes[: max(1, latency_notes)]:
        started = time.perf_counter()
        single(text)
        latencies.append(time.perf_counter() - started)
    return {
        "system": system,
        "notes": len(notes),
        "chars": chars,
        "import_s": t1 - t0,
        "load_s": t2 - t1,
        "batch_runs_s": runs,
        "batch_s": best,
        "cpu_s": min(cpu_runs),
        "cpu_ms_per_note": 1000 * min(cpu_runs) / len(notes),
        "notes_per_s": len(notes) / best,
        "chars_per_s": chars / best,
        "latency_notes": len(latencies),
        "latency_mean_ms": 1000 * sum(latencies) / len(latencies),
        "latency_p50_ms": 1000 * percentile(latencies, 50),
        "latency_p95_ms": 1000 * percentile(latencies, 95),
        "findings": findings,
        "rss_start_mib": rss_start,
        "rss_loaded_mib": rss_loaded,
        "peak_rss_mib": peak_rss_mib(),
    }


def child_main(args: argparse.Namespace) -> int:
    try:
        notes = json.loads(Path(args.notes_file).read_text(encoding="utf-8"))
        result = measure(args.child, notes, args.latency, args.repeat)
    except Exception as exc:  # report, never fail; the class name only (no note text)
        result = {"system": args.child, "error": exc.__class__.__name__}
    print(json.dumps(result))
    return 0


def run_child(system: str, notes_file: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Measure one system in a fresh interpreter that imports only what that system needs."""
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.bench",
        "--child",
        system,
        "--notes-file",
        str(notes_file),
        "--latency",
        str(args.latency),
        "--repeat",
        str(args.repeat),
    ]
    try:
        proc = subprocess.run(
            cmd,
            cwd=REPO_ROOT,
            env=child_env(),
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"system": system, "error": f"timed out after {CHILD_TIMEOUT_S} s"}
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"system": system, "error": f"child exited {proc.returncode} without a result"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# -- the parent: run both, print the table ---------------------------------------------------


def fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}"


def table(results: dict[str, dict[str, Any]]) -> str:
    rp, vp = results.get("redactphi", {}), results.get("vanilla", {})
    rows: list[tuple[str, str, int]] = [
        ("throughput (notes/s)", "notes_per_s", 1),
        ("throughput (chars/s)", "chars_per_s", 0),
        ("batch time, best run (s)", "batch_s", 2),
        ("CPU per note, best run (ms)", "cpu_ms_per_note", 1),
        ("latency mean, one note (ms)", "latency_mean_ms", 1),
        ("latency p50, one note (ms)", "latency_p50_ms", 1),
        ("latency p95, one note (ms)", "latency_p95_ms", 1),
        ("model load (s)", "load_s", 2),
        ("imports (s)", "import_s", 2),
        ("RSS after load (MiB)", "rss_loaded_mib", 0),
        ("peak RSS (MiB)", "peak_rss_mib", 0),
    ]
    lines = [
        "| measure | redactphi | vanilla Presidio | ratio rp/vp |",
        "|---|---:|---:|---:|",
    ]
    for label, key, digits in rows:
        a, b = rp.get(key), vp.get(key)
        lines.append(f"| {label} | {fmt(a, digits)} | {fmt(b, digits)} | {ratio(a, b)} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--corpus",
        choices=("generated", "physionet", "all"),
        default="all",
        help="notes to run on (default %(default)s: physionet-dev too when present)",
    )
    parser.add_argument("--n", type=int, default=200, help="generated notes (default %(default)s)")
    parser.add_argument(
        "--physionet-n", type=int, default=300, help="physionet-dev notes (default %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=None, help="generator seed (default 7)")
    parser.add_argument("--latency", type=int, default=50, help="notes timed one by one")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds; the best counts")
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, metavar="FILE", help="write machine-readable results")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--notes-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child_main(args)
    try:
        return parent_main(args)
    except Exception as exc:  # a benchmark reports; it never fails the run
        print(f"benchmark failed: {exc.__class__.__name__}", file=sys.stderr)
        return 0


def corpora(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """(label, notes) for each corpus asked for; physionet-dev only where its file lies."""
    from benchmarks.corpus import DEFAULT_SEED

    out: list[tuple[str, list[str]]] = []
    if args.corpus in ("generated", "all"):
        seed = DEFAULT_SEED if args.seed is None else args.seed
        out.append((f"generated op notes (seed {seed})", bench_notes(max(1, args.n), seed)))
    if args.corpus in ("physionet", "all"):
        from benchmarks.eval import load_physionet, physionet_path

        path = physionet_path()
        if path.is_file():
            docs = load_physionet(path)[: max(1, args.physionet_n)]
            out.append(("physionet-dev ICU notes", [d["text"] for d in docs]))
        else:
            print(f"> physionet-dev: SKIPPED, {path} not found\n")
    return out


def best_of(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest round's figures, with the best CPU time and the highest peak memory."""
    ok = [r for r in rounds if "error" not in r]
    if not ok:
        return rounds[-1]
    best = dict(min(ok, key=lambda r: r["batch_s"]))
    best["cpu_s"] = min(r["cpu_s"] for r in ok)
    best["cpu_ms_per_note"] = min(r["cpu_ms_per_note"] for r in ok)
    best["peak_rss_mib"] = max(r["peak_rss_mib"] for r in ok)
    best["rounds"] = len(ok)
    return best


def run_corpus(notes: list[str], args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    rounds: dict[str, list[dict[str, Any]]] = {system: [] for system in SYSTEMS}
    with tempfile.TemporaryDirectory(prefix="redactphi-bench-") as tmp:
        notes_file = Path(tmp) / "notes.json"
        notes_file.write_text(json.dumps(notes), encoding="utf-8")
        for k in range(max(1, args.rounds)):
            order = SYSTEMS if k % 2 == 0 else tuple(reversed(SYSTEMS))
            for system in order:
                print(f"... round {k + 1}: {LABEL[system]}", file=sys.stderr, flush=True)
                rounds[system].append(run_child(system, notes_file, args))
    return {system: best_of(found) for system, found in rounds.items()}


def parent_main(args: argparse.Namespace) -> int:
    print("# redactphi benchmark\n")
    print(
        f"batch = analyze_many over all notes; latency = analyze() on up to {args.latency} notes "
        f"one at a time; {max(1, args.rounds)} alternating rounds per system, the best counts. "
        f"Each system runs in its own process; {os.cpu_count()} CPUs. {load_average()}\n"
    )
    started = time.perf_counter()
    summary: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    every: dict[str, Any] = {}
    for label, notes in corpora(args):
        chars = sum(len(t) for t in notes)
        print(f"## {label}: {len(notes)} notes, {chars:,} chars, mean {chars // len(notes):,}\n")
        results = run_corpus(notes, args)
        every[label] = results
        print(table(results))
        for system, res in results.items():
            if "error" in res:
                print(f"\n{LABEL[system]}: FAILED ({res['error']})")
        print()
        summary.append((label, results["redactphi"], results["vanilla"]))
    print("## Throughput ratio, redactphi / vanilla Presidio\n")
    print(
        "| corpus | redactphi notes/s | vanilla notes/s | ratio (wall) | ratio (CPU) "
        "| peak RSS ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for label, rp, vp in summary:
        print(
            f"| {label} | {fmt(rp.get('notes_per_s'))} | {fmt(vp.get('notes_per_s'))} | "
            f"{ratio(rp.get('notes_per_s'), vp.get('notes_per_s'))} | "
            f"{ratio(vp.get('cpu_s'), rp.get('cpu_s'))} | "
            f"{ratio(rp.get('peak_rss_mib'), vp.get('peak_rss_mib'))} |"
        )
    print(f"\nTotal wall time {time.perf_counter() - started:.1f} s. {load_average()}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(every, indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
