"""The Redactor's contract: public API, bad input, odd Unicode, batching, threads and errors.

Everything runs on real Redactors (the real spaCy model and Presidio): the session one from
tests/conftest.py and one small one (``max_chars=100``) built once for this module.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

import redactphi
from redactphi import (
    AnalysisError,
    Finding,
    InputError,
    InputTooLargeError,
    ModelLoadError,
    Redactor,
    RedactPhiError,
)
from redactphi.config import DEFAULT_MODEL

EXPECTED_API = [
    "AnalysisError",
    "ConfigurationError",
    "EntityType",
    "Finding",
    "InputError",
    "InputTooLargeError",
    "KeyRequiredError",
    "ModelLoadError",
    "Policy",
    "RedactPhiError",
    "RedactionResult",
    "Redactor",
    "Replacement",
    "Settings",
    "__version__",
    "load_policy",
]

SECRET = "secret PHI text"

NOTE = (
    "OPERATIVE NOTE\n"
    "Patient: OKAFOR, ADAEZE N    MRN: 30417726\n"
    "Date of surgery: 03/14/2025\n"
    "Surgeon: Lena Okafor, MD\n"
    "Assistant: Tomas Brevik, PA-C\n"
    "\n"
    "Procedure: adipose-derived regenerative cells, right hand, CPT 0489T (M34.0).\n"
    "Mrs. Okafor tolerated the procedure. Call 555-201-3344 with questions.\n"
)

NOTES = [
    NOTE,
    "Dr. Brevik injected darvadstrocel 120 million cells for Crohn's fistula (K50.913), "
    "0748T, on March 14, 2025. Fax: (555) 201-3399.",
    "92 yo man, MRN: 4471093, bone marrow cells into the left calf for CLI (I70.25), 0263T.",
    "spoke with dr fenwick. son bill called. lives at 4417 larkspur lane.",
    "",
    "   \n\t  ",
    "Pain 3/10, BP 120/80, cefazolin 2 g at 0730; no PHI here.",
]


class _Failing(EntityRecognizer):
    """A real recognizer that fails the way a buggy one would, with note text in its error."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["NAME"], name="FailingRecognizer")

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        raise ValueError(SECRET)


class _Counting(EntityRecognizer):
    """A real recognizer that counts its calls and finds nothing."""

    def __init__(self) -> None:
        self.calls = 0
        super().__init__(supported_entities=["NAME"], name="CountingRecognizer")

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        self.calls += 1
        return []


@pytest.fixture(scope="module")
def small() -> Iterator[Redactor]:
    yield Redactor(max_chars=100)


def _assert_well_formed(text: str, findings: list[Finding]) -> None:
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
    starts = [(f.start, f.end) for f in findings]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start, f"{a!r} overlaps {b!r}"


# -- public API ----------------------------------------------------------------------------------


def test_public_api_is_pinned_and_sorted() -> None:
    assert redactphi.__all__ == sorted(redactphi.__all__)
    assert redactphi.__all__ == EXPECTED_API
    for name in redactphi.__all__:
        assert hasattr(redactphi, name)


def test_errors_share_one_root() -> None:
    assert issubclass(InputTooLargeError, InputError)
    assert issubclass(InputTooLargeError, ValueError)
    for error in (AnalysisError, InputError, ModelLoadError):
        assert issubclass(error, RedactPhiError)


# -- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "   \n\t  ", "\r\n\r\n", "\u00a0\u2003"])
def test_empty_and_blank_text_have_no_findings(redactor: Redactor, text: str) -> None:
    assert redactor.analyze(text) == []
    result = redactor.redact(text)
    assert result.text == text
    assert result.findings == []


