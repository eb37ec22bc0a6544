"""Write the generated corpus as JSON Lines: ``python -m benchmarks.corpus.generate --out FILE``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.corpus import DEFAULT_N, DEFAULT_SEED, generate_corpus, summarize


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.corpus.generate", description=__doc__
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="JSONL file to write ('-' for stdout)"
    )
    parser.add_argument(
        "--n", type=int, default=DEFAULT_N, help="number of notes (default %(default)s)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed (default %(default)s)")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("--n must be >= 0")
    notes = generate_corpus(args.n, args.seed)
    lines = "".join(json.dumps(note, ensure_ascii=False) + "\n" for note in notes)
    if str(args.out) == "-":
        sys.stdout.write(lines)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(lines, encoding="utf-8")
    counts = summarize(notes)
    print(
        f"{len(notes)} notes, {sum(counts['category'].values())} PHI spans, "
        f"{sum(counts['keep'].values())} keep spans -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
