"""``make train``: the PHI tagger, reproduced from a seed and written into the package.

    python -m benchmarks.tagger.train [--seed 13] [--copies 4] [--out DIR]
    python -m benchmarks.tagger.train --cv [--json FILE]   # cross-validation, folds 1-4
    python -m benchmarks.tagger.train --frozen             # the shipped model on fold 0

Training data: the physionet-dev development folds (never the frozen fold), each note with PHI
re-surrogated ``--copies`` times (no original PHI string is trained on), a share of the notes
without PHI as they are, and generated operative notes (seeds other than the evaluation's 7).
Cross-validation trains on three development folds and scores the fourth, the tagger alone and
joined with the rules; the threshold it chooses (best recall at the precision floor) goes into
the model card. ``--frozen`` prints aggregate figures only, never text or offsets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from benchmarks.corpus import DEFAULT_SEED, generate_corpus
from benchmarks.eval import gold_spans, load_physionet, physionet_path
from benchmarks.folds import DEVELOPMENT_FOLDS, FROZEN_FOLD, split
from benchmarks.score import OVERALL, Score, Span, Tally, score_document
from benchmarks.tagger.augment import Surrogates, resurrogate
from redactphi.tagger.card import CARD_FILE, MODEL_FILE, data_dir
from redactphi.tagger.features import Token, chunks, doc_tokens, is_upper_note, sequence_features
from redactphi.tagger.model import file_sha256

MODEL_VERSION = "1.0"
DEFAULT_TRAIN_SEED = 13
GENERATED_SEED_BASE = 1000  # generated training notes use seeds 1000+; evaluation uses 7
IGNORE = ("DateYear",)
# Chosen by `--cv`: best rules-and-tagger recall for at most 2 points of token precision.
DEFAULT_THRESHOLD = 0.6
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
CRF_PARAMS: dict[str, Any] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 120,
    "feature.possible_transitions": True,
    "feature.minfreq": 2,
}


def label_of(span: dict[str, Any]) -> str | None:
    """Tagger category of a gold span; YEAR (a bare year, kept) and OTHER are trained as O."""
    if span["type"] == "DateYear":
        return "YEAR"
    category = span.get("category")
    if category in ("NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION"):
        return str(category)
    return None


def training_docs(
    real: Sequence[dict[str, Any]], seed: int, copies: int, n_generated: int, plain: float
) -> list[dict[str, Any]]:
    surrogates = Surrogates(seed)
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []
    for doc in real:
        if doc["spans"]:
            out += [
                resurrogate(doc, surrogates, label_of, f"{doc['id']}#{k}") for k in range(copies)
            ]
        elif rng.random() < plain:
            out.append(doc)
    generated_seed = GENERATED_SEED_BASE + seed
    assert generated_seed != DEFAULT_SEED
    out += generate_corpus(n_generated, generated_seed)
    return out


def data_hash(docs: Iterable[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for doc in docs:
        spans = [(s["start"], s["end"], label_of(s)) for s in doc["spans"]]
        digest.update(json.dumps([doc["text"], spans]).encode("utf-8"))
    return digest.hexdigest()


def tokenizer() -> Any:
    import spacy

    from redactphi.config import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    return nlp.tokenizer  # the same tokenizer the engine's pipeline runs first


def token_labels(tokens: Sequence[Token], doc: dict[str, Any]) -> list[str]:
    owner: dict[int, tuple[int, str]] = {}
    for k, span in enumerate(doc["spans"]):
        label = label_of(span)
        if label is None or label == "YEAR":
            continue
        for c in range(span["start"], span["end"]):
            owner.setdefault(c, (k, label))
    labels: list[str] = []
    previous = -1
    for tok in tokens:
        hit = next((owner[c] for c in range(tok.start, tok.end) if c in owner), None)
        if hit is None:
            labels.append("O")
            previous = -1
        else:
            labels.append(("I-" if hit[0] == previous else "B-") + hit[1])
            previous = hit[0]
    return labels


def _quiet(*_args: Any) -> None:
    pass


class _Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
    """CRFsuite's trainer, reporting every 20th iteration to stderr and nothing else."""

    on_start = on_featgen_progress = on_featgen_end = on_prepared = _quiet
    on_optimization_end = on_end = on_prepare_error = _quiet

    def on_iteration(self, log: str, info: dict[str, Any]) -> None:
        if info.get("num", 0) % 20 == 0:
            _progress(f"iteration {info['num']}, loss {info.get('loss', 0):.0f}")


