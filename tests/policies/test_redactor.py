"""Policies through the real Redactor (real spaCy model and Presidio recognizers)."""

from __future__ import annotations

import logging
import re

import pytest

from redactphi import (
    ConfigurationError,
    KeyRequiredError,
    Redactor,
    Settings,
)
from redactphi.policies import PRESET_NAMES

from .conftest import OTHER_KEY, TEST_KEY

OP_NOTE = """\
OPERATIVE REPORT
Patient: Johnson, Mary E.          MRN: 00482913
Date of surgery: 03/14/2025
Age: 92

Surgeon: Robert Chen, MD
Assistant: Priya Natarajan, PA-C
Anesthesiologist: David Okafor, MD

Preoperative diagnosis: Systemic sclerosis with digital ulcers, right hand (M34.0).
Procedure: Autologous adipose-derived regenerative cell injection, right hand (CPT 0489T).

Mrs. Johnson was brought to the operating room on 3/14/2025 at 07:45. Dr. Chen harvested
50 mL of lipoaspirate from the abdomen with the assistance of Ms. Natarajan. Dr. Okafor
monitored the patient throughout. Follow-up in clinic on 4/11/2025.
"""

FOLLOW_UP = """\
CLINIC NOTE  MRN: 00482913
Seen 4/11/2025, four weeks after surgery on March 14, 2025 with Dr. Chen.
"""

PHI = ["Johnson", "Mary", "00482913", "Chen", "Natarajan", "Okafor", "3/14/2025", "4/11/2025"]
KEPT = ["M34.0", "CPT 0489T", "right hand", "07:45", "50 mL", "OPERATIVE REPORT"]


def test_coding_role_placeholders_on_an_op_note(redactor: Redactor, key_env: str) -> None:
    out = redactor.redact(OP_NOTE, "coding").text
    assert "Patient: [PATIENT]" in out
    assert "Surgeon: [SURGEON], MD" in out
    assert "Assistant: [ASSISTANT], PA-C" in out
    assert "Anesthesiologist: [ANESTHESIA], MD" in out
    # later mentions keep the placeholder of the same person
    assert "Mrs. [PATIENT] was brought" in out
    assert "Dr. [SURGEON] harvested" in out
    assert "assistance of Ms. [ASSISTANT]" in out
    assert "Dr. [ANESTHESIA]\nmonitored" in out
    assert "Age: 90+" in out
    for value in PHI:
        assert value not in out
    for value in KEPT:
        assert value in out


def _dates(text: str) -> list[str]:
    return re.findall(r"\d{1,2}/\d{1,2}/\d{4}", text)


def test_coding_keeps_the_interval_between_surgery_and_follow_up(
    redactor: Redactor, key_env: str
) -> None:
    from datetime import datetime

    out = redactor.redact(OP_NOTE, "coding").text
    surgery, again, follow_up = (datetime.strptime(d, "%m/%d/%Y") for d in _dates(out))
    assert surgery == again
    assert (follow_up - surgery).days == 28
    assert "Date of surgery: " + surgery.strftime("%m/%d/%Y") in out  # MM/DD/YYYY kept


@pytest.mark.parametrize("policy", ["coding", "surrogate"])
def test_two_notes_of_one_patient_agree(redactor: Redactor, key_env: str, policy: str) -> None:
    op = redactor.redact(OP_NOTE, policy, include_original=True)
    clinic = redactor.redact(FOLLOW_UP, policy, include_original=True)

    def new_for(result: object, original: str) -> str:
        for rep in result.replacements:  # type: ignore[attr-defined]
            if rep.original == original:
                return str(result.text[rep.new_start : rep.new_end])  # type: ignore[attr-defined]
        raise AssertionError(f"{original} not replaced")

    assert new_for(op, "4/11/2025") == new_for(clinic, "4/11/2025")
    if policy == "surrogate":  # role placeholders depend on each note's own header fields
        assert new_for(op, "Chen") == new_for(clinic, "Chen")
        assert new_for(op, "00482913") == new_for(clinic, "00482913")


