"""Odd Unicode inside an identifier never lets it through (redactphi/normalize.py).

Every positive case of every recognizer table in this folder (``*CASES`` rows of
``(text, phi, keep)``) is taken as the plain form. A variant puts clinical-system characters
inside or at the edges of one identifier: combining accents, soft hyphens, zero-width
characters, BOM and bidi marks, NBSP and other odd spaces, NFD, fullwidth forms, non-breaking
hyphens. The variant must be redacted as its plain form: a finding of the same type covers the
whole original run, every finding sits where the plain one does (widened only over inserted
characters), and the output, normalised, is the plain output, so none of the identifier's
letters or digits survive.

Each positive runs once with a seeded mix of perturbations; hypothesis then draws more.
"""

from __future__ import annotations

import importlib
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactphi import RedactionResult, Redactor
from redactphi.normalize import normalize

from .conftest import occurrences

T = TypeVar("T")

# Tables run on a Redactor configured with extra terms; the session Redactor has none.
CONFIGURED_TABLES = {"test_allowlist.CONFIGURED_CASES", "test_facilities.SITE_CASES"}
# Every recognizer family must contribute positives, or the gathering below has broken.
REQUIRED_TYPES = {
    "NAME", "DATE", "AGE", "SSN", "MRN", "ACCOUNT", "HEALTH_PLAN", "DEVICE_ID", "VEHICLE_ID",
    "OTHER_ID", "LICENSE", "PHONE", "FAX", "EMAIL", "URL", "IP_ADDRESS", "ADDRESS", "CITY", "ZIP",
    "COUNTY", "FACILITY",
}  # fmt: skip

MARKS = "\u0301\u0300\u0308\u0327\u030c\u0303\u0323\u20dd"
INVISIBLES = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202c\u2066\u2069\u3164"
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u3000"
DASHES = "\u2010\u2011\u2012\u2013\u2212"
ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü", "n": "ñ", "c": "ç", "E": "É"}


@dataclass(frozen=True)
class Positive:
    table: str
    text: str
    start: int
    end: int
    entity_type: str


def _gather() -> list[Positive]:
    found: list[Positive] = []
    for path in sorted(Path(__file__).parent.glob("test_*.py")):
        if path.stem == Path(__file__).stem:
            continue
        module = importlib.import_module(f"{__package__}.{path.stem}")
        for name, table in vars(module).items():
            if not name.endswith("CASES") or f"{path.stem}.{name}" in CONFIGURED_TABLES:
                continue
            for row in table:
                values = getattr(row, "values", row)
                if not (len(values) == 3 and isinstance(values[0], str)):
                    continue  # not a (text, phi, keep) table
                text, phi = values[0], values[1]
                for item in phi:
                    for start, end in occurrences(text, item[0]):
                        found.append(Positive(f"{path.stem}.{name}", text, start, end, item[1]))
    return found


POSITIVES = _gather()


# -- building a variant --------------------------------------------------------------------------


class Chooser(Protocol):
    def pick(self, options: Sequence[T]) -> T: ...
    def some(self, options: Sequence[T], most: int) -> list[T]: ...


class RandomChooser:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, options: Sequence[T]) -> T:
        return self.rng.choice(options)

    def some(self, options: Sequence[T], most: int) -> list[T]:
        return [self.rng.choice(options) for _ in range(self.rng.randint(1, most))]


class DataChooser:
    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def pick(self, options: Sequence[T]) -> T:
        return self.data.draw(st.sampled_from(options))

    def some(self, options: Sequence[T], most: int) -> list[T]:
        return self.data.draw(st.lists(st.sampled_from(options), min_size=1, max_size=most))


@dataclass
class Variant:
    """The plain text with characters replaced and inserted, and where each plain one went."""

    plain: str
    replace: dict[int, str] = field(default_factory=dict)
    insert: dict[int, str] = field(default_factory=dict)  # before plain position i

    def build(self) -> tuple[str, list[int], list[int], set[int]]:
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        inserted: set[int] = set()
        at = 0
        for i in range(len(self.plain) + 1):
            extra = self.insert.get(i, "")
            inserted.update(range(at, at + len(extra)))
            out.append(extra)
            at += len(extra)
            if i == len(self.plain):
                break
            piece = self.replace.get(i, self.plain[i])
            starts.append(at)
            out.append(piece)
            at += len(piece)
            ends.append(at)
        return "".join(out), starts, ends, inserted


