"""What every name rule reads (the note, its line styles, the word tests) and what it returns."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._casing import LineStyles
from redactphi.recognizers.names._tokens import (
    PARTICLE_RUN,
    TITLES,
    TOKEN,
    WORD,
    is_credential,
)
from redactphi.recognizers.names._words import WordTests
from redactphi.vocabulary import Role

# Before an unanchored {WORD}: start only where a word starts (or where the search resumed).
# Inside "Abc" or after "Mary-" or "O'" a match would have started at the earlier letter already,
# so no match is lost, and a long word or hyphen chain is read once instead of once per letter.
WORD_START = r"(?:\G|(?<=\G[-'’])|(?<!\p{L})(?<!\p{L}[-'’]))"
# {WORD} taken whole, never given back piece by piece: for a word followed by something that
# cannot continue it (a blank, a comma). The regex module gives back a repeated group in time
# quadratic in its length, so backtracking into a long hyphen chain would be the whole cost.
WORD_WHOLE = rf"(?>{WORD})"
# {WORD} whose hyphenated pieces after the first are taken whole: the first piece can still be
# given back letter by letter ("Lee'home": "Lee'"), the chain of pieces cannot.
WORD_FIRST_PIECE = r"\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*+"
_LETTER_LAST = regex.compile(r"[A-Za-z]$")
_GAP = regex.compile(r"[ \t]{1,3}")
_GAP_OR_PERIOD = regex.compile(r"[ \t]{1,3}|\.[ \t]{0,2}")
_BLANKS = regex.compile(r"[ \t]+")
_BLANKS_WORD = regex.compile(rf"[ \t]+{WORD}")
_TITLE = regex.compile(TITLES, regex.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """A name span, the rule that found it (``source``) and the role its cue gives."""

    start: int
    end: int
    score: float
    source: str
    role: Role | None = None
    strong: bool = False
    evidence: Evidence = Evidence.CUE


@dataclass(frozen=True)
class Context:
    text: str
    styles: LineStyles
    words: WordTests

    def name_run(
        self,
        start: int,
        end: int,
        *,
        max_tokens: int,
        style: str,
        strong: bool,
        first_strong: bool = True,
    ) -> tuple[int, int] | None:
        """Longest run of name-like tokens from ``start`` (skipping a leading title)."""
        text, w = self.text, self.words
        pos = start
        first: int | None = None
        last_end = start
        count = 0
        previous_first = False
        while count < max_tokens:
            particle = PARTICLE_RUN.match(text, pos, end)
            if particle and (first is not None or strong):
                nxt = TOKEN.match(text, particle.end(), end)
                if (nxt and nxt.group()[:1].isupper()) or style != "mixed":
                    if first is None:
                        first = pos
                    pos = particle.end()
                    continue
            m = TOKEN.match(text, pos, end)
            if not m:
                # A period continues a name only after an initial ("J. Smith"), never after a
                # word, where it ends the sentence ("Dr. Lee. Dr. Kim").
                after_initial = count > 0 and _LETTER_LAST.match(text[max(0, pos - 1) : pos])
                after_initial = after_initial and (pos < 2 or not text[pos - 2].isalpha())
                gap = (_GAP_OR_PERIOD if after_initial else _GAP).match(text, pos, end)
                if gap and first is not None and gap.end() > pos:
                    nxt = TOKEN.match(text, gap.end(), end)
                    if nxt:
                        pos = gap.end()
                        continue
                if first is None:
                    gap = _BLANKS.match(text, pos, end)
                    if gap:
                        pos = gap.end()
                        continue
                break
            word = m.group()
            bare = word.rstrip(".")
            if first is None and _TITLE.fullmatch(bare):
                pos = m.end()
                if text[pos : pos + 1] == ".":
                    pos += 1
                continue
            lenient = strong and (count == 0 or bare[:1].isupper() or style == "any")
            if (w.ends_name(bare) if lenient else w.blocked(bare)) or is_credential(bare):
                break
            is_initial = len(bare) == 1
            if count == 0:
                ok = (first_strong or w.weak_ok(bare)) and (not is_initial or strong)
                if style == "mixed" and not bare[:1].isupper() and not lx.is_name_word(bare):
                    ok = False
            else:
                ok = self._extends(m, word, bare, end, style, strong, previous_first, first)
            if not ok:
                break
            previous_first = lx.is_first_name(bare) and not w.blocked(bare)
            if first is None:
                first = m.start()
            last_end = m.start() + len(bare) if is_initial and not strong else m.end()
            if is_initial and word.endswith("."):
                last_end = m.end()
            count += 1
            pos = m.end()
        if first is None:
            return None
        # An initial alone at the end is not a name ("Dr. Lee A" -> "Lee").
        while last_end > first and text[first:last_end].rstrip(". ").endswith(" "):
            last_end -= 1
        return (first, last_end) if last_end > first else None

    def _extends(
        self,
        m: regex.Match[str],
        word: str,
        bare: str,
        end: int,
        style: str,
        strong: bool,
        previous_first: bool,
        first: int | None,
    ) -> bool:
        """May a token after the first extend the run?"""
        text, w = self.text, self.words
        if len(bare) == 1:
            next_is_name = bool(_BLANKS_WORD.match(text, m.end(), end))
            return word.endswith(".") or (word.isupper() and next_is_name)
        return (
            style != "mixed"
            or bare[:1].isupper()
            or (lx.is_name_word(bare) and not w.everyday(bare))
            or previous_first
        ) and (
            w.continues(bare, style, strong)
            or (
                previous_first
                and lx.is_last_name(bare)
                and not w.blocked(bare)
                and (
                    style != "mixed"
                    or bare[:1].isupper()
                    or (first is not None and not text[first].isupper())
                )
            )
        )


class SpanCover:
    """Is ``[s, e)`` inside one of the spans? In log time, so propagation stays linear."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._max_end = list(itertools.accumulate((b for _, b in ordered), max))

    def covers(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self._starts, s) - 1
        return i >= 0 and self._max_end[i] >= e