def train_model(
    docs: Sequence[dict[str, Any]], out: Path, tok: Any, iterations: int
) -> dict[str, Any]:
    trainer = _Trainer(verbose=True)
    n_tokens = 0
    for doc in docs:
        tokens = doc_tokens(tok(doc["text"]))
        labels = token_labels(tokens, doc)
        upper = is_upper_note(doc["text"])
        for begin, end in chunks(tokens):
            trainer.append(sequence_features(tokens[begin:end], upper), labels[begin:end])
        n_tokens += len(tokens)
    trainer.set_params({**CRF_PARAMS, "max_iterations": iterations})
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    trainer.train(str(out / MODEL_FILE))
    return {"notes": len(docs), "tokens": n_tokens, "seconds": time.perf_counter() - started}


def write_card(out: Path, **fields: Any) -> dict[str, Any]:
    card = {"version": MODEL_VERSION, **fields, "model_sha256": file_sha256(out / MODEL_FILE)}
    (out / CARD_FILE).write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", "utf-8")
    return card


# -- cross-validation ---------------------------------------------------------------------------


def _tagger_spans(
    text: str, tokens: Sequence[Token], probs: Sequence[tuple[str, float]], threshold: float
) -> list[Span]:
    """What the recognizer and the allow layer would let through, at ``threshold``."""
    from redactphi.allowlist import AllowList
    from redactphi.models import Finding, category_of
    from redactphi.recognizers.tagger import entity_type, keep_span, scored, trim
    from redactphi.tagger.model import spans_at

    allow = AllowList()
    out = []
    lower_note = text.islower()
    for span in spans_at(tokens, probs, threshold):
        span = trim(text, span, lower_note)
        if keep_span(text, span, lower_note):
            continue
        etype = entity_type(span.category, text[span.start : span.end])
        finding = Finding(span.start, span.end, etype, scored(span, threshold), "tagger", None)
        if not allow.keeps(text, finding):
            out.append(Span(span.start, span.end, etype, str(category_of(etype))))
    return out


def _rules_spans(docs: Sequence[dict[str, Any]]) -> dict[str, list[Span]]:
    from benchmarks.eval import redactphi_predictor
    from redactphi import Redactor

    predict = redactphi_predictor(Redactor(tagger=False))
    predicted, _errors = predict([d["text"] for d in docs])
    return {str(d["id"]): p for d, p in zip(docs, predicted, strict=True)}


def _score(docs: Sequence[dict[str, Any]], preds: dict[str, list[Span]]) -> Score:
    total = Score()
    for doc in docs:
        total += score_document(
            doc["text"], gold_spans(doc), preds[str(doc["id"])], ignore_types=IGNORE
        )
    return total


def _fold_probs(
    job: tuple[int, list[dict[str, Any]], argparse.Namespace],
) -> tuple[dict[str, Any], dict[str, tuple[list[Token], list[tuple[str, float]]]]]:
    """Train on the development folds but ``fold``; token probabilities on ``fold``."""
    from redactphi.tagger.model import PhiTagger

    fold, docs, args = job
    tok = tokenizer()
    # Folds are dealt over every patient of the corpus: split the whole corpus, never a part.
    train = split(docs, [f for f in DEVELOPMENT_FOLDS if f != fold])
    test = split(docs, [fold])
    docs = training_docs(train, args.seed, args.copies, args.generated, args.plain)
    _progress(f"fold {fold}: training on {len(docs)} notes")
    probs = {}
    with tempfile.TemporaryDirectory() as tmp:
        info = train_model(docs, Path(tmp), tok, args.iterations)
        write_card(Path(tmp), threshold=0.5)
        tagger = PhiTagger(Path(tmp))
        for doc in test:
            tokens = doc_tokens(tok(doc["text"]))
            probs[str(doc["id"])] = (tokens, tagger.token_probs(doc["text"], tokens))
    _progress(f"fold {fold}: done in {info['seconds']:.0f} s of training")
    return {"fold": fold, "test_notes": len(test), **info}, probs


