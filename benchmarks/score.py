"""The project's scorer: pure functions over character spans, fixed definitions.

Definitions (they must not drift, so figures stay comparable over the project's life):

- *strict instance recall*: a gold PHI span is caught when every alphanumeric character of it
  lies inside some predicted span; type-blind (what matters is that the PHI is gone).
- *partial instance recall*: at least one of its alphanumeric characters is covered.
- *token precision / recall*: over alphanumeric tokens (maximal runs of ``str.isalnum``
  characters). A token is *predicted* when any of its characters is covered by a prediction
  and *gold* when any is inside a gold span. Recall = gold tokens predicted / gold tokens;
  precision = predicted tokens that are gold / predicted tokens.
- *keep rate*: share of must-keep spans with no character covered by any prediction.

Rows are per gold category plus ``overall``. In a category row, recall counts that category's
gold spans and tokens; precision counts the tokens the *system* labelled with that category
(its own types mapped to categories) and calls them right when they are gold of any category.
``ignore_types`` adds a row ``overall w/o <types>`` in which those gold spans are not counted
and their tokens count neither as misses nor as false positives (a bare year may be kept).
A span with no alphanumeric character is judged on all its characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

OVERALL = "overall"
CATEGORIES = ("NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION", "OTHER")
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]``, with a type and the category it counts under."""

    start: int
    end: int
    type: str = ""
    category: str = ""


@dataclass(frozen=True, slots=True)
class Leak:
    """A span worth listing (a missed gold span, a false positive...) and its document."""

    doc_id: str
    span: Span
    detail: str = ""  # for a missed span: "partial" when some of it was covered


@dataclass(slots=True)
class Tally:
    """Counts behind one row; add tallies to aggregate documents (micro-averaging)."""

    n: int = 0
    strict: int = 0
    partial: int = 0
    gold_tokens: int = 0
    gold_tokens_hit: int = 0
    pred_tokens: int = 0
    pred_tokens_hit: int = 0

    def __iadd__(self, other: Tally) -> Tally:
        self.n += other.n
        self.strict += other.strict
        self.partial += other.partial
        self.gold_tokens += other.gold_tokens
        self.gold_tokens_hit += other.gold_tokens_hit
        self.pred_tokens += other.pred_tokens
        self.pred_tokens_hit += other.pred_tokens_hit
        return self

    @property
    def strict_recall(self) -> float | None:
        return _ratio(self.strict, self.n)

    @property
    def partial_recall(self) -> float | None:
        return _ratio(self.partial, self.n)

    @property
    def token_precision(self) -> float | None:
        return _ratio(self.pred_tokens_hit, self.pred_tokens)

    @property
    def token_recall(self) -> float | None:
        return _ratio(self.gold_tokens_hit, self.gold_tokens)

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "n": self.n,
            "strict_recall": self.strict_recall,
            "partial_recall": self.partial_recall,
            "token_precision": self.token_precision,
            "token_recall": self.token_recall,
            "strict": self.strict,
            "partial": self.partial,
            "gold_tokens": self.gold_tokens,
            "gold_tokens_hit": self.gold_tokens_hit,
            "pred_tokens": self.pred_tokens,
            "pred_tokens_hit": self.pred_tokens_hit,
        }


@dataclass(slots=True)
class KeepTally:
    n: int = 0
    kept: int = 0

    def __iadd__(self, other: KeepTally) -> KeepTally:
        self.n += other.n
        self.kept += other.kept
        return self

    @property
    def rate(self) -> float | None:
        return _ratio(self.kept, self.n)


@dataclass(slots=True)
class Score:
    """Scores of one document or, summed with ``+=``, of a corpus."""

    rows: dict[str, Tally] = field(default_factory=dict)
    keep: dict[str, KeepTally] = field(default_factory=dict)
    missed: list[Leak] = field(default_factory=list)  # gold spans not strictly caught
    false_positives: list[Leak] = field(default_factory=list)  # predictions touching no gold
    keep_violations: list[Leak] = field(default_factory=list)  # keep spans with a covered char

    def __iadd__(self, other: Score) -> Score:
        for name, tally in other.rows.items():
            self.rows.setdefault(name, Tally())
            self.rows[name] += tally
        for name, kt in other.keep.items():
            self.keep.setdefault(name, KeepTally())
            self.keep[name] += kt
        self.missed += other.missed
        self.false_positives += other.false_positives
        self.keep_violations += other.keep_violations
        return self

    @property
    def keep_rate(self) -> float | None:
        total = KeepTally()
        for kt in self.keep.values():
            total += kt
        return total.rate


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def tokens(text: str) -> list[tuple[int, int]]:
    """Alphanumeric tokens: maximal runs of ``str.isalnum`` characters, as (start, end)."""
    return [m.span() for m in _TOKEN.finditer(text)]


def coverage(length: int, spans: Iterable[Span]) -> bytearray:
    """1 for every character covered by a span, clipped to ``[0, length)``."""
    covered = bytearray(length)
    for s in spans:
        start, end = max(0, s.start), min(length, s.end)
        if end > start:
            covered[start:end] = b"\x01" * (end - start)
    return covered


