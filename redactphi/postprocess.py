"""Turns raw recognizer results into final findings: threshold, allow layer, merge."""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.allowlist import AllowList
from redactphi.config import Settings
from redactphi.models import EVIDENCE_KEY, Evidence, Finding


class PostProcessor:
    def __init__(self, settings: Settings) -> None:
        self.threshold = settings.score_threshold
        self.allow = AllowList(settings.allow_terms)

    def process(
        self, text: str, results: list[RecognizerResult], artifacts: NlpArtifacts
    ) -> list[Finding]:
        findings = [
            Finding(
                r.start,
                r.end,
                r.entity_type,
                r.score,
                (r.recognition_metadata or {}).get("recognizer_name", ""),
                (r.recognition_metadata or {}).get("role"),
                Evidence((r.recognition_metadata or {}).get(EVIDENCE_KEY, Evidence.PATTERN)),
            )
            for r in results
            if r.score >= self.threshold and r.end > r.start
        ]
        return self.finish(text, findings)

    def finish(self, text: str, findings: list[Finding]) -> list[Finding]:
        """The allow layer, then one merge: for recognizer results and for added findings."""
        return merge([f for f in findings if not self.allow.keeps(text, f)])


def merge(findings: list[Finding]) -> list[Finding]:
    """Overlapping or touching findings become one, typed by the highest-scoring part."""
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            # The type of the part that covers the most wins ("12 Oak St, Erie, PA 16501" is an
            # address although its ZIP scored higher); a much weaker part never decides.
            best = last if last.score >= f.score else f
            longer = last if (last.end - last.start) >= (f.end - f.start) else f
            if longer.score >= best.score - 0.2:
                best = longer
            strongest = last if last.score >= f.score else f
            merged[-1] = Finding(
                last.start,
                max(last.end, f.end),
                best.entity_type,
                strongest.score,
                best.recognizer,
                last.role or f.role,
                strongest.evidence,  # the allow layer weighs the strongest part
            )
        else:
            merged.append(f)
    return merged
