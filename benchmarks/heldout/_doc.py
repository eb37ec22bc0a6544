"""A note under construction: text is appended in order, labelled pieces record their offsets.

Written independently of ``benchmarks.corpus``: a different API, so the two families cannot
share a bug in offset bookkeeping without both tests failing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from redactphi.models import EntityType, category_of

_PHI_TYPES = frozenset(e.value for e in EntityType)


class HeldoutGoldError(AssertionError):
    """A label does not cover exactly what was written: a bug in the generator."""


@dataclass(frozen=True, slots=True)
class Label:
    start: int
    end: int
    type: str
    phi: bool
    value: str
    tag: str | None  # the phenomenon class this piece exercises, if any


@dataclass(slots=True)
class Doc:
    """Append-only note text with PHI labels (``phi``) and must-keep labels (``keep``)."""

    lower: bool = False  # a telegraphic note typed in lower case: everything written is lowered
    paste: random.Random | None = None  # set: plain text gets EHR copy-paste spacing
    _chunks: list[str] = field(default_factory=list)
    _size: int = 0
    labels: list[Label] = field(default_factory=list)

    def _put(self, s: str) -> tuple[int, int, str]:
        if self.lower:
            s = s.lower()
        start = self._size
        self._chunks.append(s)
        self._size += len(s)
        return start, self._size, s

    def w(self, *parts: str) -> Doc:
        """Plain text."""
        for p in parts:
            self._put(_pasted(p, self.paste) if self.paste else p)
        return self

    def nl(self, n: int = 1) -> Doc:
        return self.w("\n" * n)

    def phi(self, s: str, type_: str, tag: str | None = None) -> Doc:
        if type_ not in _PHI_TYPES:
            raise HeldoutGoldError(f"{type_!r} is not a redactphi entity type")
        start, end, v = self._put(s)
        self.labels.append(Label(start, end, type_, True, v, tag))
        return self

    def keep(self, s: str, type_: str, tag: str | None = None) -> Doc:
        start, end, v = self._put(s)
        self.labels.append(Label(start, end, type_, False, v, tag))
        return self

    @property
    def text(self) -> str:
        return "".join(self._chunks)


def _pasted(s: str, rng: random.Random) -> str:
    """Spacing of text copied out of an EHR screen: runs of spaces, tabs, CRLF line ends."""
    out: list[str] = []
    for ch in s:
        r = rng.random()
        if ch == " ":
            out.append("  " if r < 0.15 else "\t" if r < 0.2 else "   " if r < 0.23 else " ")
        elif ch == "\n":
            out.append("\r\n" if r < 0.5 else "\n\n" if r < 0.6 else "\n")
        else:
            out.append(ch)
    return "".join(out)


def seal(doc: Doc) -> tuple[str, list[dict], list[dict], list[dict]]:
    """Text, PHI spans, keep spans and phenomenon tags, each checked against the text."""
    text = doc.text
    spans: list[dict] = []
    keep: list[dict] = []
    tags: list[dict] = []
    last_end = -1
    for lab in sorted(doc.labels, key=lambda x: (x.start, x.end)):
        got = text[lab.start : lab.end]
        if got != lab.value:
            raise HeldoutGoldError(f"label {lab.start}:{lab.end} {lab.type} does not match")
        if not got or got != got.strip():
            raise HeldoutGoldError(f"label {lab.start}:{lab.end} {lab.type} is blank or padded")
        if lab.start < last_end:
            raise HeldoutGoldError(f"label at {lab.start} overlaps the one before it")
        last_end = lab.end
        if lab.phi:
            cat = str(category_of(lab.type))
            spans.append({"start": lab.start, "end": lab.end, "type": lab.type, "category": cat})
        else:
            keep.append({"start": lab.start, "end": lab.end, "type": lab.type})
        if lab.tag:
            tags.append({"start": lab.start, "end": lab.end, "tag": lab.tag, "phi": lab.phi})
    return text, spans, keep, tags
