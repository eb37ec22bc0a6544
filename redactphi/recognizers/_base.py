"""Base recognizer for regexes whose PHI is a named group inside a larger match."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    """

    name: str
    pattern: str
    score: float
    group: str | int = 0
    flags: int = regex.IGNORECASE
    validate: Validator | None = None
    overlapped: bool = False  # also try matches that start inside an earlier one
    evidence: Evidence = Evidence.PATTERN


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
        for pattern, compiled in self._compiled:
            for match in compiled.finditer(text, overlapped=pattern.overlapped):
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
