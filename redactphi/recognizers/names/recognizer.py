"""NameRecognizer: runs the name rules over one note and reports through Presidio."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EVIDENCE_KEY, EntityType
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._casing import LineStyles, line_styles
from redactphi.recognizers.names import (
    by_name,
    census,
    contacts,
    credentials,
    family,
    headers,
    kin,
    last_first,
    nickname,
    patient_age,
    phone_owner,
    propagation,
    relation,
    signatures,
    spacy_persons,
    titles,
)
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._words import WordTests
from redactphi.vocabulary.roles import header_roles

# Cue rules in a fixed order: on equal spans the earlier rule's role and source win the merge.
RULES = (
    headers.find,
    titles.find,
    credentials.find,
    kin.find,
    contacts.find,
    census.full_name,
    census.initial_surname,
    last_first.find,
    signatures.sign_off,
    family.find,
    phone_owner.find,
    by_name.find,
    patient_age.find,
    signatures.line_end_first,
    census.first_rare,
    relation.find,
    nickname.find,
)


class NameRecognizer(EntityRecognizer):
    """Person names from cues, name tables and spaCy NER (see the rule modules)."""

    name: str

    def __init__(
        self,
        ambiguous_words: frozenset[str] = frozenset(),
        persons: spacy_persons.PersonEntities | None = None,
    ) -> None:
        self.words = WordTests(ambiguous_words)
        self.persons = persons
        self._local = threading.local()  # per thread: the batch ``prepare`` read ahead
        super().__init__(
            supported_entities=[EntityType.NAME.value],
            name="NameRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        lx.first_names()
        lx.last_names()
        header_roles()

    def prepare(self, texts: Sequence[str]) -> None:
        """Finds the names of a batch of notes ahead of ``analyze``, so spaCy's NER reads all
        their windows in one call. ``analyze`` then takes each note's names from here; a
        later ``prepare`` in the same thread drops whatever was not taken."""
        contexts = [Context(text, LineStyles(text), self.words) for text in texts]
        found = [self._rule_hits(ctx) for ctx in contexts]
        model = spacy_persons.find_many(contexts, self.persons, found)
        self._local.prepared = {
            ctx.text: (ctx, hits + more)
            for ctx, hits, more in zip(contexts, found, model, strict=True)
        }

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        prepared: dict[str, tuple[Context, list[Hit]]] = getattr(self._local, "prepared", {})
        if text in prepared:
            ctx, hits = prepared.pop(text)
        else:
            ctx = Context(text, line_styles(text), self.words)
            hits = self._rule_hits(ctx)
            hits += spacy_persons.find(ctx, self.persons, hits)
        hits += propagation.find(ctx, hits)
        return [self._result(h) for h in hits]

    @staticmethod
    def _rule_hits(ctx: Context) -> list[Hit]:
        hits: list[Hit] = []
        for rule in RULES:
            hits += rule(ctx)
        return hits

    def _result(self, hit: Hit) -> RecognizerResult:
        return RecognizerResult(
            entity_type=EntityType.NAME.value,
            start=hit.start,
            end=hit.end,
            score=hit.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=hit.score, pattern_name=hit.source
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "role": hit.role,
                EVIDENCE_KEY: hit.evidence,
            },
        )
