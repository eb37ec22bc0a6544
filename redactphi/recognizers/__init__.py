"""Clinical recognizers for every Safe Harbor identifier, and the registry that holds them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from presidio_analyzer import RecognizerRegistry
from spacy.language import Language

from redactphi.config import Settings


@runtime_checkable
class BatchReader(Protocol):
    """A recognizer that reads a batch of notes ahead of their one-by-one ``analyze`` calls."""

    def prepare(self, texts: Sequence[str]) -> None: ...


def ambiguous_words(nlp: Language) -> frozenset[str]:
    """Words the model's lemmatizer lists as verbs, adjectives or adverbs ("bill", "white")."""
    try:
        lemmatizer: Any = nlp.get_pipe("lemmatizer")
        index = lemmatizer.lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        if pos in index:
            words.update(w.lower() for w in index[pos])
    return frozenset(words)


def build_registry(settings: Settings, nlp: Language | None = None) -> RecognizerRegistry:
    from redactphi.recognizers.catalog import default_recognizers
    from redactphi.recognizers.names.spacy_persons import PersonEntities

    registry = RecognizerRegistry(supported_languages=["en"])
    ambiguous = ambiguous_words(nlp) if nlp is not None else frozenset()
    persons = PersonEntities(nlp) if nlp is not None and settings.spacy_ner else None
    for recognizer in default_recognizers(settings, ambiguous, persons):
        registry.add_recognizer(recognizer)
    return registry
