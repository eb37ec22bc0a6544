"""Role placeholders: header fields, sentence context, credentials, and linking mentions."""

from __future__ import annotations

import pytest

from redactphi import Finding
from redactphi.policies import apply_policy
from redactphi.policies.roles import assign_placeholders, infer_role, parse_name

from .conftest import spans

OP_NOTE = """\
OPERATIVE REPORT
Patient: Mary Ellen Johnson
Surgeon: Robert Chen, MD
Assistant: Priya Natarajan, PA-C
Anesthesiologist: David O'Brien, MD
Referring physician: Dr. Alan Weiss

Mrs. Johnson was brought to the operating room. Dr. Chen performed the harvest with the
assistance of Ms. Natarajan. Dr. O'Brien induced general anesthesia. Her husband, Tom Johnson,
was updated. Dr. Karen Lee, the radiologist, reviewed the images. Copy to DR. WEISS.
"""

NAMES = [
    ("Mary Ellen Johnson", "PATIENT"),
    ("Robert Chen", "SURGEON"),
    ("Priya Natarajan", "ASSISTANT"),
    ("David O'Brien", "ANESTHESIA"),
    ("Alan Weiss", "REFERRING"),
    ("Johnson", "PATIENT"),
    ("Chen", "SURGEON"),
    ("Natarajan", "ASSISTANT"),
    ("O'Brien", "ANESTHESIA"),
    ("Tom Johnson", "PERSON_1"),
    ("Karen Lee", "PROVIDER_2"),
    ("WEISS", "REFERRING"),
]


def test_roles_from_context_and_linked_mentions() -> None:
    findings = spans(OP_NOTE, *((name, "NAME") for name, _ in NAMES))
    labels = assign_placeholders(OP_NOTE, findings)
    assert [labels[i] for i in range(len(findings))] == [role for _, role in NAMES]


def test_coding_policy_writes_one_placeholder_per_person(key_env: str) -> None:
    findings = spans(OP_NOTE, *((name, "NAME") for name, _ in NAMES))
    out = apply_policy(OP_NOTE, findings, "coding").text
    assert "Surgeon: [SURGEON], MD" in out
    assert "Assistant: [ASSISTANT], PA-C" in out
    assert "Anesthesiologist: [ANESTHESIA], MD" in out
    assert "Referring physician: Dr. [REFERRING]" in out
    assert "Dr. [SURGEON] performed" in out and "assistance of Ms. [ASSISTANT]" in out
    assert "Copy to DR. [REFERRING]" in out
    for name, _ in NAMES:
        assert name not in out


def test_header_field_role_from_the_recognizer_wins() -> None:
    text = "Jane Doe and John Roe were present. Later Roe closed."
    findings = [
        Finding(0, 8, "NAME", 0.9, role="SURGEON"),
        Finding(13, 21, "NAME", 0.9, role="ASSISTANT"),
        Finding(42, 45, "NAME", 0.9),
    ]
    assert assign_placeholders(text, findings) == {0: "SURGEON", 1: "ASSISTANT", 2: "ASSISTANT"}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Surgeon: John Smith", "John Smith", "SURGEON"),
        ("SURGEON:\n    John Smith, MD", "John Smith", "SURGEON"),
        ("Attending surgeon: John Smith", "John Smith", "SURGEON"),
        ("Co-surgeon: John Smith", "John Smith", "SURGEON"),
        ("Assistant surgeon: John Smith", "John Smith", "ASSISTANT"),
        ("First assistant: John Smith", "John Smith", "ASSISTANT"),
        ("The procedure was assisted by John Smith.", "John Smith", "ASSISTANT"),
        ("Resident: John Smith", "John Smith", "ASSISTANT"),
        ("Anesthesia: general, by John Smith", "John Smith", "ANESTHESIA"),
        ("CRNA: John Smith", "John Smith", "ANESTHESIA"),
        ("Anesthesia attending: Dr. John Smith", "John Smith", "ANESTHESIA"),
        ("Block placed by John Smith, CRNA", "John Smith", "ANESTHESIA"),
        ("Referred by Dr. John Smith for evaluation", "John Smith", "REFERRING"),
        ("Referring: John Smith", "John Smith", "REFERRING"),
        ("Patient name: John Smith", "John Smith", "PATIENT"),
        ("Pt: John Smith", "John Smith", "PATIENT"),
        ("Mr. John Smith tolerated the procedure.", "John Smith", "PATIENT"),
        ("Patient seen by Dr. John Smith", "John Smith", "PROVIDER"),
        ("Discussed with John Smith, MD", "John Smith", "PROVIDER"),
        ("Electronically signed by John Smith", "John Smith", "PROVIDER"),
        ("His daughter John Smith was present", "John Smith", "PERSON"),
        ("Visitor John Smith waited", "John Smith", None),
    ],
)
def test_role_inference(text: str, name: str, role: str | None) -> None:
    start = text.index(name)
    assert infer_role(text, Finding(start, start + len(name), "NAME", 0.9))[0] == role


def test_label_before_an_earlier_name_does_not_leak() -> None:
    text = "Patient John Smith was seen by Ann Lee today."
    findings = spans(text, ("John Smith", "NAME"), ("Ann Lee", "NAME"))
    assert assign_placeholders(text, findings) == {0: "PATIENT", 1: "PERSON_1"}


def test_same_surname_different_first_names_are_different_people() -> None:
    text = "Patient: Mary Smith. Her husband John Smith. Mary Smith and Smith agreed."
    findings = spans(
        text,
        ("Mary Smith", "NAME"),
        ("John Smith", "NAME"),
        ("Mary Smith", "NAME"),
        ("Smith", "NAME"),
    )
    labels = assign_placeholders(text, findings)
    assert labels[0] == labels[2] == "PATIENT"
    assert labels[1] == "PERSON_1"


def test_initials_and_comma_form_link_to_the_full_name() -> None:
    text = "Surgeon: Robert Chen. Signed: CHEN, ROBERT. Also R. Chen and Dr. Chen's note."
    findings = spans(
        text,
        ("Robert Chen", "NAME"),
        ("CHEN, ROBERT", "NAME"),
        ("R. Chen", "NAME"),
        ("Chen's", "NAME"),
    )
    assert set(assign_placeholders(text, findings).values()) == {"SURGEON"}


def test_two_surgeons_are_numbered() -> None:
    text = "Surgeon: Ann Lee. Co-surgeon: Bo Park. Lee and Park closed."
    findings = spans(
        text, ("Ann Lee", "NAME"), ("Bo Park", "NAME"), ("Lee", "NAME"), ("Park", "NAME")
    )
    assert assign_placeholders(text, findings) == {
        0: "SURGEON", 1: "SURGEON_2", 2: "SURGEON", 3: "SURGEON_2",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("written", "first", "surname"),
    [
        ("John A. Smith", "john", "smith"),
        ("SMITH, JOHN A", "john", "smith"),
        ("Dr. Smith", None, "smith"),
        ("Smith's", None, "smith"),
        ("J. Smith, MD", "j", "smith"),
        ("Mary-Ellen O'Brien", "mary-ellen", "o'brien"),
    ],
)
def test_parse_name(written: str, first: str | None, surname: str) -> None:
    parts = parse_name(written)
    assert (parts.first, parts.surname) == (first, surname)
