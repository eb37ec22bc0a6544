"""Presidio's anonymizer does every replacement: registration, typed specs, one merge, one key load.

Spies wrap the real Presidio engines and the real key loader (they record, then call through);
nothing under test is replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from presidio_anonymizer import AnonymizerEngine, DeanonymizeEngine
from presidio_anonymizer.entities import InvalidParamError, RecognizerResult

from redactphi import ConfigurationError, Finding, Redactor
from redactphi.policies import OPERATOR_NAMES, apply_policy, prepare_policy
from redactphi.policies import operators as ops
from redactphi.policies import prepared as prepared_module
from redactphi.policies.keys import KeyMaterial
from redactphi.policies.surrogates import Surrogates
from redactphi.postprocess import merge

from .conftest import OTHER_KEY, TEST_KEY, spans

NOTE = "Surgeon: Robert Chen, MD  MRN: 00123456\nSeen 3/14/2025 and 4/11/2025. Age: 92.\n"


def note_findings() -> list[Finding]:
    return spans(
        NOTE,
        ("Robert Chen", "NAME", "SURGEON"),
        ("00123456", "MRN"),
        ("3/14/2025", "DATE"),
        ("4/11/2025", "DATE"),
        ("92", "AGE"),
    )


def spy(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[tuple[Any, ...]]:
    """Record each call of ``owner.name`` and run the real one."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., Any] = getattr(owner, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recording)
    return calls


# -- Presidio is the engine --------------------------------------------------------------------


@pytest.mark.parametrize(
    "policy", ["safe-harbor", "coding", "surrogate", "mask", "hash", "encrypt"]
)
def test_presidio_anonymizer_makes_every_replacement(
    monkeypatch: pytest.MonkeyPatch, key_env: str, policy: str
) -> None:
    calls = spy(monkeypatch, AnonymizerEngine, "anonymize")
    result = apply_policy(NOTE, note_findings(), policy)
    assert len(calls) == 1
    engine, text, results, configs = calls[0][:4]
    assert engine is ops.anonymizer() and text == NOTE
    # one Presidio result and one operator config per finding, at the finding's offsets
    assert [(r.start, r.end) for r in results] == [(f.start, f.end) for f in result.findings]
    ours = {slot: c for slot, c in configs.items() if slot != "DEFAULT"}  # Presidio adds DEFAULT
    assert len(ours) == len(result.findings)
    assert {c.operator_name for c in ours.values()} == {r.operator for r in result.replacements}
    registered = engine.operators_factory.get_anonymizers()
    for config in ours.values():  # each carries the typed spec of its own operator
        assert isinstance(config.params[ops.SPEC], registered[config.operator_name].spec_type)


def test_redactor_redacts_through_presidio(
    monkeypatch: pytest.MonkeyPatch, redactor: Redactor, key_env: str
) -> None:
    calls = spy(monkeypatch, AnonymizerEngine, "anonymize")
    result = redactor.redact(NOTE, "coding")
    assert len(calls) == 1
    assert "Surgeon: [SURGEON], MD" in result.text and "Age: 90+" in result.text


def test_reidentify_goes_through_presidio_deanonymizer(
    monkeypatch: pytest.MonkeyPatch, redactor: Redactor, key_env: str
) -> None:
    encrypted = apply_policy(NOTE, note_findings(), "encrypt").text
    calls = spy(monkeypatch, DeanonymizeEngine, "deanonymize")
    assert redactor.reidentify(encrypted) == NOTE.replace("Age: 92", "Age: 90+")
    assert len(calls) == 1
    engine, _, entities, configs = calls[0][:4]
    assert engine is ops.deanonymizer()
    assert len(entities) == 4  # name, MRN and two dates (the age is not encrypted)
    assert {c.operator_name for c in configs.values()} == {"decrypt"}


def test_every_policy_operator_is_registered_as_ours() -> None:
    registered = ops.anonymizer().operators_factory.get_anonymizers()
    for name in OPERATOR_NAMES:
        assert issubclass(registered[name], ops.SpecOperator), name
    # our mask/hash/encrypt/keep replace Presidio's built-ins of the same name, in our engine only
    assert registered["hash"] is ops.KeyedHash
    assert AnonymizerEngine().operators_factory.get_anonymizers()["hash"] is not ops.KeyedHash
    assert ops.deanonymizer().operators_factory.get_deanonymizers()["decrypt"] is ops.SivDecrypt


