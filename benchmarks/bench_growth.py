"""``make bench``: does every stage's cost grow linearly with note size?

    python -m benchmarks.bench_growth [--quick] [--sizes 10,100,1000] [--max-seconds 60]
                                      [--families a,b] [--stages x,y] [--json FILE]

Each input family (realistic generated op notes, and adversarial text: repeated titles,
capitalised words, comma runs, digit runs, whitespace and tab runs, one long word, hyphen chains,
repeated header labels, credentials, phone labels, newlines) is built at three sizes (10 KB,
100 KB and 1 MB; ``--quick``: 2, 20 and 200 KB). One Redactor is built; for each input the spaCy
doc is made once and then every stage runs on its own: spaCy, the line-case scan, each registered
recognizer, each rule of the names package, Presidio's de-duplication, the post-processing
(threshold, allow layer, merge) and the whole ``Redactor.analyze``.

The table gives milliseconds per KB at each size and the growth ratio: time per KB at the largest
size over time per KB at the smallest. Linear cost gives about 1.0; a ratio over 1.5 is marked
FAIL, unless the stage, timed again at the largest size and twice it in one run, keeps its
ms/KB within 1.25x (then "flat": the rise came from the input outgrowing the CPU caches, and
stopped; a quadratic stage's ms/KB doubles). Every input is run once untimed (the per-word
caches fill, as in a running process), then timed up to seven times within 2 s and the least is
kept (the machine is shared), at every size.
A stage that takes longer than ``--max-seconds`` on one input, or that would (its growth so far
extrapolated to the next size), is reported as "> cap" and not run at larger sizes.

Benchmarks report; they never fail: the exit status is 0 whatever the figures.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

KB = 1000  # characters
FULL_SIZES = (10, 100, 1000)  # KB
QUICK_SIZES = (2, 20, 200)
LIMIT = 1.5  # largest growth ratio still called linear
REPEATS = 7  # timed calls at most, at every size
REPEAT_BUDGET_SECONDS = 2.0  # timed calls stop once they have taken this long
BASE_FLOOR_SECONDS = 0.0005  # growth is measured from the first size that took this long
# A stage over LIMIT is timed again at the largest size and twice it: past the caches a linear
# stage's ms/KB stays put when the input doubles, a quadratic one's doubles.
DOUBLING_LIMIT = 1.25
# Stages that read the results every recognizer left: rechecking them reruns the recognizers.
RESULT_READERS = ("presidio.remove_duplicates", "postprocess")
CAP_SECONDS = 240.0
NOTES_FOR_COST = 40  # generated notes for the per-note cost table


# -- inputs ----------------------------------------------------------------------------------

_NAMES = (
    "Smith",
    "Jones",
    "Lee",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@functools.cache
def _seed_note() -> str:
    """A short generated op note (no real PHI) that long runs are embedded in."""
    from benchmarks.bench import bench_notes

    return bench_notes(1)[0][:1500]


def _embed(run: str, size: int, first: str = "") -> str:
    """A note cut in two, with cue words on both sides of one long run of ``run``."""
    note = _seed_note()
    head = note[: len(note) // 2] + " Dr. Lee, MD, age 93 Patient: Smith, John cell " + first
    tail = " 94 year old Smith Jones phone 555-123-4567 Patient: " + note[len(note) // 2 :]
    n = max(1, size - len(head) - len(tail))
    return head + _repeat(run, n) + tail


def _realistic(size: int) -> str:
    from benchmarks.bench import bench_notes

    notes: list[str] = []
    total = 0
    count = 16
    while total < size:
        notes = bench_notes(count)
        total = sum(len(n) + 2 for n in notes)
        count *= 2
    return "\n\n".join(notes)[:size]


def _capitalised(size: int) -> str:
    words = []
    for i, name in enumerate(_NAMES * 2):
        words.append(("Dr. " if i % 8 == 0 else "") + name)
    return _repeat(" ".join(words) + " ", size)


def _name_list(size: int) -> str:
    return _repeat(", ".join(_NAMES) + ", ", size)


def _many_runs(size: int) -> str:
    unit = "Smith" + " " * 37 + "93" + "\t" * 23 + "Dr." + " \t" * 15 + "Lee" + " " * 9 + "MD\n"
    return _repeat(unit, size)


def _hyphens(size: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return _embed("-".join(letters) + "-", size)


FAMILIES: dict[str, tuple[str, Callable[[int], str]]] = {
    "realistic": ("generated op notes, concatenated", _realistic),
    "titles": ('repeated titles "Dr. Mr. Mrs. ..."', lambda s: _repeat("Dr. Mr. Mrs. Ms. Dr ", s)),
    "capitalised": ("capitalised surnames, a title every 8 words", _capitalised),
    "name_list": ('"Smith, Jones, Lee, ..." lists', _name_list),
    "comma_run": ("one long run of commas", lambda s: _embed(",", s)),
    "digit_run": ("one long digit string", lambda s: _embed("0123456789", s)),
    "digit_groups": (
        "digit groups with separators",
        lambda s: _repeat("123-45-6789 (555) 123-4567 12/31/2020 10.0.0.1 4111 1111 12-34.56 ", s),
    ),
    "space_run": ("one long run of spaces", lambda s: _embed(" ", s)),
    "tab_run": ("one long run of tabs", lambda s: _embed("\t", s)),
    "blank_runs": ("many space and tab runs", _many_runs),
    "long_word": ("one long capitalised word", lambda s: _embed("b", s, first="B")),
    "hyphen_chain": ('one hyphen chain "a-b-c-..."', _hyphens),
    "headers": (
        'repeated header labels "Patient: Patient: ..."',
        lambda s: _repeat("Patient: ", s),
    ),
    "credentials": ('"MD, RN, MD, ..."', lambda s: _repeat("MD, RN, ", s)),
    "phone_words": (
        "phone-context words",
        lambda s: _repeat("Lee cell home work phone tel mobile pager # : ( ", s),
    ),
    "newlines": ("one long run of newlines", lambda s: _embed("\n", s)),
}


# -- stages ----------------------------------------------------------------------------------


@dataclass
class Prepared:
    """One input and what the stages share: the spaCy artifacts, the raw results."""

    text: str
    artifacts: Any = None
    results: list[Any] = field(default_factory=list)
    hits: list[Any] | None = field(default_factory=list)


Stage = Callable[[Prepared], Any]


def build_stages(redactor: Any) -> dict[str, Stage]:
    """Stage name -> callable, in pipeline order."""
    from presidio_analyzer import EntityRecognizer

    from redactphi.models import ALL_ENTITIES
    from redactphi.normalize import normalize
    from redactphi.recognizers._casing import LineStyles
    from redactphi.recognizers.names import NameRecognizer, propagation, spacy_persons
    from redactphi.recognizers.names._context import Context
    from redactphi.recognizers.names.recognizer import RULES

    entities = list(ALL_ENTITIES)
    nlp_engine = redactor._nlp_engine
    stages: dict[str, Stage] = {
        "normalize": lambda p: normalize(p.text),
        "spacy": lambda p: nlp_engine.process_text(p.text, "en"),
        "line_styles": lambda p: LineStyles(p.text),
    }
    names: NameRecognizer | None = None
    for recognizer in redactor._registry.recognizers:
        stages[recognizer.name] = _recognizer_stage(recognizer, entities)
        if isinstance(recognizer, NameRecognizer):
            names = recognizer
    if names is not None:
        words = names.words

        def context(p: Prepared) -> Context:
            from redactphi.recognizers._casing import line_styles

            return Context(p.text, line_styles(p.text), words)

        for rule in RULES:
            label = f"names.{rule.__module__.rsplit('.', 1)[-1]}.{rule.__name__}"
            stages[label] = lambda p, rule=rule: rule(context(p))
        stages["names.spacy_persons"] = lambda p: (
            spacy_persons.find(context(p), names.persons, p.hits) if p.hits is not None else None
        )
        stages["names.propagation"] = lambda p: (
            propagation.find(context(p), p.hits) if p.hits is not None else None
        )
    stages["presidio.remove_duplicates"] = lambda p: EntityRecognizer.remove_duplicates(p.results)
    stages["postprocess"] = lambda p: redactor._post.process(p.text, p.results, p.artifacts)
    stages["Redactor.analyze"] = lambda p: redactor.analyze(p.text)
    return stages


def _recognizer_stage(recognizer: Any, entities: list[str]) -> Stage:
    def run(p: Prepared) -> Any:
        return recognizer.analyze(p.text, entities, p.artifacts)

    return run


# -- timing ----------------------------------------------------------------------------------


class _OverCap(BaseException):  # not an Exception: the engine must not wrap it
    pass


@contextmanager
def _cap(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (SIGALRM; main thread, POSIX only)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _OverCap

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_call(
    fn: Callable[[], Any],
    repeat: int,
    cap: float,
    budget: float = REPEAT_BUDGET_SECONDS,
    clock: Callable[[], float] = time.process_time,
) -> tuple[float | None, Any]:
    """Least CPU time of up to ``repeat`` calls after one untimed call (None: over the cap),
    and the last call's value. Calls stop once the timed ones have taken ``budget`` seconds.

    The untimed call fills the per-word caches (name tables, the tagger's word features) and
    the per-note ones the recognizers share (line styles, note words), so every size is timed
    warm. Timing the largest input once and cold, against small inputs
    timed warm, read as growth what is only the first sight of each word. The budget, not the
    size, sets how many calls are timed: a cheap stage gets the least of several calls at
    1 MB as at 10 KB. On a shared machine one call can run half again as slow as the next, so
    the least of seven against a single call read as growth too.

    CPU time of this process, not wall time: on a shared machine the wall clock also counts the
    time other processes held the core. The cap is on wall time.
    """
    best: float | None = None
    value = None
    spent = 0.0
    for attempt in range(max(1, repeat) + 1):
        gc.disable()  # a collection of the whole heap is not the stage's cost
        started = clock()
        try:
            with _cap(cap):
                value = fn()
        except _OverCap:
            return None, None
        except Exception as exc:  # a stage that needs spaCy's doc, when spaCy was over the cap
            return None, exc
        finally:
            gc.enable()
        elapsed = clock() - started
        if attempt == 0:
            continue  # the warm-up
        best = elapsed if best is None else min(best, elapsed)
        spent += elapsed
        if spent > min(budget, cap / 4):  # enough: a long call averages out the noise
            break
    return best, value


@dataclass
class Cell:
    seconds: float | None  # None: over the cap (or skipped because it would be), or failed
    skipped: bool = False
    error: str = ""


def run_family(
    redactor: Any,
    stages: dict[str, Stage],
    family: str,
    sizes: tuple[float, ...],
    cap: float,
    wanted: set[str] | None,
    log: Callable[[str], None],
    clock: Callable[[], float] = time.process_time,
) -> dict[str, list[Cell]]:
    build = FAMILIES[family][1]
    table: dict[str, list[Cell]] = {name: [] for name in stages if _wanted(name, wanted)}
    # Duplicate removal and post-processing read every recognizer's results: without them
    # they would be timed over nothing.
    reads_results = any(name in table for name in RESULT_READERS)
    recognizers = {r.name for r in redactor._registry.recognizers} if reads_results else set()
    for i, size_kb in enumerate(sizes):
        text = build(int(size_kb * KB))
        prep = Prepared(text)
        log(f"{family} {size_kb:g} KB")
        for name, stage in stages.items():
            # spaCy's doc feeds the others; the names rules' hits feed propagation.
            needed = (
                name == "spacy"
                or (name.startswith("names.") and "names.propagation" in table)
                or name in recognizers
            )
            if name not in table and not needed:
                continue
            cells = table.get(name, [])
            spacy_over = name == "Redactor.analyze" and prep.artifacts is None
            if spacy_over or (name != "spacy" and _predicted_over(cells, sizes, i, cap)):
                cells.append(Cell(None, skipped=True))
                continue
            seconds, value = time_call(
                lambda stage=stage, prep=prep: stage(prep), REPEATS, cap, clock=clock
            )
            if isinstance(value, Exception):
                cells.append(Cell(None, error=type(value).__name__))
                continue
            if name in table:
                cells.append(Cell(seconds))
            if name == "spacy":
                prep.artifacts = value
                if value is None:
                    log("  spaCy over the cap: the other stages run without its doc")
            elif value is not None and name != "Redactor.analyze" and _is_results(value):
                prep.results.extend(value)
            _collect_hits(prep, name, value)
    return table


def _collect_hits(prep: Prepared, name: str, value: Any) -> None:
    """The names rules' hits, which propagation extends (None once a rule was over the cap)."""
    if not name.startswith("names.") or name == "names.propagation" or prep.hits is None:
        return
    if value is None:
        prep.hits = None
    else:
        prep.hits.extend(value)


def _wanted(name: str, wanted: set[str] | None) -> bool:
    return wanted is None or name in wanted or any(name.startswith(w) for w in wanted)


def _is_results(value: Any) -> bool:
    from presidio_analyzer import RecognizerResult

    return isinstance(value, list) and all(isinstance(v, RecognizerResult) for v in value[:1])


def _predicted_over(cells: list[Cell], sizes: tuple[float, ...], i: int, cap: float) -> bool:
    """Would this stage exceed the cap at ``sizes[i]``, given its growth so far?"""
    if not cells:
        return False
    last = cells[-1].seconds
    if last is None:
        return True
    if len(cells) >= 2 and cells[-2].seconds:
        prev = cells[-2].seconds
        exponent = _exponent(prev, last, sizes[i - 2], sizes[i - 1])
    else:
        exponent = 1.0
    return last * (sizes[i] / sizes[i - 1]) ** max(1.0, exponent) > 2 * cap


def _measured(cells: list[Cell]) -> bool:
    return all(c.seconds is not None for c in cells)


def recheck(
    redactor: Any,
    stages: dict[str, Stage],
    family: str,
    size_kb: float,
    names: list[str],
    cap: float,
    log: Callable[[str], None],
    clock: Callable[[], float] = time.process_time,
) -> dict[str, tuple[Cell, Cell, float | None]]:
    """For each stage in ``names``: its cells at ``size_kb`` and twice that, timed in one run,
    and the ratio of their ms/KB (None: unknown).

    A stage whose ms/KB rises past ``DOUBLING_LIMIT`` is timed once more at both sizes and each
    cell keeps the least of its two rounds: at 1 and 2 MB the budget leaves one timed call a
    cell, and on a shared machine one call can run a third again as slow as the next."""
    if not names:
        return {}
    out: dict[str, tuple[Cell, Cell, float | None]] = {}
    pending = list(names)
    for round_no in (1, 2):
        wanted = set(pending)
        again = " again" if round_no > 1 else ""
        log(f"{family}: rechecking {len(pending)} stage(s) at {_size_label(2 * size_kb)}{again}")
        sizes = (size_kb, 2 * size_kb)
        table = run_family(redactor, stages, family, sizes, cap, wanted, log, clock)
        for name in pending:
            one, two = table[name]
            if name in out:
                one, two = _least(out[name][0], one), _least(out[name][1], two)
            out[name] = (one, two, _doubling(one, two))
        pending = [name for name in pending if doubling_verdict(out[name]) == "FAIL"]
        if not pending:
            break
    return out


def _least(a: Cell, b: Cell) -> Cell:
    if a.seconds is None or b.seconds is None:
        return a if b.seconds is None else b
    return a if a.seconds <= b.seconds else b


def _doubling(one: Cell, two: Cell) -> float | None:
    if one.seconds and two.seconds is not None:
        return (two.seconds / 2) / one.seconds
    return None


def doubling_verdict(row: tuple[Cell, Cell, float | None]) -> str:
    """FAIL when ms/KB still rises as the input doubles; "flat" when the rise has stopped."""
    _, two, ratio = row
    if two.seconds is None or ratio is None:
        return "FAIL"  # over the cap at twice the size
    return "flat" if ratio <= DOUBLING_LIMIT else "FAIL"


def format_recheck(
    family: str,
    rows: dict[str, tuple[Cell, Cell, float | None]],
    size_kb: float,
    limit: float = LIMIT,
) -> str:
    big, bigger = _size_label(size_kb), _size_label(2 * size_kb)
    lines = [
        f"{family}, stages over {limit}, timed again at {big} and {bigger} in one run: ms/KB "
        f"that stays put when the input doubles (at most {DOUBLING_LIMIT}x) is linear past the "
        "caches (flat); ms/KB that keeps rising is not (FAIL).",
        "",
        f"| stage | ms/KB @ {big} | ms/KB @ {bigger} | doubling | |",
        "|---|---:|---:|---:|---|",
    ]
    for name, (one, two, ratio) in rows.items():
        cells = [
            "-" if one.seconds is None else f"{one.seconds * 1e3 / size_kb:.3f}",
            "-" if two.seconds is None else f"{two.seconds * 1e3 / (2 * size_kb):.3f}",
            "-" if ratio is None else f"{ratio:.2f}",
            doubling_verdict((one, two, ratio)),
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _exponent(t1: float, t2: float, s1: float, s2: float) -> float:
    import math

    if t1 <= 0 or t2 <= 0 or s2 <= s1:
        return 1.0
    # Below a millisecond timings are noise: do not extrapolate from them.
    if t1 < 1e-3:
        return 1.0
    return math.log(t2 / t1) / math.log(s2 / s1)


# -- report ----------------------------------------------------------------------------------


def growth(cells: list[Cell], sizes: tuple[float, ...]) -> float | None:
    """Time per KB at the largest size over time per KB at the smallest size where the stage
    took at least ``BASE_FLOOR_SECONDS`` (None: unknown).

    Below the floor a stage has mostly skipped its input: a rule that waits for a word
    ("family", an e-mail's "@") finds none in 10 KB of op notes and one in 1 MB, and the ratio
    would measure the content, not the growth."""
    last = cells[-1].seconds
    if last is None:
        return None
    for cell, size in zip(cells[:-1], sizes[:-1], strict=True):
        if cell.seconds is None:
            return None
        if cell.seconds >= BASE_FLOOR_SECONDS:
            return (last / sizes[-1]) / (cell.seconds / size)
    return None


def verdict(cells: list[Cell], sizes: tuple[float, ...], limit: float = LIMIT) -> str:
    ratio = growth(cells, sizes)
    if any(c.error for c in cells):
        return "n/a"  # it needs spaCy's doc, and spaCy was over the cap
    if cells[0].seconds is None or cells[-1].seconds is None:
        return "FAIL"  # over the cap: super-linear or hopelessly slow
    # Well under a millisecond per input, a ratio measures timer noise, not growth.
    if cells[-1].seconds < 0.005:
        return "ok"
    if ratio is None:
        return "?"  # too little work below the largest size to tell
    return "FAIL" if ratio > limit else "ok"


def format_table(
    family: str,
    table: dict[str, list[Cell]],
    sizes: tuple[float, ...],
    cap: float,
    limit: float = LIMIT,
) -> str:
    head = [f"### {family}: {FAMILIES[family][0]}", ""]
    cols = [f"ms/KB @ {_size_label(s)}" for s in sizes]
    head.append("| stage | " + " | ".join(cols) + " | growth | |")
    head.append("|---|" + "---:|" * len(cols) + "---:|---|")
    for name, cells in table.items():
        vals = []
        for size, cell in zip(sizes, cells, strict=True):
            vals.append(_cell_text(cell, size, cap))
        ratio = growth(cells, sizes)
        vals.append("-" if ratio is None else f"{ratio:.2f}")
        vals.append(verdict(cells, sizes, limit))
        head.append(f"| {name} | " + " | ".join(vals) + " |")
    return "\n".join(head)


def _cell_text(cell: Cell, size: float, cap: float) -> str:
    if cell.error:
        return f"error ({cell.error})"
    return f"> {cap:g} s" if cell.seconds is None else f"{cell.seconds * 1e3 / size:.3f}"


def _size_label(size_kb: float) -> str:
    return f"{size_kb / 1000:g} MB" if size_kb >= 1000 else f"{size_kb:g} KB"


def per_note_cost(redactor: Any, stages: dict[str, Stage], n: int) -> list[tuple[str, float]]:
    """Mean ms per generated note for each stage (realistic text, one pass after a warm-up)."""
    from benchmarks.bench import bench_notes

    notes = bench_notes(n)
    totals: dict[str, float] = {}
    for text in notes:
        prep = Prepared(text)
        for name, stage in stages.items():
            started = time.process_time()
            value = stage(prep)
            totals[name] = totals.get(name, 0.0) + time.process_time() - started
            if name == "spacy":
                prep.artifacts = value
            elif name != "Redactor.analyze" and value is not None and _is_results(value):
                prep.results.extend(value)
            _collect_hits(prep, name, value)
    return [(name, total * 1e3 / len(notes)) for name, total in totals.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2, 20 and 200 KB")
    parser.add_argument("--sizes", help="comma-separated sizes in KB (overrides --quick)")
    parser.add_argument("--max-seconds", type=float, default=CAP_SECONDS, help="cap per call")
    parser.add_argument("--families", help="comma-separated input families (default: all)")
    parser.add_argument("--stages", help="comma-separated stage names or prefixes (default: all)")
    parser.add_argument("--notes", type=int, default=NOTES_FOR_COST, help="notes for ms/note")
    parser.add_argument("--json", dest="json_path", help="write the figures to this file")
    parser.add_argument("--tagger", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument(
        "--limit", type=float, default=LIMIT, help="largest growth called linear (default 1.5)"
    )
    args = parser.parse_args(argv)

    sizes = QUICK_SIZES if args.quick else FULL_SIZES
    if args.sizes:
        sizes = tuple(float(s) for s in args.sizes.split(","))
    families = args.families.split(",") if args.families else list(FAMILIES)
    unknown = [f for f in families if f not in FAMILIES]
    if unknown:
        parser.error(f"unknown families: {', '.join(unknown)}; known: {', '.join(FAMILIES)}")
    wanted = set(args.stages.split(",")) if args.stages else None

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    from benchmarks.bench import load_average
    from redactphi import Redactor

    max_chars = int(max(sizes) * KB * 2) + 10_000
    redactor = Redactor(max_chars=max(max_chars, 1_000_000), tagger=args.tagger)
    redactor._nlp_engine.nlp["en"].max_length = redactor.settings.max_chars + 1
    stages = build_stages(redactor)
    redactor.analyze(FAMILIES["realistic"][1](2000))  # warm-up: lazy tables load outside timings
    gc.collect()
    gc.freeze()  # the model and tables: never traversed by the collections during the stages

    limit = args.limit
    report: dict[str, Any] = {"sizes_kb": list(sizes), "limit": limit, "families": {}}
    print("## Growth of cost with note size\n")
    print(
        f"ms per KB of input at each size; growth = (ms/KB at {_size_label(sizes[-1])}) / "
        f"(ms/KB at {_size_label(sizes[0])}); linear is about 1, over {limit} is FAIL. "
        f"Cap {args.max_seconds:g} s per call. {load_average()}\n"
    )
    failures: list[str] = []
    unjudged: list[str] = []
    flat: list[str] = []
    checked = 0
    for family in families:
        table = run_family(redactor, stages, family, sizes, args.max_seconds, wanted, log)
        print(format_table(family, table, sizes, args.max_seconds, limit), "\n", flush=True)
        over = [
            name
            for name, cells in table.items()
            if verdict(cells, sizes, limit) == "FAIL" and _measured(cells)
        ]
        doubling = recheck(redactor, stages, family, sizes[-1], over, args.max_seconds, log)
        if doubling:
            print(format_recheck(family, doubling, sizes[-1], limit), "\n", flush=True)
        fam: dict[str, Any] = {}
        for name, cells in table.items():
            checked += 1
            v = verdict(cells, sizes, limit)
            if name in doubling:
                v = doubling_verdict(doubling[name])
            if v == "FAIL":
                failures.append(f"{family}/{name}")
            elif v == "flat":
                flat.append(f"{family}/{name}")
            elif v == "?":
                unjudged.append(f"{family}/{name}")
            fam[name] = {
                "seconds": [c.seconds for c in cells],
                "ms_per_kb": [
                    None if c.seconds is None else c.seconds * 1e3 / s
                    for c, s in zip(cells, sizes, strict=True)
                ],
                "growth": growth(cells, sizes),
                "doubling": doubling[name][2] if name in doubling else None,
                "verdict": v,
            }
        report["families"][family] = fam

    if args.notes > 0:
        log(f"per-note cost over {args.notes} generated notes")
        cost = per_note_cost(redactor, stages, args.notes)
        cost = [(n, ms) for n, ms in cost if _wanted(n, wanted)]
        report["ms_per_note"] = dict(cost)
        print(f"## Mean cost per generated note ({args.notes} notes)\n")
        print("| stage | ms/note |\n|---|---:|")
        for name, ms in sorted(cost, key=lambda item: -item[1]):
            print(f"| {name} | {ms:.2f} |")
        print()

    report["failures"] = failures
    report["unjudged"] = unjudged
    report["flat"] = flat
    if failures:
        summary = f"not linear: {len(failures)} of {checked} stage×input cells over {limit}x: "
        print(summary + ", ".join(failures))
    else:
        within = checked - len(unjudged) - len(flat)
        print(f"linear: {within} of {checked} stage×input cells within {limit}x, none rising")
    if flat:
        print(
            f"flat past the caches: {len(flat)} cells over {limit}x from the smallest size, but "
            f"within {DOUBLING_LIMIT}x when the largest input doubles: " + ", ".join(flat)
        )
    if unjudged:
        print(
            f"not judged: {len(unjudged)} cells did less than {BASE_FLOOR_SECONDS * 1e3:g} ms "
            "of work below the largest size: " + ", ".join(unjudged)
        )
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
