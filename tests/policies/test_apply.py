"""apply_policy over hand-made findings: consistency, result detail, layout, fallbacks."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from redactphi import Finding, RedactionResult
from redactphi.policies import PRESET_NAMES, apply_policy, load_policy
from redactphi.policies.apply import date_offset
from redactphi.policies.keys import KeyMaterial

from .conftest import OTHER_KEY, TEST_KEY, spans

NOTE_1 = """\
Patient: Mary Johnson   MRN: 00123456
Date of service: 03/14/2025
Surgeon: Robert Chen, MD
Phone: (617) 555-0199
Mrs. Johnson tolerated 0489T to the right hand well.
"""
NOTE_2 = """\
FOLLOW-UP VISIT 4/11/2025 for MRN 00-123456
Ms. Johnson returns after surgery on March 14, 2025 with Dr. Chen.
"""


def note_1_findings() -> list[Finding]:
    return spans(
        NOTE_1,
        ("Mary Johnson", "NAME"),
        ("00123456", "MRN"),
        ("03/14/2025", "DATE"),
        ("Robert Chen", "NAME"),
        ("(617) 555-0199", "PHONE"),
        ("Johnson", "NAME"),
    )


def note_2_findings() -> list[Finding]:
    return spans(
        NOTE_2,
        ("4/11/2025", "DATE"),
        ("00-123456", "MRN"),
        ("Johnson", "NAME"),
        ("March 14, 2025", "DATE"),
        ("Chen", "NAME"),
    )


def replaced(result: RedactionResult) -> list[str]:
    return [result.text[r.new_start : r.new_end] for r in result.replacements]


def test_default_is_safe_harbor_tags() -> None:
    result = apply_policy(NOTE_1, note_1_findings())
    assert result.policy == "safe-harbor"
    assert replaced(result) == ["[NAME]", "[MRN]", "[DATE]", "[NAME]", "[PHONE]", "[NAME]"]
    assert "Surgeon: [NAME], MD" in result.text
    assert "0489T to the right hand" in result.text


@pytest.mark.parametrize("policy", PRESET_NAMES)
def test_replacements_map_positions_both_ways(key_env: str, policy: str) -> None:
    findings = note_1_findings()
    result = apply_policy(NOTE_1, findings, policy)
    assert len(result.replacements) == len(findings)
    cursor_in = cursor_out = 0
    for finding, rep in zip(findings, result.replacements, strict=True):
        assert (rep.start, rep.end, rep.entity_type) == (
            finding.start,
            finding.end,
            finding.entity_type,
        )
        # text between replacements is copied verbatim, so offsets line up
        assert NOTE_1[cursor_in : rep.start] == result.text[cursor_out : rep.new_start]
        assert rep.original is None
        cursor_in, cursor_out = rep.end, rep.new_end
    assert NOTE_1[cursor_in:] == result.text[cursor_out:]
    for value in ("Mary", "Johnson", "00123456", "03/14/2025", "Chen", "555-0199"):
        assert value not in result.text


def test_original_only_on_request(key_env: str) -> None:
    result = apply_policy(NOTE_1, note_1_findings(), "coding", include_original=True)
    assert [r.original for r in result.replacements][:3] == [
        "Mary Johnson",
        "00123456",
        "03/14/2025",
    ]
    assert [r.operator for r in result.replacements] == [
        "role",
        "tag",
        "date_shift",
        "role",
        "tag",
        "role",
    ]
    assert "Mary" not in repr(result) and "Mary" not in repr(result.replacements)


def _shifted_dates(result: RedactionResult) -> list[datetime]:
    out = []
    for rep in result.replacements:
        if rep.entity_type == "DATE":
            value = result.text[rep.new_start : rep.new_end]
            for fmt in ("%m/%d/%Y", "%B %d, %Y"):
                try:
                    out.append(datetime.strptime(value, fmt))
                    break
                except ValueError:
                    continue
    return out


@pytest.mark.parametrize("policy", ["coding", "surrogate"])
def test_two_notes_of_one_patient_are_consistent(key_env: str, policy: str) -> None:
    one = apply_policy(NOTE_1, note_1_findings(), policy)
    two = apply_policy(NOTE_2, note_2_findings(), policy)
    # the same offset: 3/14/2025 in note 1 and "March 14, 2025" in note 2 land on the same day
    (surgery_1,) = _shifted_dates(one)
    follow_up, surgery_2 = _shifted_dates(two)
    assert surgery_1 == surgery_2
    assert (follow_up - surgery_2).days == 28
    if policy == "surrogate":
        surname = replaced(one)[0].split()[-1]
        assert replaced(two)[2] == surname  # "Johnson" -> the same surrogate surname
        assert replaced(one)[5] == surname
        assert replaced(one)[1] == replaced(apply_policy(NOTE_1, note_1_findings(), policy))[1]


@pytest.mark.parametrize("policy", ["coding", "surrogate", "hash", "encrypt"])
def test_same_text_same_output_across_calls(key_env: str, policy: str) -> None:
    assert (
        apply_policy(NOTE_1, note_1_findings(), policy).text
        == apply_policy(NOTE_1, note_1_findings(), policy).text
    )


def test_patient_key_from_caller_matches_the_mrn() -> None:
    by_mrn = apply_policy(NOTE_1, note_1_findings(), "surrogate", key=TEST_KEY)
    by_caller = apply_policy(
        NOTE_1, note_1_findings(), "surrogate", key=TEST_KEY, patient_key=" 00-123456 "
    )
    assert by_mrn.text == by_caller.text


@pytest.mark.parametrize("policy", ["coding", "surrogate", "hash"])
def test_other_patients_and_keys_differ(policy: str) -> None:
    base = apply_policy(NOTE_1, note_1_findings(), policy, key=TEST_KEY)
    other_patient = apply_policy(NOTE_1, note_1_findings(), policy, key=TEST_KEY, patient_key="999")
    other_key = apply_policy(NOTE_1, note_1_findings(), policy, key=OTHER_KEY)
    assert base.text != other_patient.text
    assert base.text != other_key.text


def test_date_offsets_stay_in_range_and_spread() -> None:
    key = KeyMaterial(TEST_KEY)
    offsets = {date_offset(key, f"patient:{i}", -365, -1) for i in range(200)}
    assert all(-365 <= o <= -1 for o in offsets)
    assert len(offsets) > 150  # 200 patients, 365 possible offsets
    assert {date_offset(key, "patient:1", 5, 5)} == {5}


def test_configured_shift_range_and_keep_year() -> None:
    policy = load_policy(
        {
            "entities": {
                "DATE": {
                    "operator": "date_shift",
                    "min_days": -30,
                    "max_days": -30,
                    "keep_year": True,
                }
            }
        }
    )
    text = "Seen 1/10/2025 and 3/14/2025."
    findings = spans(text, ("1/10/2025", "DATE"), ("3/14/2025", "DATE"))
    assert (
        apply_policy(text, findings, policy, key=TEST_KEY).text == "Seen 12/11/2025 and 2/12/2025."
    )


def test_unparseable_date_falls_back_to_a_tag() -> None:
    text = "Surgery was the day after Thanksgiving; POD 3 today."
    findings = spans(text, ("the day after Thanksgiving", "DATE"))
    result = apply_policy(text, findings, "coding", key=TEST_KEY)
    assert result.text == "Surgery was [DATE]; POD 3 today."
    assert result.replacements[0].operator == "tag"


def test_birth_date_of_a_patient_over_89_is_tagged_not_shifted() -> None:
    text = "DOB: 2/3/1931. Age: 94. Date of service: 3/14/2025."
    findings = spans(text, ("2/3/1931", "DATE"), ("94", "AGE"), ("3/14/2025", "DATE"))
    out = apply_policy(text, findings, "coding", key=TEST_KEY).text
    assert out.startswith("DOB: [DATE]. Age: 90+. Date of service: ")
    assert re.search(r"service: \d{1,2}/\d{1,2}/202[45]\.$", out)


@pytest.mark.parametrize("policy", PRESET_NAMES)
def test_ages_over_89_become_90_plus_in_every_policy(key_env: str, policy: str) -> None:
    text = "A 92-year-old woman. Age: 101"
    findings = [Finding(2, 4, "AGE", 1.0), Finding(text.index("101"), len(text), "AGE", 1.0)]
    assert apply_policy(text, findings, policy).text == "A 90+-year-old woman. Age: 90+"


@pytest.mark.parametrize("policy", PRESET_NAMES)
def test_layout_is_preserved(key_env: str, policy: str) -> None:
    text = "Address:\n  1 Main St\n  Boston, MA 02118\nPhone: (617) 555-0199\n\nSigned: Ann Lee\n"
    findings = spans(
        text,
        ("1 Main St\n  Boston, MA 02118", "ADDRESS"),
        ("(617) 555-0199", "PHONE"),
        ("Ann Lee", "NAME"),
    )
    out = apply_policy(text, findings, policy).text
    assert out.count("\n") == text.count("\n")
    assert out.startswith("Address:\n  ")
    assert [line.split(":")[0] for line in out.splitlines() if ":" in line][:1] == ["Address"]
    assert "\nPhone: " in out and "\n\nSigned: " in out
    assert "Main" not in out and "Boston" not in out


def test_encrypted_multi_line_finding_restores_exactly() -> None:
    from redactphi.policies import reidentify

    text = "Home:\n1 Main St\nBoston, MA 02118\nend"
    findings = spans(text, ("1 Main St\nBoston, MA 02118", "ADDRESS"))
    out = apply_policy(text, findings, "encrypt", key=TEST_KEY).text
    assert out.count("\n") == text.count("\n")
    assert reidentify(out, KeyMaterial(TEST_KEY)) == text


def test_overlapping_and_out_of_range_findings_are_merged_not_lost() -> None:
    text = "Dr. Ann Lee-Park saw her."
    findings = [
        Finding(4, 11, "NAME", 0.8),
        Finding(8, 16, "NAME", 0.9),
        Finding(21, 99, "NAME", 0.5),
    ]
    result = apply_policy(text, findings)
    assert result.text == "Dr. [NAME] saw [NAME]"
    assert [(f.start, f.end) for f in result.findings] == [(4, 16), (21, 25)]


def test_without_mrn_or_patient_key_values_are_tied_to_the_note() -> None:
    text_a = "Surgery 3/14/2025, follow-up 4/11/2025."
    text_b = "Surgery 3/14/2025, follow-up 4/11/2025. "
    find = [("3/14/2025", "DATE"), ("4/11/2025", "DATE")]
    a = apply_policy(text_a, spans(text_a, *find), "coding", key=TEST_KEY)
    again = apply_policy(text_a, spans(text_a, *find), "coding", key=TEST_KEY)
    b = apply_policy(text_b, spans(text_b, *find), "coding", key=TEST_KEY)
    assert a.text == again.text  # deterministic
    assert a.text != b.text.rstrip()  # another note, another offset
    for result in (a, b):
        first, second = (datetime.strptime(v, "%m/%d/%Y") for v in replaced(result))
        assert (second - first).days == 28


def test_unknown_entity_types_use_the_default() -> None:
    text = "Badge 4471 used."
    result = apply_policy(text, [Finding(6, 10, "BADGE", 0.9)], "mask")
    assert result.text == "Badge **** used."
