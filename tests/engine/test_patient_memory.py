"""Patient memory (redactphi/memory.py): a finding in one note of a patient is redacted in all.

Each row: notes of one patient processed together, the strings that must be caught in the
last note only because an earlier note revealed them, and look-alikes that must be kept.
All names and numbers are invented.
"""

from __future__ import annotations

import pytest

from redactphi import Finding, Redactor

# fmt: off
CASES = [
    pytest.param(
        ["Wife Oriana Quellmatz at bedside, updated on plan.",
         "Quellmatz called overnight, questions answered."],
        ["Quellmatz"], ["called overnight"], id="rare-surname-later-alone",
    ),
    pytest.param(
        ["Daughter Zephyrine called, wants update.",
         "zephyrine brought clothes. dc plan reviewed with zephyrine."],
        ["zephyrine"], ["brought clothes"], id="rare-first-name-lower-case",
    ),
    pytest.param(
        ["Patient: Tobiah Wrenfield   MRN: KX4471\nSeen in clinic.",
         "Labs sent under KX4471 this am."],
        ["KX4471"], ["Labs sent"], id="mrn-bare-later",
    ),
    pytest.param(
        ["Husband: Bill Okonkwo-Reyes (555) 201-8877",
         "Bill at bedside. Will bill insurance later."],
        [(0, 4)], ["bill insurance"], id="everyday-name-capitalised-only",
    ),
]
# fmt: on


@pytest.fixture(scope="module")
def rules_only() -> Redactor:
    # The tagger may find a row's name alone; memory is measured against the rules.
    return Redactor(tagger=False)


@pytest.mark.parametrize(("notes", "phi", "keep"), CASES)
def test_patient_memory(
    rules_only: Redactor, notes: list[str], phi: list[str | tuple[int, int]], keep: list[str]
) -> None:
    redactor = rules_only
    last = notes[-1]
    alone = next(iter(redactor.analyze_many([last])))
    together = list(redactor.analyze_many(notes, patient_keys=["p1"] * len(notes)))[-1]
    spans = [span for item in phi for span in _spans(last, item)]
    for s, e in spans:
        assert _covered(together, s, e), (last[s:e], together)
    # A row tests memory only if the note alone misses at least one occurrence.
    assert not all(_covered(alone, s, e) for s, e in spans), "the note alone catches all"
    for kept in keep:
        for s, e in _spans(last, kept):
            assert not any(f.start < e and s < f.end for f in together), (kept, together)


def _spans(text: str, item: str | tuple[int, int]) -> list[tuple[int, int]]:
    if isinstance(item, tuple):
        return [item]
    out, at = [], text.find(item)
    while at >= 0:
        out.append((at, at + len(item)))
        at = text.find(item, at + 1)
    assert out, f"test row error: {item!r} is not in the note"
    return out


def _covered(findings: list[Finding], s: int, e: int) -> bool:
    return any(f.start <= s and e <= f.end for f in findings)


def test_memory_stays_within_a_patient(redactor: Redactor) -> None:
    notes = ["Wife Oriana Quellmatz at bedside.", "Quellmatz called overnight."]
    second = list(redactor.analyze_many(notes, patient_keys=["p1", "p2"]))[1]
    alone = next(iter(redactor.analyze_many(notes[1:])))
    assert second == alone


def test_notes_without_a_key_share_nothing(redactor: Redactor) -> None:
    notes = ["Wife Oriana Quellmatz at bedside.", "Quellmatz called overnight."]
    second = list(redactor.analyze_many(notes, patient_keys=[None, None]))[1]
    assert second == next(iter(redactor.analyze_many(notes[1:])))


def test_redact_many_with_patient_keys_redacts_the_remembered_name(redactor: Redactor) -> None:
    notes = ["Wife Oriana Quellmatz at bedside.", "quellmatz called overnight."]
    out = list(redactor.redact_many(notes, patient_keys=["p1", "p1"]))
    assert "quellmatz" not in out[1].text.lower()
    assert out[1].text.endswith("called overnight.")


def test_patient_keys_must_match_texts(redactor: Redactor) -> None:
    with pytest.raises(ValueError, match="one key per text"):
        list(redactor.analyze_many(["a", "b"], patient_keys=["p1"]))