@pytest.mark.parametrize(
    ("value", "type_name"), [(b"Lena Okafor", "bytes"), (None, "NoneType"), (42, "int")]
)
def test_non_str_input_is_a_type_error(redactor: Redactor, value: object, type_name: str) -> None:
    message = f"text must be str, not {type_name}"
    with pytest.raises(TypeError, match=message):
        redactor.analyze(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        redactor.redact(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=message):
        list(redactor.analyze_many(["fine", value]))  # type: ignore[list-item]
    with pytest.raises(TypeError, match=message):
        list(redactor.redact_many([value]))  # type: ignore[list-item]


def test_oversized_text_raises_before_analysis(small: Redactor) -> None:
    counter = _Counting()
    small._registry.add_recognizer(counter)
    try:
        small.analyze("Dr. Okafor " * 9)  # 99 characters: analysed
        assert counter.calls == 1
        note = "Dr. Okafor saw the patient. " * 4  # 112 characters
        with pytest.raises(InputTooLargeError) as info:
            small.analyze(note)
        with pytest.raises(InputTooLargeError):
            small.redact(note)
        with pytest.raises(InputTooLargeError):
            list(small.analyze_many([note]))
        assert counter.calls == 1  # no recognizer ran for the oversized text
    finally:
        small._registry.remove_recognizer("CountingRecognizer")
    error = info.value
    assert isinstance(error, InputError) and isinstance(error, ValueError)
    assert (error.size, error.limit) == (112, 100)
    assert "112" in str(error) and "100" in str(error) and "max_chars" in str(error)
    assert "Okafor" not in str(error)


def test_default_limit_is_one_million(redactor: Redactor) -> None:
    assert redactor.settings.max_chars == 1_000_000


# -- odd characters keep offsets right -----------------------------------------------------------

ODD_TEXTS = [
    pytest.param("MRN: 30417726\x00 seen 03/14/2025\x07\x1b[0m", id="nul-bell-escape"),
    pytest.param("😀🩺 MRN: 30417726 👩🏽‍⚕️ seen 03/14/2025 🎉", id="emoji-astral-zwj"),
    pytest.param(
        "Zoe\u0308 cafe\u0301 MRN: 30417726 nai\u0308ve 03/14/2025", id="combining-accents"
    ),
    pytest.param("Line one\r\nMRN: 30417726\r\n\r\nseen 03/14/2025\r\n", id="crlf"),
    pytest.param("\tMRN:\t30417726\t\tseen\t03/14/2025\t", id="tabs"),
    pytest.param("\ufeff\u200bMRN: 30417726\u2028seen 03/14/2025\u00a0", id="bom-zero-width"),
    pytest.param("ＭＲＮ x MRN: 30417726 مرحبا seen 03/14/2025 你好", id="wide-and-rtl"),
    pytest.param(
        "\udcff MRN: 30417726 seen 03/14/2025",
        id="lone-surrogate",
    ),
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_characters_never_crash_and_offsets_stay_right(redactor: Redactor, text: str) -> None:
    findings = redactor.analyze(text)
    _assert_well_formed(text, findings)
    spans = {text[f.start : f.end] for f in findings}
    assert "30417726" in spans
    assert "03/14/2025" in spans
    result = redactor.redact(text)
    assert "30417726" not in result.text and "03/14/2025" not in result.text


def test_control_characters_around_names(redactor: Redactor) -> None:
    text = "Pt\x00 Lena Okafor\x07 seen; email lena@okafor.example \ufeff call 555-201-3344"
    found = {text[f.start : f.end]: f.entity_type for f in redactor.analyze(text)}
    assert found.get("lena@okafor.example") == "EMAIL"
    assert found.get("555-201-3344") == "PHONE"
    assert any("Okafor" in span and "\x00" not in span for span in found)


# -- redact() ------------------------------------------------------------------------------------


def test_redact_replaces_with_typed_tags_and_keeps_the_layout(redactor: Redactor) -> None:
    text = "OPERATIVE NOTE\r\nPatient: Lena Okafor\tMRN: 30417726\n\nDate: 03/14/2025\nCPT 0489T\n"
    result = redactor.redact(text)
    assert result.text == (
        "OPERATIVE NOTE\r\nPatient: [NAME]\tMRN: [MRN]\n\nDate: [DATE]\nCPT 0489T\n"
    )
    assert result.findings == redactor.analyze(text)
    assert result.stats == {"DATE": 1, "MRN": 1, "NAME": 1}
    assert result.policy == "safe-harbor"


def test_redact_preserves_every_line_break(redactor: Redactor) -> None:
    result = redactor.redact(NOTE)
    assert result.text.count("\n") == NOTE.count("\n")
    assert result.text.splitlines()[0] == "OPERATIVE NOTE"
    for value in ("OKAFOR", "30417726", "03/14/2025", "Lena", "Brevik", "555-201-3344"):
        assert value not in result.text
    for value in ("[NAME]", "[MRN]", "[DATE]", "[PHONE]", "CPT 0489T (M34.0)", "right hand"):
        assert value in result.text


# -- batches and threads -------------------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [None, 1, 3])
def test_analyze_many_matches_one_by_one(redactor: Redactor, batch_size: int | None) -> None:
    one_by_one = [redactor.analyze(t) for t in NOTES]
    assert list(redactor.analyze_many(NOTES, batch_size=batch_size)) == one_by_one
    assert list(redactor.analyze_many(iter(NOTES), batch_size=batch_size)) == one_by_one


def test_redact_many_matches_one_by_one(redactor: Redactor) -> None:
    one_by_one = [redactor.redact(t) for t in NOTES]
    batched = list(redactor.redact_many(NOTES, batch_size=2))
    assert [r.text for r in batched] == [r.text for r in one_by_one]
    assert [r.findings for r in batched] == [r.findings for r in one_by_one]


def test_analyze_many_of_nothing(redactor: Redactor) -> None:
    assert list(redactor.analyze_many([])) == []


def test_threads_give_the_serial_results(redactor: Redactor) -> None:
    texts = [t for t in NOTES if t.strip()] * 4
    texts = (texts * 4)[:80]  # 4 threads x 20 analyses
    serial = [redactor.analyze(t) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(redactor.analyze, texts))
    assert threaded == serial


# -- findings ------------------------------------------------------------------------------------


def test_findings_are_sorted_and_never_overlap(redactor: Redactor) -> None:
    dense = NOTE + "Okafor, Adaeze 03/14/2025 03/15/2025 Okafor 30417726 555-201-3344 " * 5
    findings = redactor.analyze(dense)
    assert len(findings) > 10
    _assert_well_formed(dense, findings)


def test_reprs_carry_no_note_text(redactor: Redactor) -> None:
    result = redactor.redact(NOTE)
    shown = repr(result) + repr(result.findings) + repr(result.replacements)
    shown += "".join(str(f) for f in result.findings)
    for value in ("Okafor", "OKAFOR", "ADAEZE", "30417726", "03/14/2025", "555-201-3344"):
        assert value not in shown
    first = result.findings[0]
    assert repr(first) == (
        f"Finding({first.entity_type} {first.start}:{first.end} score={first.score:.2f})"
    )


# -- model loading -------------------------------------------------------------------------------


def test_model_name_is_configurable(redactor: Redactor, small: Redactor) -> None:
    for r in (redactor, small):
        assert r.settings.model_name == DEFAULT_MODEL
        assert r._nlp_engine.model_name == DEFAULT_MODEL  # the configured name is what loads


def test_missing_model_is_a_model_load_error() -> None:
    with pytest.raises(ModelLoadError) as info:
        Redactor(model_name="no_such_model_xyz")
    message = str(info.value)
    assert "no_such_model_xyz" in message
    assert "pip install" in message and "REDACTPHI_MODEL_NAME" in message


def test_missing_model_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDACTPHI_MODEL_NAME", "no_such_model_xyz")
    with pytest.raises(ModelLoadError, match="no_such_model_xyz"):
        Redactor()


# -- failures inside analysis --------------------------------------------------------------------


@pytest.fixture
def failing(small: Redactor) -> Iterator[Redactor]:
    small._registry.add_recognizer(_Failing())
    try:
        yield small
    finally:
        small._registry.remove_recognizer("FailingRecognizer")


def test_a_failing_recognizer_becomes_an_analysis_error(
    failing: Redactor, caplog: pytest.LogCaptureFixture
) -> None:
    note = "Dr. Okafor saw the patient."
    caplog.set_level(logging.DEBUG)
    calls = [
        lambda: failing.analyze(note),
        lambda: failing.redact(note),
        lambda: list(failing.analyze_many([note, note])),
        lambda: list(failing.redact_many([note])),
    ]
    for call in calls:
        with pytest.raises(AnalysisError) as info:
            call()
        error = info.value
        assert SECRET not in str(error) and "Okafor" not in str(error)
        assert error.__cause__ is None and error.__suppress_context__
        printed = "".join(traceback.format_exception(error))
        assert SECRET not in printed and "Okafor" not in printed
    assert SECRET not in caplog.text and "Okafor" not in caplog.text


def test_redactor_works_again_after_a_failure(small: Redactor) -> None:
    small._registry.add_recognizer(_Failing())
    try:
        with pytest.raises(AnalysisError):
            small.analyze("MRN: 30417726")
    finally:
        small._registry.remove_recognizer("FailingRecognizer")
    text = "MRN: 30417726"
    assert [text[f.start : f.end] for f in small.analyze(text)] == ["30417726"]


def test_no_recognizer_relies_on_presidios_context_step(redactor: Redactor) -> None:
    # The engine skips Presidio's context step; a recognizer that enhanced its own results
    # there would silently lose that.
    from presidio_analyzer import EntityRecognizer

    for recognizer in redactor._registry.recognizers:
        own = type(recognizer).enhance_using_context
        assert own is EntityRecognizer.enhance_using_context, recognizer.name


def test_a_long_punctuation_run_is_read_as_blanks_by_the_tokenizer(redactor: Redactor) -> None:
    # spaCy's tokenizer is cubic in such a run; the run holds no identifier, offsets stay.
    text = "Seen by Dr. Okafor." + "," * 2_000 + "Called Quist at 555-201-3344."
    found = {text[f.start : f.end] for f in redactor.analyze(text)}
    assert {"Okafor", "555-201-3344"} <= found
    artifacts = redactor._nlp_engine.process_text(text, "en")
    assert len(artifacts.tokens.text) == len(text)
    assert not [t for t in artifacts.tokens if t.text == ","]
