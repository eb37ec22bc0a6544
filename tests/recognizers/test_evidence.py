"""The allow layer decides on a finding's evidence, never on its score."""

from __future__ import annotations

import pytest

from redactphi import Redactor
from redactphi.allowlist import AllowList
from redactphi.models import FIRM, OUTRANKS_EPONYM, Evidence, Finding

ALLOW = AllowList()

# (text, finding type, evidence, kept by the allow layer) for every evidence kind
EPONYM = "Kelly clamp applied."  # a name before a device noun
CODE = "0489T"  # a Category III CPT code
SYSTEM = "Montreal classification A2"  # a grading system named after a city


def _case(text: str, entity_type: str, evidence: Evidence, length: int) -> bool:
    return ALLOW.keeps(text, Finding(0, length, entity_type, 0.5, "test", None, evidence))


@pytest.mark.parametrize("evidence", list(Evidence))
def test_an_eponym_outranks_every_evidence_but_an_identifiers(evidence: Evidence) -> None:
    assert _case(EPONYM, "NAME", evidence, 5) is (evidence not in OUTRANKS_EPONYM)


@pytest.mark.parametrize("evidence", list(Evidence))
def test_a_code_is_kept_unless_firm_evidence_found_it(evidence: Evidence) -> None:
    assert _case(CODE, "OTHER_ID", evidence, 5) is (evidence not in FIRM)


@pytest.mark.parametrize("evidence", list(Evidence))
def test_a_grading_system_is_kept_unless_firm_evidence_found_it(evidence: Evidence) -> None:
    assert _case(SYSTEM, "CITY", evidence, 8) is (evidence not in FIRM)


def test_the_score_does_not_decide() -> None:
    weak_but_sure = Finding(0, 5, "OTHER_ID", 1.0, "test", None, Evidence.PATTERN)
    firm_but_low = Finding(0, 5, "OTHER_ID", 0.1, "test", None, Evidence.LABEL)
    assert ALLOW.keeps(CODE, weak_but_sure) and not ALLOW.keeps(CODE, firm_but_low)


# Through the engine: (text, value, evidence the engine reports, or None when the value is kept)
ENGINE = [
    ("Patient: Mary Allen\ttest pending.", "Mary Allen", Evidence.HEADER),  # header beats eponym
    ("Seen by Dr. Allen today.", "Allen", Evidence.CUE),
    ("Dr. Kelly clamp applied.", "Kelly", None),  # a cue gives way to the eponym's noun
    ("MRN: 0489T", "0489T", Evidence.LABEL),  # a label beats the code
    ("Acct 0489T", "0489T", Evidence.LABEL),
    ("ID 0489T", "0489T", None),  # a generic "ID" only hints: the code is kept
]


@pytest.mark.parametrize(("text", "value", "evidence"), ENGINE)
def test_the_engine_reports_the_evidence_the_allow_layer_read(
    redactor: Redactor, text: str, value: str, evidence: Evidence | None
) -> None:
    found = [(text[f.start : f.end], f.evidence) for f in redactor.analyze(text)]
    if evidence is None:
        assert all(value not in v for v, _ in found)
    else:
        assert (value, evidence) in found
