"""Findings and redaction results. Reprs show types and offsets, never note text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from redactphi.models.evidence import Evidence


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier found in a text: ``text[start:end]`` is the PHI."""

    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str = ""
    # Name role from the header field or sentence (PATIENT, SURGEON, ...), when known.
    role: str | None = None
    evidence: Evidence = Evidence.PATTERN

    def __repr__(self) -> str:
        return f"Finding({self.entity_type} {self.start}:{self.end} score={self.score:.2f})"

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "entity_type": self.entity_type,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class Replacement:
    """Where a finding sat in the input and where its replacement sits in the output."""

    start: int
    end: int
    new_start: int
    new_end: int
    entity_type: str
    operator: str
    original: str | None = None  # only when the caller asks for it

    def __repr__(self) -> str:
        return (
            f"Replacement({self.entity_type} {self.start}:{self.end}"
            f" -> {self.new_start}:{self.new_end} via {self.operator})"
        )


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """A redacted text with what was replaced."""

    text: str
    findings: list[Finding]
    replacements: list[Replacement] = field(default_factory=list)
    policy: str = "safe-harbor"

    def __repr__(self) -> str:
        return f"RedactionResult({len(self.findings)} findings, policy={self.policy})"

    @property
    def stats(self) -> dict[str, int]:
        return dict(sorted(Counter(f.entity_type for f in self.findings).items()))