def _perturb(pos: Positive, kind: str, choose: Chooser, variant: Variant) -> None:
    text, inside = pos.text, range(pos.start, pos.end)
    if kind == "mark":  # combining accents on the identifier's letters and digits
        after = [i + 1 for i in inside if text[i].isalnum()]
        for at in choose.some(after, 3):
            variant.insert[at] = variant.insert.get(at, "") + choose.pick(MARKS)
    elif kind == "invisible":  # format characters inside and at the edges
        for at in choose.some(range(pos.start, pos.end + 1), 3):
            variant.insert[at] = variant.insert.get(at, "") + choose.pick(INVISIBLES)
    elif kind == "space":  # one odd space for the identifier's spaces, or for all of the note's
        odd = choose.pick(SPACES)
        scope = inside if choose.pick([True, False]) else range(len(text))
        variant.replace.update({i: odd for i in scope if text[i] == " "})
    elif kind == "nfd":  # accented letters, then the whole text decomposed (macOS)
        for i in choose.some([i for i in inside if text[i] in ACCENTED] or [-1], 3):
            if i >= 0:
                variant.replace[i] = ACCENTED[text[i]]
        for i, char in enumerate(text):
            variant.replace[i] = unicodedata.normalize("NFD", variant.replace.get(i, char))
    elif kind == "fullwidth":  # ASCII as wide forms
        for i in choose.some([i for i in inside if "!" <= text[i] <= "~"] or [-1], 6):
            if i >= 0:
                variant.replace[i] = chr(ord(text[i]) + 0xFEE0)
    elif kind == "dash":  # non-breaking hyphens, en dashes, minus signs
        for i in inside:
            if text[i] == "-":
                variant.replace[i] = choose.pick(DASHES)


KINDS = ["mark", "invisible", "space", "nfd", "fullwidth", "dash"]


# -- the property --------------------------------------------------------------------------------

_plain_results: dict[str, RedactionResult] = {}


def _plain(redactor: Redactor, text: str) -> RedactionResult:
    if text not in _plain_results:
        _plain_results[text] = redactor.redact(text)
    return _plain_results[text]


def _plain_type(redactor: Redactor, pos: Positive) -> str | None:
    """The type the plain form is found as, or None when it is not found whole."""
    cover = [
        f for f in _plain(redactor, pos.text).findings if f.start <= pos.start and pos.end <= f.end
    ]
    return cover[0].entity_type if cover else None


def check_variant(redactor: Redactor, pos: Positive, kinds: Sequence[str], choose: Chooser) -> None:
    want_type = _plain_type(redactor, pos)
    assert want_type is not None
    plain = _plain(redactor, pos.text)
    variant = Variant(pos.text)
    for kind in kinds:
        _perturb(pos, kind, choose, variant)
    text, starts, ends, inserted = variant.build()
    got = redactor.redact(text)
    shown = f"{pos.table} {kinds} {text!r}: {got.findings}"

    # The whole original run, with what was inserted at its edges, lies in one finding.
    run_start = starts[pos.start] - len(variant.insert.get(pos.start, ""))
    run_end = ends[pos.end - 1] + len(variant.insert.get(pos.end, ""))
    cover = [f for f in got.findings if f.start <= run_start and run_end <= f.end]
    assert cover, f"run {run_start}:{run_end} not covered; {shown}"
    assert cover[0].entity_type == want_type, shown

    # Every finding is the plain one, mapped; it widens only over inserted characters.
    assert [f.entity_type for f in got.findings] == [f.entity_type for f in plain.findings], shown
    for g, w in zip(got.findings, plain.findings, strict=True):
        lo, hi = starts[w.start], ends[w.end - 1]
        assert g.start <= lo and hi <= g.end, shown
        assert set(range(g.start, lo)) | set(range(hi, g.end)) <= inserted, shown

    # The output is the plain output: none of the identifier's letters or digits are left.
    redacted = normalize(got.text).text
    assert redacted == normalize(plain.text).text, shown
    rest = normalize(plain.text).text
    for token in re.findall(r"[^\W_]{3,}", normalize(pos.text[pos.start : pos.end]).text):
        assert token in rest or token not in redacted, shown


# -- every positive once, then hypothesis -------------------------------------------------------


def test_every_recognizer_family_has_positives(redactor: Redactor) -> None:
    assert {p.entity_type for p in POSITIVES} >= REQUIRED_TYPES
    caught = [p for p in POSITIVES if _plain_type(redactor, p) is not None]
    assert len(caught) >= 0.95 * len(POSITIVES) >= 200


@pytest.mark.parametrize(
    "index", [pytest.param(i, id=f"{p.table}-{i}") for i, p in enumerate(POSITIVES)]
)
def test_each_positive_survives_odd_unicode(redactor: Redactor, index: int) -> None:
    pos = POSITIVES[index]
    if _plain_type(redactor, pos) is None:
        pytest.skip("the plain form is not found whole (its own table test reports it)")
    choose = RandomChooser(index)
    kinds = [kind for kind in KINDS if choose.pick([True, False])] or ["invisible"]
    check_variant(redactor, pos, kinds, choose)


@given(
    st.sampled_from(POSITIVES),
    st.lists(st.sampled_from(KINDS), min_size=1, max_size=3, unique=True),
    st.data(),
)
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_odd_unicode_never_lets_an_identifier_through(
    redactor: Redactor, pos: Positive, kinds: list[str], data: st.DataObject
) -> None:
    if _plain_type(redactor, pos) is None:
        return  # counted in test_every_recognizer_family_has_positives
    check_variant(redactor, pos, kinds, DataChooser(data))