def test_other_patient_and_other_key_differ(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDACTPHI_KEY", TEST_KEY)
    base = redactor.redact(OP_NOTE, "surrogate").text
    assert redactor.redact(OP_NOTE, "surrogate").text == base
    assert redactor.redact(OP_NOTE, "surrogate", patient_key="another-patient").text != base
    monkeypatch.setenv("REDACTPHI_KEY", OTHER_KEY)
    assert redactor.redact(OP_NOTE, "surrogate").text != base


def test_encrypt_then_reidentify_restores_the_note(redactor: Redactor, key_env: str) -> None:
    result = redactor.redact(OP_NOTE, "encrypt")
    assert "[[PHI:NAME:" in result.text and "Chen" not in result.text
    # the one lossy replacement is the age: 92 -> 90+ in every policy
    assert redactor.reidentify(result.text) == OP_NOTE.replace("Age: 92", "Age: 90+")
    assert redactor.reidentify(result.text, key=TEST_KEY) == redactor.reidentify(result.text)
    with pytest.raises(ConfigurationError, match="cannot be decrypted"):
        redactor.reidentify(result.text, key=OTHER_KEY)
    with pytest.raises(TypeError):
        redactor.reidentify(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("policy", PRESET_NAMES)
def test_layout_and_kept_content_for_every_preset(
    redactor: Redactor, key_env: str, policy: str
) -> None:
    out = redactor.redact(OP_NOTE, policy).text
    assert out.count("\n") == OP_NOTE.count("\n")
    labels = [line.split(":")[0] for line in OP_NOTE.splitlines()]
    assert [line.split(":")[0] for line in out.splitlines()][:3] == labels[:3]
    for value in KEPT:
        assert value in out
    for value in PHI:
        assert value not in out
    assert "Age: 92" not in out and "Age: 90+" in out


def test_missing_key_fails_before_any_work(
    redactor: Redactor, no_key_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        redactor, "settings", redactor.settings.model_copy(update={"key": None, "key_file": None})
    )
    for policy in ("coding", "surrogate", "hash", "encrypt"):
        with pytest.raises(KeyRequiredError, match="REDACTPHI_KEY"):
            redactor.redact(OP_NOTE, policy)
        with pytest.raises(KeyRequiredError):
            list(redactor.redact_many([OP_NOTE], policy))
    with pytest.raises(KeyRequiredError):
        redactor.reidentify("[[PHI:NAME:AAAAAAAAAAAAAAAAAAAAAAAA]]")
    # policies without a key still work
    assert "[NAME]" in redactor.redact(OP_NOTE).text
    assert "*****" in redactor.redact(OP_NOTE, "mask").text


@pytest.mark.usefixtures("no_key_env")
def test_a_default_policy_that_needs_a_key_fails_at_construction() -> None:
    # checked before the model loads, so this is quick
    with pytest.raises(KeyRequiredError, match="policy 'coding'"):
        Redactor(Settings(key=None, key_file=None), policy="coding")
    with pytest.raises(ConfigurationError, match="unknown policy"):
        Redactor(Settings(key=None, key_file=None), policy="no-such-preset")


def test_redact_many_with_a_policy(redactor: Redactor, key_env: str) -> None:
    results = list(redactor.redact_many([OP_NOTE, FOLLOW_UP], "hash", patient_key="p-1"))
    assert [r.policy for r in results] == ["hash", "hash"]
    single = redactor.redact(FOLLOW_UP, "hash", patient_key="p-1")
    assert results[1].text == single.text
    assert re.search(r"\[NAME:[0-9a-f]{8}\]", results[0].text)


def test_no_phi_in_logs(redactor: Redactor, key_env: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        for policy in PRESET_NAMES:
            redactor.redact(OP_NOTE, policy)
    for value in [*PHI, TEST_KEY]:
        assert value not in caplog.text


def test_a_default_policy_set_at_construction() -> None:
    masking = Redactor(
        Settings(key=None, key_file=None), policy={"name": "all-masked", "default": "mask"}
    )
    assert masking.redact("Surgeon: Robert Chen, MD").text == "Surgeon: ****** ****, MD"
    assert masking.redact("Surgeon: Robert Chen, MD", "safe-harbor").text == "Surgeon: [NAME], MD"
    assert masking.redact("Surgeon: Robert Chen, MD").policy == "all-masked"
