"""Re-surrogation: every gold PHI span of a note replaced by a fresh value of the same shape.

A name keeps its layout (initials, commas, casing) with new words drawn from Faker, the census
name files and made-up words; a date keeps its format with a new valid month and day; numbers
keep their length and punctuation. Words inside a place that are everyday English ("General",
"Hospital", "of") stay, the proper nouns change. The tagger so sees each context many times with
different fillers and learns the context, not the filler; no PHI string of the real notes
reaches the training set at all.
"""

from __future__ import annotations

import random
import re
import string
from pathlib import Path
from typing import Any

import names as census_names
from faker import Faker

from benchmarks.corpus.identity import MONTHS
from redactphi.recognizers import lexicons as lx

_PIECE = re.compile(r"[A-Za-z]+|[0-9]+|[^A-Za-z0-9]+")
_MONTHS_LONG = list(MONTHS)
_MONTHS_SHORT = [m[:3] for m in _MONTHS_LONG]
_SYLLABLES = [
    "ka",
    "ra",
    "lo",
    "mi",
    "ne",
    "sa",
    "to",
    "vi",
    "de",
    "ba",
    "lu",
    "re",
    "an",
    "el",
    "or",
    "in",
    "ov",
    "ski",
    "ez",
    "ar",
    "um",
    "ai",
    "ko",
    "ha",
    "ni",
    "za",
    "be",
    "to",
    "ga",
]


def _census(name: str) -> list[str]:
    path = Path(census_names.__file__).parent / name
    with path.open(encoding="ascii") as fh:
        return [line.split()[0].title() for line in fh if line.strip()]


class Surrogates:
    """Fresh values of the same shape as a gold span, drawn from one seeded ``Random``."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)
        self.first = _census("dist.male.first") + _census("dist.female.first")
        self.last = _census("dist.all.last")

    # -- words ----------------------------------------------------------------------------

    def _made_up(self) -> str:
        return "".join(self.rng.choice(_SYLLABLES) for _ in range(self.rng.randint(2, 3))).title()

    def first_name(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.fake.first_name()
        return self.rng.choice(self.first) if r < 0.9 else self._made_up()

    def last_name(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.fake.last_name()
        return self.rng.choice(self.last) if r < 0.9 else self._made_up()

    def place_word(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return self.fake.city().split()[0]
        return self.last_name() if r < 0.8 else self.fake.street_name().split()[0]

    # -- spans ----------------------------------------------------------------------------

    def name(self, value: str) -> str:
        out: list[str] = []
        words = 0
        for piece in _PIECE.findall(value):
            if piece.isalpha():
                if len(piece) == 1:
                    new = self.rng.choice(string.ascii_uppercase)
                elif (words == 0 and lx.is_first_name(piece) and not lx.is_last_name(piece)) or (
                    words == 0 and self.rng.random() < 0.4
                ):
                    new = self.first_name()
                else:
                    new = self.last_name()
                out.append(_case_like(new, piece))
                words += 1
            elif piece.isdigit():
                out.append(self._digits(piece))
            else:
                out.append(piece)
        return "".join(out)

    def date(self, value: str) -> str:
        out: list[str] = []
        numbers = 0
        has_month_word = any(
            p.lower()[:3] in {m.lower() for m in _MONTHS_SHORT}
            for p in _PIECE.findall(value)
            if p.isalpha()
        )
        for piece in _PIECE.findall(value):
            if piece.isalpha():
                low = piece.lower()
                if low[:3] in {m.lower() for m in _MONTHS_SHORT} and len(piece) >= 3:
                    month = self.rng.randrange(12)
                    new = _MONTHS_LONG[month] if len(piece) > 4 else _MONTHS_SHORT[month]
                    out.append(_case_like(new, piece))
                else:
                    out.append(piece)  # ordinal suffixes, weekday names: kept
            elif piece.isdigit():
                if len(piece) == 4:
                    new = str(self.rng.randint(1990, 2030))
                elif numbers == 0 and not has_month_word:
                    new = str(self.rng.randint(1, 12))
                else:
                    new = str(self.rng.randint(1, 28))
                if len(piece) == 2 and len(new) == 1 and piece.startswith("0"):
                    new = "0" + new
                if len(piece) == 2 and numbers >= 2:
                    new = f"{self.rng.randint(0, 99):02d}"  # two-digit year
                out.append(new)
                numbers += 1
            else:
                out.append(piece)
        return "".join(out)

    def age(self, value: str) -> str:
        return re.sub(r"\d+", lambda _m: str(self.rng.randint(90, 104)), value)

    def place(self, value: str) -> str:
        out: list[str] = []
        for piece in _PIECE.findall(value):
            if piece.isalpha():
                low = piece.lower()
                everyday = (
                    low in lx.function_words()
                    or low in lx.clinical_terms()
                    or lx.zipf(low) >= lx.COMMON_ZIPF
                )
                if len(piece) <= 3:
                    out.append(self.chars(piece))  # acronyms: new letters
                elif everyday:
                    out.append(piece)
                else:
                    out.append(_case_like(self.place_word(), piece))
            elif piece.isdigit():
                out.append(self._digits(piece))
            else:
                out.append(piece)
        return "".join(out)

    def chars(self, value: str) -> str:
        """Identifiers and phones: every digit and letter replaced, layout kept."""
        out = []
        for i, c in enumerate(value):
            if c.isdigit():
                out.append(str(self.rng.randint(2 if i == 0 else 0, 9)))
            elif c.isalpha():
                new = self.rng.choice(string.ascii_lowercase)
                out.append(new.upper() if c.isupper() else new)
            else:
                out.append(c)
        return "".join(out)

    def _digits(self, piece: str) -> str:
        return "".join(str(self.rng.randint(1 if i == 0 else 0, 9)) for i in range(len(piece)))

    def for_label(self, label: str | None, value: str) -> str:
        if label == "NAME":
            return self.name(value)
        if label == "DATE":
            return self.date(value)
        if label == "AGE":
            return self.age(value)
        if label == "LOCATION":
            return self.place(value)
        if label == "YEAR":
            return re.sub(r"\d{4}", lambda _m: str(self.rng.randint(1950, 2030)), self.chars(value))
        return self.chars(value)


def _case_like(new: str, model: str) -> str:
    if model.isupper() and len(model) > 1:
        return new.upper()
    if model.islower():
        return new.lower()
    if len(model) == 1:
        return new[:1].upper() if model.isupper() else new[:1].lower()
    return new[:1].upper() + new[1:].lower()


def resurrogate(
    doc: dict[str, Any], surrogates: Surrogates, label_of: Any, note_id: str
) -> dict[str, Any]:
    """A copy of ``doc`` with every gold span replaced (offsets recomputed)."""
    text = doc["text"]
    parts: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    shift = 0
    # The same value within one note gets the same surrogate, as in real notes.
    memory: dict[tuple[str | None, str], str] = {}
    for span in sorted(doc["spans"], key=lambda s: (s["start"], -s["end"])):
        if span["start"] < pos:
            continue  # overlapping gold: keep the first
        label = label_of(span)
        value = text[span["start"] : span["end"]]
        key = (label, value.lower())
        if key not in memory:
            memory[key] = surrogates.for_label(label if label else "OTHER", value)
        new = memory[key]
        parts.append(text[pos : span["start"]])
        start = span["start"] + shift
        parts.append(new)
        shift += len(new) - len(value)
        pos = span["end"]
        spans.append({**span, "start": start, "end": start + len(new)})
    parts.append(text[pos:])
    return {**doc, "id": note_id, "text": "".join(parts), "spans": spans}
