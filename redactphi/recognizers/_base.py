"""Base recognizer for regexes whose PHI is a named group inside a larger match."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EVIDENCE_KEY, Evidence

Validator = Callable[[str], bool | None]


@dataclass(frozen=True)
class GroupPattern:
    """A regex; the PHI is group ``group`` (default the whole match).

    ``validate`` returns True (raise score to 1.0: the value is checked), False (drop) or None
    (keep the score). ``evidence`` says what a match rests on; the allow layer reads it.

    Prefilters, for a pattern tried at every position of a note: ``cue`` is a part of
    ``pattern`` that every match contains (same flags); ``cue_words`` are word sets (lower case,
    letters only) such that every match holds all the words of one set as whole words. A note
    that lacks the cue, or every word set, skips the pattern.

    ``anchor`` narrows the search to lines: every match starts on a line where a match of
    ``anchor`` (compiled without flags; write ``(?i:...)`` inline) starts, and reads, look-aheads
    included, no further than that anchor's end (the pattern ends with the anchor, or looks
    ahead to it).
    Only lines where an anchor starts are searched (``anchored_finditer``), so a pattern that
    tries a run of words at every position ("up to five words, then a facility word") reads a
    few lines instead of the note, and finds the same matches.
    """

    name: str
    pattern: str
    score: float
    group: str | int = 0
    flags: int = regex.IGNORECASE
    validate: Validator | None = None
    overlapped: bool = False  # also try matches that start inside an earlier one
    evidence: Evidence = Evidence.PATTERN
    cue: str | None = None
    cue_words: tuple[frozenset[str], ...] = ()
    anchor: str | None = None

    def __post_init__(self) -> None:
        if self.anchor and self.overlapped:
            raise ValueError(f"pattern {self.name!r}: an anchor needs non-overlapping matches")


# The only characters beyond ASCII that match an ASCII letter without case: İ, ſ, K (Kelvin).
FOLDS_TO_ASCII = regex.compile("[\u0130\u017f\u212a]")


@functools.lru_cache(maxsize=4)
def note_words(text: str) -> frozenset[str] | None:
    """The runs of ASCII letters of a note, in lower case; None when it holds a letter that
    matches an ASCII letter only without case ("ſ" for "s"), which no word set can rule out.

    A word a pattern matches as a whole word, without case, is one of these runs: its ends
    border on no letter.
    """
    if not text.isascii() and FOLDS_TO_ASCII.search(text):
        return None
    return frozenset(regex.findall(r"[a-z]+", text.lower()))


def word_sets(phrases: Iterable[str]) -> tuple[frozenset[str], ...]:
    """``cue_words`` for a pattern that matches one of ``phrases`` as whole words."""
    return tuple(frozenset(regex.findall(r"[a-z]+", p.lower())) for p in phrases)


_BLANKS = regex.compile(r"\\s\+|\[ \\t\]\+")
_LOOKAROUND = regex.compile(r"\(\?<?[=!]")


def spelled_words(alternation: str) -> tuple[frozenset[str], ...]:
    """``cue_words`` of phrases written as a regex: ``hospital|medical\\s+center|rehab(?:ilitation)?``.

    Reads letters, ``'`` and ``&``, blank runs (``\\s+``, ``[ \\t]+``), groups, ``|``, ``?`` and
    look-arounds (skipped: they consume nothing); anything else raises ValueError, so a pattern
    it cannot read never gets a cue it lacks. Each spelling gives the set of its words.
    """
    spellings, end = _alternation(alternation, 0)
    if end != len(alternation):
        raise ValueError(f"unbalanced ')' at {end}: {alternation!r}")
    return tuple(dict.fromkeys(frozenset(regex.findall("[a-z]+", s)) for s in sorted(spellings)))


def _alternation(p: str, i: int) -> tuple[set[str], int]:
    out: set[str] = set()
    while True:
        branch, i = _sequence(p, i)
        out |= branch
        if p[i : i + 1] != "|":
            return out, i
        i += 1


def _sequence(p: str, i: int) -> tuple[set[str], int]:
    spellings = {""}
    while i < len(p) and p[i] not in "|)":
        if look := _LOOKAROUND.match(p, i):
            _, i = _alternation(p, look.end())
            i += 1
            continue
        if p.startswith("(?:", i):
            atom, i = _alternation(p, i + 3)
            if p[i : i + 1] != ")":
                raise ValueError(f"unclosed group at {i}: {p!r}")
            i += 1
        elif blanks := _BLANKS.match(p, i):
            atom, i = {" "}, blanks.end()
        elif p[i].isalpha() or p[i] in "'&":
            atom, i = {p[i].lower()}, i + 1
        else:
            raise ValueError(f"cannot read {p[i : i + 12]!r} in {p!r}")
        if p[i : i + 1] == "?":
            atom, i = atom | {""}, i + 1
        spellings = {s + a for s in spellings for a in atom}
    return spellings, i


def anchored_finditer(
    pattern: regex.Pattern[str], lines: Iterable[tuple[int, int, int]], text: str
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` read only on ``lines`` (``anchor_lines``: the lines where an
    anchor starts), for a pattern whose every match starts on such a line and reads no further
    than an anchor starting there (``GroupPattern.anchor``).

    The same matches in the same order: no match starts on another line, each search resumes
    where the last match ended, and a line's search runs on to the end of the line where its
    farthest anchor ends, so a match that crosses a line break inside its anchor ("Medical" at
    the end of one line, "Center" on the next) and the look-arounds at its end read the note's
    own text.
    """
    resume = 0
    for line_start, line_end, reach in lines:
        for match in pattern.finditer(text, max(line_start, resume), reach):
            if match.start() > line_end:
                break  # starts on a later line: found again from there if it holds an anchor
            resume = match.end()
            yield match


