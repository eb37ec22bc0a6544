"""Text normalisation for analysis, with a map from analysed offsets back to the original.

The recognizers are written for plain text. Text from clinical systems is not always plain: NFD
from macOS, soft hyphens and ligatures from pasted PDFs, NBSP from EHR exports, zero-width
characters from anywhere. Each of those, inside an identifier, used to hide it. Analysis now
runs on a normalised copy, and every finding is mapped back onto the original text, which is
what policies replace. Policies read the copy too (``redact_mapped``): an age, a date or a
name is replaced as its plain form would be, and the replacement is written over the original.

The copy is built one *cluster* at a time: a base character with the combining marks and
invisible characters that follow it. A cluster becomes:

- its base letters: NFKD of the base character with every combining mark dropped, then NFC
  (``e`` from ``é`` and from ``e`` + U+0301, ``fi`` from ``ﬁ``, ``1`` from ``１``), and the few
  Latin letters without a decomposition spelled plainly (``ł`` -> ``l``, ``ß`` -> ``ss``).
  Accented names are analysed unaccented because that is how the name rules and spaCy's small
  model know them: ``José Ramírez`` in prose was missed, ``Jose Ramirez`` caught. NFD (macOS)
  and NFC text therefore read the same;
- nothing for format characters (Cf: soft hyphen, ZWSP/ZWJ/ZWNJ, word joiner, BOM, bidi marks)
  and the other default-ignorable fillers;
- one space for any Unicode space separator (NBSP, NNBSP, thin and em spaces, ...); one newline
  for U+2028, U+2029 and NEL. ASCII is never changed: tabs stay tabs (the header and column
  rules read them), and control characters stay where they are (they are not invisible
  formatting, and offsets around them were already right);
- ``-`` for hyphen-like dashes (U+2010-U+2013, minus signs): one character for one, so phone
  numbers and dates written with a non-breaking hyphen or an en dash read as plain ones. Em
  dashes are kept: they separate clauses, and folding them would join words;
- ``'`` for the left single quote and prime (names already accept ``'`` and ``’``);
- an ASCII digit for any other decimal digit (``٣`` -> ``3``);
- U+FFFD for a lone surrogate (text decoded with ``surrogateescape``).

Every character of the copy maps to the whole original cluster it came from, so a finding
mapped back covers its combining marks and the invisible characters inside and at its edges.
ASCII text (the common case) is used as it is.

Normalisation runs per cluster, in time linear in the text: sequences that compose across two
base characters (conjoining Hangul jamo) are not composed. The recognizers read Latin-script
English, so nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from redactphi.models import Finding, RedactionResult, Replacement

__all__ = ["Normalized", "normalize"]

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")

# Default-ignorable code points that are letters or marks by category but render as nothing.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u180f")
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d")
_SINGLE_QUOTES = frozenset("\u2018\u201b\u2032")
_LINE_BREAKS = frozenset("\u2028\u2029\x85")
# Latin letters that Unicode does not decompose into a base letter and a mark.
_LATIN = {
    "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Þ": "Th", "þ": "th",
    "Ð": "D", "ð": "d", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "ı": "i",
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o",
}  # fmt: skip


@lru_cache(maxsize=4096)
def _attaches(char: str) -> bool:
    """True for a character that belongs to the cluster before it: a mark or an invisible."""
    category = unicodedata.category(char)
    return category[0] == "M" or category == "Cf" or char in _FILLERS


def _fold_char(char: str) -> str:
    """The analysed form of one character of an NFKD decomposition."""
    category = unicodedata.category(char)
    if category[0] == "M" or category == "Cf" or char in _FILLERS:
        return ""
    if category == "Zs":
        return " "
    if char in _LINE_BREAKS:
        return "\n"
    if category == "Cs":
        return "\ufffd"
    if category == "Nd" and not char.isascii():
        return str(unicodedata.decimal(char))
    if char in _DASHES:
        return "-"
    if char in _SINGLE_QUOTES:
        return "'"
    return _LATIN.get(char, char)


@lru_cache(maxsize=4096)  # one character a key: bounded in count and in size
def _fold_base(char: str) -> str:
    """The analysed form of a cluster, which is that of its base alone: every mark and
    invisible after the base is dropped, and NFKD only ever appends marks to the base's own
    decomposition. Folding the base alone also keeps a long run of marks linear (NFKD reorders
    a run of marks in quadratic time)."""
    if unicodedata.category(char) == "Cs":
        return "\ufffd"  # NFKD would keep a lone surrogate; nothing downstream can encode it
    # NFKD, then marks dropped (_fold_char), then NFC for what composes without marks (Hangul).
    folded = "".join(_fold_char(c) for c in unicodedata.normalize("NFKD", char))
    return unicodedata.normalize("NFC", folded)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in _FILLERS


@dataclass(frozen=True, slots=True, repr=False)
class Normalized:
    """The analysed text and, unless it equals the original, where each character came from.

    ``starts[i]:ends[i]`` is the original cluster behind analysed character ``i``.
    """

    text: str
    original_length: int
    starts: list[int] | None = None
    ends: list[int] | None = None
    # Original positions that map to nothing (format characters, fillers, stray marks).
    dropped: frozenset[int] = frozenset()

    def __repr__(self) -> str:  # never the text
        return f"Normalized({self.original_length} -> {len(self.text)} chars)"

    @property
    def identity(self) -> bool:
        return self.starts is None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind analysed ``[start, end)``, widened over invisibles."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:  # an empty span stays empty, at its mapped position
            at = self.starts[start] if start < len(self.starts) else self.original_length
            return at, at
        lo, hi = self.starts[start], self.ends[end - 1]
        while lo > 0 and (lo - 1) in self.dropped:
            lo -= 1
        while hi < self.original_length and hi in self.dropped:
            hi += 1
        return lo, hi

    def to_analysed(self, start: int, end: int) -> tuple[int, int]:
        """The analysed characters that lie wholly inside original ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        return bisect_left(self.starts, start), bisect_right(self.ends, end)

    def findings(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings moved onto the original text; sorted input stays sorted and disjoint."""
        if self.identity:
            return list(findings)
        mapped: list[Finding] = []
        for f in findings:
            start, end = self.span(f.start, f.end)
            if mapped and start < mapped[-1].end:
                start = mapped[-1].end  # a widened edge never reaches into the finding before
            mapped.append(
                replace(f, start=start, end=end) if (start, end) != (f.start, f.end) else f
            )
        return mapped


def normalize(text: str) -> Normalized:
    """The text to analyse in place of ``text``, with its offset map."""
    if text.isascii():
        return Normalized(text, len(text))
    out: list[str] = []
    # Plain lists: array.extend(range) is ten times slower, and they live for one call.
    starts: list[int] = []
    ends: list[int] = []
    dropped: set[int] = set()
    done = 0  # original text before this position is in ``out``
    for run in _NON_ASCII_RUN.finditer(text):
        run_start, run_end = run.span()
        # A mark at the start of the run belongs to the plain character just before it.
        if run_start > done and _attaches(text[run_start]):
            run_start -= 1
        _plain(text, done, run_start, out, starts, ends)
        _odd(text, run_start, run_end, out, starts, ends, dropped)
        done = run_end
    _plain(text, done, len(text), out, starts, ends)
    return Normalized("".join(out), len(text), starts, ends, frozenset(dropped))


def _plain(
    text: str, start: int, end: int, out: list[str], starts: list[int], ends: list[int]
) -> None:
    if end > start:
        out.append(text[start:end])
        starts.extend(range(start, end))
        ends.extend(range(start + 1, end + 1))


def _odd(
    text: str,
    start: int,
    end: int,
    out: list[str],
    starts: list[int],
    ends: list[int],
    dropped: set[int],
) -> None:
    i = start
    while i < end:
        j = i + 1
        if not _attaches(text[i]):
            while j < end and _attaches(text[j]):
                j += 1
            # Invisibles after the last mark stand alone, so that a finding on either side
            # can take them in (see Normalized.span).
            while j > i + 1 and _invisible(text[j - 1]):
                j -= 1
        folded = _fold_base(text[i])
        if folded:
            out.append(folded)
            starts.extend([i] * len(folded))
            ends.extend([j] * len(folded))
        else:
            dropped.update(range(i, j))
        i = j


Apply = Callable[[str, list[Finding]], RedactionResult]


def redact_mapped(
    norm: Normalized,
    original: str,
    findings: Sequence[Finding],
    apply: Apply,
    needs_original: Callable[[str], bool],
    include_original: bool = False,
) -> RedactionResult:
    """Apply a policy as if to the plain form, then write the result over ``original``.

    ``findings`` are on ``original`` (as ``analyze`` returns them). Operators that derive their
    output from the value (age 90+, date shift, surrogates, hashes, role placeholders) run on
    the analysed text, so that ``9`` + U+0301 + ``2`` becomes ``90+`` and a name in NFD gets
    the surrogate of its plain form. Types for which ``needs_original`` is true (encrypt and
    keep) run on the original text: what they keep or encrypt must be exactly what was there.
    Everything outside the findings is the original text, untouched.
    """
    if norm.identity or not findings:
        return apply(original, list(findings))
    by_analysed: dict[tuple[int, int], Finding] = {}
    exact: list[Finding] = []
    for f in findings:
        start, end = norm.to_analysed(f.start, f.end)
        if end <= start or needs_original(f.entity_type):
            exact.append(f)  # nothing visible to analyse: replace it where it stands
        else:
            by_analysed[(start, end)] = f
    pieces: list[tuple[Finding, str, str]] = []
    if by_analysed:
        analysed = [replace(f, start=start, end=end) for (start, end), f in by_analysed.items()]
        done = apply(norm.text, analysed)
        for f, rep in zip(done.findings, done.replacements, strict=True):
            # apply_policy only merges overlaps, and these do not overlap: each maps back.
            pieces.append(
                (
                    by_analysed[(f.start, f.end)],
                    done.text[rep.new_start : rep.new_end],
                    rep.operator,
                )
            )
    if exact:
        done = apply(original, exact)
        for f, rep in zip(done.findings, done.replacements, strict=True):
            pieces.append((f, done.text[rep.new_start : rep.new_end], rep.operator))
    pieces.sort(key=lambda piece: piece[0].start)

    out: list[str] = []
    kept: list[Finding] = []
    replacements: list[Replacement] = []
    cursor = length = 0
    for f, new, operator in pieces:
        start = max(f.start, cursor)  # two findings may have widened onto one invisible
        out.append(original[cursor:start])
        length += start - cursor
        replacements.append(
            Replacement(
                start,
                f.end,
                length,
                length + len(new),
                f.entity_type,
                operator,
                original[start : f.end] if include_original else None,
            )
        )
        kept.append(f if start == f.start else replace(f, start=start))
        out.append(new)
        length += len(new)
        cursor = f.end
    out.append(original[cursor:])
    return RedactionResult("".join(out), kept, replacements, done.policy)
