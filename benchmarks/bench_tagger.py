"""What the learned layer costs: the Redactor with the tagger against the same without it.

    python -m benchmarks.bench_tagger [--n 120] [--repeat 3]

Both Redactors run in this process on the same generated notes, alternating rounds so that
load from other processes falls on both alike. Reported as a ratio and as milliseconds added
per note (the CRF's own share measured on the NLP artifacts the engine already made).
"""

from __future__ import annotations

import argparse
import time

from benchmarks.bench import bench_notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_tagger")
    parser.add_argument("--n", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from redactphi import Redactor
    from redactphi.recognizers.tagger import ClinicalTaggerRecognizer

    notes = bench_notes(args.n)
    with_tagger, without = Redactor(tagger=True), Redactor(tagger=False)
    timings = {"on": float("inf"), "off": float("inf")}
    for _ in range(args.repeat):
        for key, redactor in (("on", with_tagger), ("off", without)):
            started = time.perf_counter()
            for _ in redactor.analyze_many(notes):
                pass
            timings[key] = min(timings[key], time.perf_counter() - started)

    # The recognizer alone, on artifacts made once (its own cost, without the rules').
    engine = with_tagger._nlp_engine
    artifacts = [a for _, a in engine.process_batch(notes, "en")]
    recognizer = ClinicalTaggerRecognizer()
    alone = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text, arts in zip(notes, artifacts, strict=True):
            recognizer.analyze(text, [], arts)
        alone = min(alone, time.perf_counter() - started)

    n = len(notes)
    chars = sum(len(t) for t in notes) / n
    print(f"# tagger cost on {n} generated notes (mean {chars:.0f} chars), best of {args.repeat}\n")
    print("| measure | value |\n|---|---:|")
    print(f"| Redactor, tagger on, ms/note | {1000 * timings['on'] / n:.1f} |")
    print(f"| Redactor, tagger off, ms/note | {1000 * timings['off'] / n:.1f} |")
    print(f"| throughput ratio on/off | {timings['off'] / timings['on']:.2f} |")
    print(f"| tagger recognizer alone, ms/note | {1000 * alone / n:.1f} |")
    print(f"| tagger share of the on run | {100 * alone / timings['on']:.0f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