# -- operators: Presidio operators with typed specs --------------------------------------------

KEY = KeyMaterial(TEST_KEY)
HASHED = ops.hash_token("ann  LEE", "NAME", KEY, "patient:1")  # case and spacing do not count


@pytest.mark.parametrize(
    ("operator", "spec", "text", "expected"),
    [
        (ops.Tag, ops.TagSpec("NAME"), "Ann Lee", "[NAME]"),
        (
            ops.Tag,
            ops.TagSpec("ADDRESS", "<{type}>"),
            "1 Main St\n  Boston",
            "<ADDRESS>\n  <ADDRESS>",
        ),
        (ops.RoleTag, ops.RoleSpec("SURGEON"), "Ann Lee", "[SURGEON]"),
        (
            ops.RoleTag,
            ops.RoleSpec("PATIENT", "NAME", "{type}/{role}"),
            "Ann\nLee",
            "NAME/PATIENT\n",
        ),
        (ops.Mask, ops.MaskSpec("#", keep_whitespace=False), "Ann Lee\nX", "#######\n#"),
        (ops.Keep, ops.KeepSpec(), "MA", "MA"),
        (ops.Age90, ops.Age90Spec(), "92-year-old", "90+-year-old"),
        (ops.Age90, ops.Age90Spec(r"\g<0>"), "92", r"\g<0>"),  # the text is data, not a regex
        (ops.DateShift, ops.DateShiftSpec(-30, 2025), "14-MAR-2025", "12-FEB-2025"),
        (ops.DateShift, ops.DateShiftSpec(1, 2025, keep_year=True), "12/31/2024", "01/01/2024"),
        (ops.KeyedHash, ops.HashSpec("NAME", KEY, "patient:1"), "Ann Lee", HASHED),
    ],
)
def test_operator_table(
    operator: type[ops.SpecOperator[Any]], spec: object, text: str, expected: str
) -> None:
    engine = ops.anonymizer()
    result = engine.anonymize(
        text, [RecognizerResult("X", 0, len(text), 1.0)], {"X": operator.config(spec)}
    )
    assert result.text == expected
    assert result.items[0].operator == operator.name


def test_encrypt_and_surrogate_operators_are_keyed_and_deterministic() -> None:
    engine = ops.anonymizer()

    def run(operator: type[ops.SpecOperator[Any]], spec: object) -> str:
        results = [RecognizerResult("X", 0, 7, 1.0)]
        return str(engine.anonymize("Ann Lee", results, {"X": operator.config(spec)}).text)

    token = run(ops.SivEncrypt, ops.EncryptSpec("NAME", KEY))
    assert token == run(ops.SivEncrypt, ops.EncryptSpec("NAME", KEY))
    assert token != run(ops.SivEncrypt, ops.EncryptSpec("NAME", KeyMaterial(OTHER_KEY)))
    assert ops.reidentify(token, KEY) == "Ann Lee"
    same = ops.SurrogateSpec("NAME", Surrogates(KEY, "patient:1"))
    other = ops.SurrogateSpec("NAME", Surrogates(KEY, "patient:2"))
    assert run(ops.Surrogate, same) == run(ops.Surrogate, same) != run(ops.Surrogate, other)
    assert "Ann" not in run(ops.Surrogate, same)


@pytest.mark.parametrize("operator", ops.ANONYMIZERS)
def test_operators_refuse_untyped_params(operator: type[ops.SpecOperator[Any]]) -> None:
    with pytest.raises(InvalidParamError, match="takes a"):
        operator().validate({"template": "[{type}]", "entity_type": "NAME"})
    with pytest.raises(InvalidParamError):
        operator().operate("Ann Lee", {})


def test_an_unshiftable_date_never_passes_through_the_date_operator() -> None:
    with pytest.raises(InvalidParamError):
        ops.DateShift().operate(
            "the day after Thanksgiving", {ops.SPEC: ops.DateShiftSpec(-3, 2025)}
        )