@functools.lru_cache(maxsize=8)
def anchor_lines(anchor: regex.Pattern[str], text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, reach) of each line where an anchor starts, in order; ``reach`` is the end
    of the line where the farthest of them ends. Cached: the note's patterns share an anchor."""
    return tuple(_anchor_lines(anchor, text))


def _anchor_lines(anchor: regex.Pattern[str], text: str) -> Iterator[tuple[int, int, int]]:
    line: list[int] = []
    for found in anchor.finditer(text, overlapped=True):
        start = found.start()
        if line and start <= line[1]:
            line[2] = max(line[2], found.end())
            continue
        if line:
            yield line[0], line[1], _line_end(text, line[2])
        line_end = _line_end(text, start)
        line = [text.rfind("\n", 0, start) + 1, line_end, max(line_end, found.end())]
    if line:
        yield line[0], line[1], _line_end(text, line[2])


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


class GroupPatternRecognizer(EntityRecognizer):
    """Runs compiled :class:`GroupPattern` s and reports the chosen group of each match."""

    name: str

    def __init__(
        self,
        entity: str,
        patterns: Sequence[GroupPattern],
        name: str | None = None,
        role: str | None = None,
        also: Sequence[str] = (),
    ) -> None:
        self.entity = entity
        self.patterns = list(patterns)
        self._compiled = [(p, regex.compile(p.pattern, p.flags)) for p in self.patterns]
        self._cues = {
            (p.cue, p.flags): regex.compile(p.cue, p.flags) for p in self.patterns if p.cue
        }
        self._anchors = {p.anchor: regex.compile(p.anchor) for p in self.patterns if p.anchor}
        self.role = role
        super().__init__(
            supported_entities=[entity, *also],
            name=name or type(self).__name__,
            supported_language="en",
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        cues_found: dict[tuple[str, int], bool] = {}
        for pattern, compiled in self._compiled:
            if not self._may_match(pattern, text, cues_found):
                continue
            for match in self._finditer(pattern, compiled, text):
                start, end = match.span(pattern.group)
                if start < 0 or end <= start:
                    continue
                value = text[start:end]
                score = pattern.score
                verdict = pattern.validate(value) if pattern.validate else None
                if verdict is False or self.invalidate_result(value):
                    continue
                evidence = pattern.evidence
                if verdict is True:
                    score, evidence = 1.0, Evidence.CHECKED
                results.append(self._result(start, end, score, pattern.name, evidence=evidence))
        return results

    def _finditer(
        self, pattern: GroupPattern, compiled: regex.Pattern[str], text: str
    ) -> Iterator[regex.Match[str]]:
        if not pattern.anchor:
            return compiled.finditer(text, overlapped=pattern.overlapped)
        return anchored_finditer(compiled, anchor_lines(self._anchors[pattern.anchor], text), text)

    def _may_match(
        self, pattern: GroupPattern, text: str, cues_found: dict[tuple[str, int], bool]
    ) -> bool:
        """False when the note lacks the pattern's cue (its search shared by the note's patterns)."""
        if pattern.cue_words:
            words = note_words(text)
            if words is not None and not any(cue <= words for cue in pattern.cue_words):
                return False
        if pattern.cue:
            key = (pattern.cue, pattern.flags)
            if key not in cues_found:
                cues_found[key] = self._cues[key].search(text) is not None
            return cues_found[key]
        return True

    def invalidate_result(self, value: str) -> bool:
        """True drops a degenerate value (all one character, too short to identify)."""
        alnum = [c for c in value if c.isalnum()]
        return not alnum

    def _result(
        self,
        start: int,
        end: int,
        score: float,
        pattern_name: str,
        role: str | None = None,
        *,
        evidence: Evidence,
    ) -> RecognizerResult:
        return RecognizerResult(
            entity_type=self.entity,
            start=start,
            end=end,
            score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=score, pattern_name=pattern_name
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "role": role or self.role,
                EVIDENCE_KEY: evidence,
            },
        )