def cross_validate(args: argparse.Namespace, docs: list[dict[str, Any]]) -> dict[str, Any]:
    import multiprocessing
    import pickle

    dev = split(docs, DEVELOPMENT_FOLDS)
    jobs = [(fold, docs, args) for fold in DEVELOPMENT_FOLDS]
    # Two folds at a time: the machine is shared; the rules run meanwhile in this process.
    with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
        pending = pool.map_async(_fold_probs, jobs)
        _progress(f"rules alone on {len(dev)} development notes")
        rules = _rules_spans(dev)
        done = pending.get()
    probs: dict[str, tuple[list[Token], list[tuple[str, float]]]] = {}
    folds_info = []
    for info, fold_probs in done:
        folds_info.append(info)
        probs.update(fold_probs)
    if args.save_probs:  # token probabilities of the development folds, for threshold studies
        args.save_probs.write_bytes(pickle.dumps((rules, probs)))
    rows: dict[str, Any] = {"rules": _score(dev, rules)}
    for thr in THRESHOLDS:
        alone = {
            i: _tagger_spans(d["text"], *probs[str(d["id"])], thr)
            for d in dev
            for i in [str(d["id"])]
        }
        union = {i: rules[i] + alone[i] for i in alone}
        rows[f"tagger@{thr}"] = _score(dev, alone)
        rows[f"union@{thr}"] = _score(dev, union)
    return {"rows": rows, "folds": folds_info}


def choose_threshold(rows: dict[str, Score], max_drop: float) -> float:
    """Best recall of rules and tagger together, giving up at most ``max_drop`` of the rules'
    token precision; the most precise threshold when none qualifies."""
    key = f"{OVERALL} w/o {'+'.join(IGNORE)}"

    def get(name: str) -> Tally:
        return rows[name].rows.get(key, Tally())

    floor = (get("rules").token_precision or 0) - max_drop
    ok = [t for t in THRESHOLDS if (get(f"union@{t}").token_precision or 0) >= floor]
    if not ok:
        return max(THRESHOLDS, key=lambda t: get(f"union@{t}").token_precision or 0)
    return max(ok, key=lambda t: (get(f"union@{t}").strict_recall or 0, t))