def test_specs_never_show_keys_scopes_or_offsets() -> None:
    specs = [
        ops.HashSpec("NAME", KEY, "patient:00123456"),
        ops.EncryptSpec("NAME", KEY),
        ops.DateShiftSpec(-123, 2025),
        ops.DecryptSpec(KEY, 4),
        ops.SurrogateSpec("NAME", Surrogates(KEY, "patient:00123456")),
    ]
    for spec in specs:
        text = repr(spec) + repr(ops.Tag.config(ops.TagSpec("X")))
        assert "00123456" not in text and "-123" not in text and TEST_KEY not in text


def test_callers_findings_are_not_changed(key_env: str) -> None:
    findings = [*note_findings(), Finding(len(NOTE) - 3, len(NOTE) + 40, "NAME", 0.9)]
    before = list(findings)
    apply_policy(NOTE, findings, "coding")
    assert findings == before


def test_reidentify_names_the_offset_of_a_bad_token_never_its_text() -> None:
    token = ops.encrypt_token("Ann Lee", "NAME", KEY)
    with pytest.raises(ConfigurationError, match="offset 5 cannot be decrypted") as info:
        ops.reidentify(f"Seen {token} today", KeyMaterial(OTHER_KEY))
    assert "Ann" not in str(info.value)


# -- one merge, one rule -----------------------------------------------------------------------

OVERLAP_TEXT = "Lives at 12 Oak St, Erie, PA 16501 now."


@pytest.mark.parametrize("reverse", [False, True])
def test_overlapping_findings_follow_the_one_merge_rule(reverse: bool) -> None:
    address = OVERLAP_TEXT.index("12 Oak")
    zip_start = OVERLAP_TEXT.index("16501")
    findings = [
        Finding(address, zip_start + 5, "ADDRESS", 0.8),
        Finding(zip_start, zip_start + 5, "ZIP", 0.9),
        Finding(address + 3, address + 9, "NAME", 0.3),
    ]
    if reverse:
        findings.reverse()
    result = apply_policy(OVERLAP_TEXT, findings)
    # the longer ADDRESS wins over the higher-scoring ZIP inside it, as postprocess.merge says
    assert result.text == "Lives at [ADDRESS] now."
    assert result.findings == merge(findings)
    assert [r.operator for r in result.replacements] == ["tag"]


def test_touching_findings_stay_two_replacements() -> None:
    text = "Ann LeeBoston"
    findings = [Finding(0, 7, "NAME", 0.9), Finding(7, 13, "CITY", 0.9)]
    result = apply_policy(text, findings)
    assert result.text == "[NAME][CITY]"
    assert [(r.new_start, r.new_end) for r in result.replacements] == [(0, 6), (6, 12)]


def test_adjacent_findings_of_one_type_are_not_joined_by_presidio() -> None:
    # Presidio would merge same-type entities separated by spaces; each finding has its own slot
    text = "Ann  Lee"
    result = apply_policy(text, [Finding(0, 3, "NAME", 0.9), Finding(5, 8, "NAME", 0.9)])
    assert result.text == "[NAME]  [NAME]"
    assert len(result.replacements) == 2


# -- the policy and its key, prepared once -----------------------------------------------------


def test_one_redaction_loads_the_key_once(
    monkeypatch: pytest.MonkeyPatch, redactor: Redactor, key_env: str
) -> None:
    calls = spy(monkeypatch, prepared_module, "require_key")
    redactor.redact(NOTE, "coding")
    assert len(calls) == 1
    list(redactor.redact_many([NOTE, NOTE, NOTE], "hash"))
    assert len(calls) == 2


def test_a_prepared_policy_is_used_as_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared = prepare_policy("hash", key=TEST_KEY)
    assert TEST_KEY not in repr(prepared)
    calls = spy(monkeypatch, prepared_module, "require_key")
    monkeypatch.setenv("REDACTPHI_KEY", OTHER_KEY)
    result = apply_policy(NOTE, note_findings(), prepared)
    assert calls == []
    assert result.text == apply_policy(NOTE, note_findings(), "hash", key=TEST_KEY).text
