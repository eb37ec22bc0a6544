"""High-recall profile: every word in a name slot that no dictionary claims (Philter-style).

Used only with ``profile="high-recall"``, for releases outside the organisation. A token is
redacted when it is a name-table word that is not everyday English, or a capitalised word that
English hardly knows, unless it is a function word, a clinical term, a title or kinship word, an
acronym, or a drug (ends in a USAN stem). The allow layer still keeps codes and eponyms before
their noun, so the coding content stays. Score 0.4: below every cue rule, above the threshold.
"""

from __future__ import annotations

import functools

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EVIDENCE_KEY, EntityType, Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._tokens import TOKEN
from redactphi.recognizers.names._words import WordTests

SCORE = 0.4
# Below this Zipf frequency English hardly knows a word (once per 30 million words).
UNKNOWN_ZIPF = 1.5


@functools.cache
def drug_stems() -> tuple[str, ...]:
    return tuple(sorted(set(lx.read_terms(lx.DATA / "drug_stems.txt")), key=len, reverse=True))


class HighRecallNameRecognizer(EntityRecognizer):
    """Name-slot words no dictionary claims (see module docstring)."""

    name: str

    def __init__(self, ambiguous_words: frozenset[str] = frozenset()) -> None:
        self.words = WordTests(ambiguous_words)
        super().__init__(
            supported_entities=[EntityType.NAME.value],
            name="HighRecallNameRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        drug_stems()

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for tok in TOKEN.finditer(text):
            word = tok.group().rstrip(".")
            if self.name_slot(word):
                end = tok.start() + len(word)
                out.append(
                    RecognizerResult(
                        EntityType.NAME.value,
                        tok.start(),
                        end,
                        SCORE,
                        analysis_explanation=AnalysisExplanation(
                            recognizer=self.name, original_score=SCORE, pattern_name="high_recall"
                        ),
                        recognition_metadata={
                            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                            EVIDENCE_KEY: Evidence.HINT,
                        },
                    )
                )
        return out

    def name_slot(self, word: str) -> bool:
        w = self.words
        if len(word) < 2 or (word.isupper() and len(word) <= 4):
            return False  # initials and acronyms ("ICU", "PEEP")
        if w.blocked(word) or w.everyday(word) or word.lower().endswith(drug_stems()):
            return False
        if lx.is_name_word(word):
            return True
        return word[:1].isupper() and lx.zipf(word) < UNKNOWN_ZIPF