def cv_table(rows: dict[str, Score], names: Sequence[str]) -> str:
    cats = ("NAME", "DATE", "LOCATION", "CONTACT", "AGE", f"{OVERALL} w/o {'+'.join(IGNORE)}")
    head = "| system | " + " | ".join(f"{c} R" for c in cats) + " | token P | token R |"
    lines = [head, "|---|" + "---:|" * (len(cats) + 2)]
    for name in names:
        score = rows[name]
        cells = [name]
        for c in cats:
            t = score.rows.get(c, Tally())
            cells.append(_pct(t.strict_recall))
        total = score.rows.get(cats[-1], Tally())
        cells += [_pct(total.token_precision), _pct(total.token_recall)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


# -- frozen fold --------------------------------------------------------------------------------


def frozen(docs: list[dict[str, Any]], thresholds: Sequence[float]) -> str:
    """Aggregate figures of the shipped model on the frozen fold: no text, no offsets.

    Rules and tagger are joined by character coverage, which is what the engine's allow layer
    and merge produce (the merge only joins overlapping spans).
    """
    from redactphi.tagger.model import PhiTagger

    held = split(docs, [FROZEN_FOLD])
    rows: dict[str, Score] = {}
    rules = _rules_spans(held)
    rows["rules"] = _score(held, rules)
    tagger = PhiTagger()
    tok = tokenizer()
    probs = {}
    for d in held:
        tokens = doc_tokens(tok(d["text"]))
        probs[str(d["id"])] = (tokens, tagger.token_probs(d["text"], tokens))
    names = ["rules"]
    for thr in thresholds:
        alone = {i: _tagger_spans(d["text"], *probs[i], thr) for d in held for i in [str(d["id"])]}
        rows[f"tagger@{thr}"] = _score(held, alone)
        rows[f"union@{thr}"] = _score(held, {i: rules[i] + alone[i] for i in alone})
        names += [f"tagger@{thr}", f"union@{thr}"]
    return cv_table(rows, names)


# -- main ---------------------------------------------------------------------------------------


# ``make eval`` prints this file as the learned layer's cross-validated figures.
CV_FIGURES = Path(__file__).with_name("cv_figures.md")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.tagger.train")
    parser.add_argument("--seed", type=int, default=DEFAULT_TRAIN_SEED)
    parser.add_argument("--copies", type=int, default=4, help="re-surrogated copies per note")
    parser.add_argument("--generated", type=int, default=240, help="generated op notes")
    parser.add_argument("--plain", type=float, default=0.35, help="share of PHI-free notes kept")
    parser.add_argument("--threshold", type=float, help="override the card's threshold")
    parser.add_argument(
        "--max-precision-drop", type=float, default=0.02, help="token P the tagger may cost"
    )
    parser.add_argument("--out", type=Path, default=None, help="model folder (the package's)")
    parser.add_argument("--cv", action="store_true", help="cross-validate over folds 1-4")
    parser.add_argument("--frozen", action="store_true", help="score the shipped model, fold 0")
    parser.add_argument("--json", type=Path, help="write the CV figures here")
    parser.add_argument("--save-probs", type=Path, help="pickle CV probabilities here")
    parser.add_argument("--jobs", type=int, default=2, help="folds trained at once (--cv)")
    parser.add_argument("--iterations", type=int, default=CRF_PARAMS["max_iterations"])
    args = parser.parse_args(argv)

    docs = load_physionet(physionet_path())
    if args.frozen:
        print(frozen(docs, THRESHOLDS if args.threshold is None else [args.threshold]))
        return 0
    dev = split(docs, DEVELOPMENT_FOLDS)  # the frozen fold never enters training
    if args.cv:
        result = cross_validate(args, docs)
        rows = result["rows"]
        threshold = choose_threshold(rows, args.max_precision_drop)
        names = ["rules", *[f"tagger@{t}" for t in THRESHOLDS], *[f"union@{t}" for t in THRESHOLDS]]
        print(f"cross-validation over folds {DEVELOPMENT_FOLDS}, seed {args.seed}\n")
        print(cv_table(rows, names))
        print(
            f"\nchosen threshold {threshold} (best union recall, token P at most "
            f"{args.max_precision_drop:.2f} below the rules')"
        )
        CV_FIGURES.write_text(
            f"Cross-validation over physionet-dev development folds {DEVELOPMENT_FOLDS}, seed "
            f"{args.seed}, written by `python -m benchmarks.tagger.train --cv`; chosen threshold "
            f"{threshold}.\n\n{cv_table(rows, names)}\n",
            encoding="utf-8",
        )
        if args.json:
            payload = {
                "threshold": threshold,
                "folds": result["folds"],
                "rows": {n: {k: v.as_dict() for k, v in rows[n].rows.items()} for n in names},
            }
            args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        return 0

    out = args.out or data_dir()
    docs_train = training_docs(dev, args.seed, args.copies, args.generated, args.plain)
    digest = data_hash(docs_train)
    _progress(f"training on {len(docs_train)} notes (data {digest[:12]})")
    info = train_model(docs_train, out, tokenizer(), args.iterations)
    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    card = write_card(
        out,
        threshold=threshold,
        training_data_sha256=digest,
        seed=args.seed,
        copies=args.copies,
        generated=args.generated,
        plain=args.plain,
        folds=list(DEVELOPMENT_FOLDS),
        notes=info["notes"],
        tokens=info["tokens"],
        crf={**CRF_PARAMS, "max_iterations": args.iterations},
    )
    size = (out / MODEL_FILE).stat().st_size
    print(
        f"tagger {card['version']}: {info['notes']} notes, {info['tokens']} tokens, "
        f"{info['seconds']:.0f} s, {size / 1e6:.1f} MB, data {digest[:12]}, threshold {threshold}"
    )
    return 0


def _progress(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