def instance_hit(text: str, span: Span, covered: bytearray) -> tuple[bool, bool]:
    """(strict, partial) for one gold span against a coverage mask."""
    positions = [i for i in range(span.start, span.end) if text[i].isalnum()]
    if not positions:
        positions = list(range(span.start, span.end))
    hits = [covered[i] for i in positions]
    return all(hits) and bool(hits), any(hits)


def _token_hits(toks: Sequence[tuple[int, int]], ends: list[int], span: Span) -> range:
    """Indexes of tokens that share at least one character with ``span``."""
    first = bisect.bisect_right(ends, span.start)
    last = first
    while last < len(toks) and toks[last][0] < span.end:
        last += 1
    return range(first, last) if span.end > span.start else range(0)


def score_document(
    text: str,
    gold: Sequence[Span],
    predicted: Sequence[Span],
    *,
    keep: Sequence[Span] = (),
    pred_category: Callable[[str], str] | None = None,
    ignore_types: Sequence[str] = (),
    categories: Sequence[str] = CATEGORIES,
    doc_id: str = "",
) -> Score:
    """Score one document's predictions against its gold PHI and keep spans.

    ``gold`` spans carry their category; ``pred_category`` maps a predicted type to a category
    for the per-category precision (default: the predicted span's own ``category``).
    """
    score = Score()
    covered = coverage(len(text), predicted)
    toks = tokens(text)
    ends = [e for _, e in toks]
    ignored = set(ignore_types)
    rows = [OVERALL, *categories]
    wo_row = f"{OVERALL} w/o {'+'.join(ignore_types)}" if ignore_types else None
    wo_suffix = f"w/o {'+'.join(ignore_types)}"
    # Each category also gets a row without the ignored types ("DATE w/o DateYear"); the report
    # shows it only where it differs from the category's own row.
    ignored_categories = set(categories) if ignored else set()
    for name in rows + ([wo_row] if wo_row else []):
        score.rows[name] = Tally()

    # Instances.
    for g in gold:
        strict, partial = instance_hit(text, g, covered)
        targets = [OVERALL, g.category]
        if wo_row and g.type not in ignored:
            targets.append(wo_row)
            if g.category in ignored_categories:
                targets.append(f"{g.category} {wo_suffix}")
        for name in targets:
            tally = score.rows.setdefault(name, Tally())
            tally.n += 1
            tally.strict += strict
            tally.partial += partial
        if not strict:
            score.missed.append(Leak(doc_id, g, "partial" if partial else ""))

    # Tokens: which categories' gold touches each token, and which predicted categories do.
    gold_cats: list[set[str]] = [set() for _ in toks]
    counted_gold = [False] * len(toks)  # touched by a gold span that is not ignored
    counted_cats: list[set[str]] = [set() for _ in toks]
    for g in gold:
        for i in _token_hits(toks, ends, g):
            gold_cats[i].add(g.category)
            if g.type not in ignored:
                counted_gold[i] = True
                counted_cats[i].add(g.category)
    pred_cats: list[set[str]] = [set() for _ in toks]
    for p in predicted:
        cat = pred_category(p.type) if pred_category else p.category
        hit = _token_hits(toks, ends, p)
        for i in hit:
            pred_cats[i].add(cat)
        if not any(gold_cats[i] for i in hit) and p.end > p.start:
            # Touches no gold token (or no alphanumeric character at all).
            score.false_positives.append(Leak(doc_id, p))

    for i in range(len(toks)):
        is_gold = bool(gold_cats[i])
        is_pred = bool(pred_cats[i])
        _count_token(score.rows[OVERALL], is_gold, is_pred)
        if wo_row and (counted_gold[i] or not is_gold):
            _count_token(score.rows[wo_row], counted_gold[i], is_pred)
        for cat in gold_cats[i]:
            tally = score.rows.setdefault(cat, Tally())
            tally.gold_tokens += 1
            tally.gold_tokens_hit += is_pred
        for cat in counted_cats[i] & ignored_categories:
            tally = score.rows.setdefault(f"{cat} {wo_suffix}", Tally())
            tally.gold_tokens += 1
            tally.gold_tokens_hit += is_pred
        for cat in pred_cats[i]:
            tally = score.rows.setdefault(cat, Tally())
            tally.pred_tokens += 1
            tally.pred_tokens_hit += is_gold

    # Keep spans: kept only if not one character is covered.
    for k in keep:
        kt = score.keep.setdefault(k.type, KeepTally())
        kt.n += 1
        start, end = max(0, k.start), min(len(text), k.end)
        if any(covered[start:end]):
            score.keep_violations.append(Leak(doc_id, k))
        else:
            kt.kept += 1
    return score


def _count_token(tally: Tally, is_gold: bool, is_pred: bool) -> None:
    tally.gold_tokens += is_gold
    tally.gold_tokens_hit += is_gold and is_pred
    tally.pred_tokens += is_pred
    tally.pred_tokens_hit += is_gold and is_pred
