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


class ClinicalRegistry(RecognizerRegistry):
    """Presidio's registry, remembering which recognizers serve a request.

    Presidio works the list out again for every note (entities times recognizers); it changes
    only when the registry's recognizers do, and then the remembered lists are dropped.
    """

    _MAX_REQUESTS = 64  # distinct entity scopes remembered

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._served: dict[tuple[Any, ...], list[Any]] = {}
        self._served_for: tuple[int, ...] = ()

    def get_recognizers(
        self,
        language: str,
        entities: list[str] | None = None,
        all_fields: bool = False,
        ad_hoc_recognizers: list[Any] | None = None,
    ) -> list[Any]:
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        contents = tuple(map(id, self.recognizers))
        if contents != self._served_for or len(self._served) >= self._MAX_REQUESTS:
            self._served, self._served_for = {}, contents
        key = (language, tuple(entities) if entities is not None else None, all_fields)
        if key not in self._served:
            self._served[key] = super().get_recognizers(language, entities, all_fields)
        return list(self._served[key])


def build_registry(settings: Settings, nlp: Language | None = None) -> RecognizerRegistry:
    from redactphi.recognizers.catalog import default_recognizers
    from redactphi.recognizers.names.spacy_persons import PersonEntities

    registry = ClinicalRegistry(supported_languages=["en"])
    ambiguous = ambiguous_words(nlp) if nlp is not None else frozenset()
    persons = (
        PersonEntities(nlp, settings.ner_blas) if nlp is not None and settings.spacy_ner else None
    )
    for recognizer in default_recognizers(settings, ambiguous, persons):
        registry.add_recognizer(recognizer)
    return registry
