"""``python -m benchmarks.heldout --summary`` or ``--out FILE``: the held-out notes (eval only)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from benchmarks.heldout import (
    DEFAULT_N,
    DEFAULT_SEED,
    generate_tagged,
    phenomenon_counts,
    summarize,
)


def _table(title: str, counts: Counter[str]) -> str:
    rows = [f"{title} ({sum(counts.values())})"]
    rows += [f"  {k:<24} {v:>6}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.heldout", description=__doc__)
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="notes (default %(default)s)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed (default %(default)s)")
    parser.add_argument("--out", type=Path, help="write JSON Lines here ('-' for stdout)")
    parser.add_argument("--summary", action="store_true", help="print counts per class")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be >= 0")
    if not args.out and not args.summary:
        parser.error("give --summary, --out FILE, or both")
    tagged = generate_tagged(args.n, args.seed)
    notes = [note for note, _ in tagged]
    if args.out:
        lines = "".join(json.dumps(n, ensure_ascii=False) + "\n" for n in notes)
        if str(args.out) == "-":
            sys.stdout.write(lines)
        else:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(lines, encoding="utf-8")
    if args.summary:
        counts = summarize(notes)
        # With --out -, stdout carries the notes; the summary goes to stderr.
        stream = sys.stderr if str(args.out) == "-" else sys.stdout
        print(f"held-out family: {len(notes)} notes, n={args.n}, seed={args.seed}", file=stream)
        for key in ("procedure", "style", "category", "type", "keep"):
            print(_table(key, counts[key]), file=stream)
        print(_table("phenomenon", phenomenon_counts(tagged)), file=stream)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
