"""Builds a note piece by piece so that every marked span's offsets are right by construction."""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Union

from redactphi.models import category_of

PHI = "phi"
KEEP = "keep"


@dataclass(frozen=True, slots=True)
class Val:
    """A marked string: PHI to remove (``kind=PHI``) or clinical content to keep (``kind=KEEP``)."""

    text: str
    type: str
    kind: str = PHI


def P(text: str, type_: str) -> Val:
    return Val(text, type_, PHI)


def K(text: str, type_: str) -> Val:
    return Val(text, type_, KEEP)


# A piece of a note: plain text, a marked value, or a sequence of pieces.
Piece = Union[str, Val, "list[Piece]", "tuple[Piece, ...]", None]


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    type: str
    kind: str
    value: str


class GoldError(AssertionError):
    """A gold span does not match its text: a generator bug, never a corpus property."""


class NoteBuilder:
    """Appends text and marked values; plain text may be passed through a noise function.

    ``noise`` only ever sees unmarked text, so it can change spacing freely without moving spans.
    """

    def __init__(self, noise: Callable[[str], str] | None = None) -> None:
        self._parts: list[str] = []
        self._len = 0
        self.marks: list[Mark] = []
        self._noise = noise

    def add(self, *pieces: Piece) -> NoteBuilder:
        for piece in pieces:
            self._add(piece)
        return self

    def line(self, *pieces: Piece) -> NoteBuilder:
        return self.add(*pieces, "\n")

    def t(self, template: str, **values: Piece) -> NoteBuilder:
        """Fill ``{name}`` fields of ``template`` with pieces, marking every :class:`Val`."""
        for literal, field, _spec, _conv in string.Formatter().parse(template):
            if literal:
                self._add(literal)
            if field is not None:
                if field not in values:
                    raise KeyError(f"template field {field!r} has no value")
                self._add(values[field])
        return self

    def _add(self, piece: Piece) -> None:
        if piece is None or piece == "":
            return
        if isinstance(piece, str):
            self._append(self._noise(piece) if self._noise else piece)
        elif isinstance(piece, Val):
            start = self._len
            self._append(piece.text)
            self.marks.append(Mark(start, self._len, piece.type, piece.kind, piece.text))
        else:
            for sub in piece:
                self._add(sub)

    def _append(self, text: str) -> None:
        self._parts.append(text)
        self._len += len(text)

    @property
    def text(self) -> str:
        return "".join(self._parts)


def recase(text: str, case: str | None) -> str:
    """Upper- or lower-case a whole note; refuses any change of length (offsets must hold)."""
    if case is None:
        return text
    out = text.upper() if case == "upper" else text.lower()
    if len(out) != len(text):
        raise GoldError("case change altered the note length")
    return out


def finish(builder: NoteBuilder, case: str | None = None) -> tuple[str, list[dict], list[dict]]:
    """The note text, its PHI spans and its keep spans, checked against the marked strings."""
    text = recase(builder.text, case)
    spans: list[dict] = []
    keep: list[dict] = []
    for m in sorted(builder.marks, key=lambda m: m.start):
        if text[m.start : m.end] != recase(m.value, case):
            raise GoldError(f"span {m.start}:{m.end} ({m.type}) does not match its value")
        if not m.value or m.value != m.value.strip():
            raise GoldError(f"span {m.start}:{m.end} ({m.type}) is empty or has outer spaces")
        if m.kind == PHI:
            spans.append(
                {
                    "start": m.start,
                    "end": m.end,
                    "type": m.type,
                    "category": str(category_of(m.type)),
                }
            )
        else:
            keep.append({"start": m.start, "end": m.end, "type": m.type})
    check_disjoint([*spans, *keep])
    return text, spans, keep


def check_disjoint(spans: Iterable[dict]) -> None:
    last_end = -1
    for s in sorted(spans, key=lambda s: s["start"]):
        if s["start"] < last_end:
            raise GoldError(f"span at {s['start']} overlaps the previous one")
        last_end = s["end"]


def ehr_noise(rng: random.Random) -> Callable[[str], str]:
    """Spacing of text pasted out of an EHR: tabs, runs of spaces, CRLF, stray NBSP."""

    def noise(text: str) -> str:
        out: list[str] = []
        for ch in text:
            r = rng.random()
            if ch == " ":
                if r < 0.12:
                    out.append("  ")
                elif r < 0.16:
                    out.append("\t")
                elif r < 0.18:
                    out.append("\u00a0")
                elif r < 0.20:
                    out.append("   ")
                else:
                    out.append(" ")
            elif ch == "\n":
                if r < 0.35:
                    out.append("\r\n")
                elif r < 0.45:
                    out.append(" \n")
                elif r < 0.55:
                    out.append("\n\n")
                else:
                    out.append("\n")
            else:
                out.append(ch)
        return "".join(out)

    return noise
