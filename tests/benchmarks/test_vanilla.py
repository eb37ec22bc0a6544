"""The vanilla Presidio baseline: Presidio's own recognizers, the same model, beside redactphi."""

from __future__ import annotations

import pytest

from benchmarks.vanilla import DEFAULT_MODEL, VanillaPresidio, nlp_configuration, presidio_category
from redactphi import Redactor
from redactphi.config import DEFAULT_MODEL as REDACTPHI_MODEL


@pytest.fixture(scope="module")
def vanilla(redactor: Redactor) -> VanillaPresidio:
    # Built after redactphi's recognizers are loaded: their class names shadow Presidio's.
    assert redactor is not None
    return VanillaPresidio()


def test_same_model_as_redactphi() -> None:
    assert DEFAULT_MODEL == REDACTPHI_MODEL
    conf = nlp_configuration()
    assert conf["models"] == [{"lang_code": "en", "model_name": REDACTPHI_MODEL}]
    assert conf["nlp_engine_name"] == "spacy"


def test_registry_holds_only_presidio_classes(vanilla: VanillaPresidio) -> None:
    recognizers = list(vanilla.analyzer.registry.recognizers)
    assert len(recognizers) >= 10
    modules = {type(r).__module__.split(".")[0] for r in recognizers}
    assert modules == {"presidio_analyzer"}
    names = {type(r).__name__ for r in recognizers}
    assert {"EmailRecognizer", "PhoneRecognizer", "SpacyRecognizer"} <= names


def test_finds_what_presidio_finds(vanilla: VanillaPresidio) -> None:
    text = "Contact jane.roe@example.org or 212-555-0187."
    spans = vanilla.analyze(text)
    found = {(text[s.start : s.end], s.category) for s in spans}
    assert ("jane.roe@example.org", "CONTACT") in found
    assert ("212-555-0187", "CONTACT") in found
    batched = list(vanilla.analyze_many([text, "", text], batch_size=2))
    assert len(batched) == 3 and batched[0] == batched[2] and batched[1] == []


def test_presidio_categories() -> None:
    assert presidio_category("PERSON") == "NAME"
    assert presidio_category("DATE_TIME") == "DATE"
    assert presidio_category("US_SSN") == "ID"
    assert presidio_category("SOME_NEW_NUMBER") == "ID"
    assert presidio_category("NRP") == "OTHER"
