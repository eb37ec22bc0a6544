"""SsnRecognizer (redactphi/recognizers/ssn.py) through the real Redactor.

Dashed SSNs anywhere, bare nine digits after a label; numbers the SSA never issues (area 000,
666 or 9xx, group 00, serial 0000, the advertising numbers) are not SSNs.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

S = "SSN"

# fmt: off
CASES = [
    pytest.param("SSN: 301-27-4598", [("301-27-4598", S)], [], id="labelled-dashed"),
    pytest.param("SS# 301274598 on file", [("301274598", S)], ["on file"], id="labelled-bare"),
    pytest.param(
        "Social Security Number 301 27 4598.", [("301 27 4598", S)], [], id="labelled-spaces",
    ),
    pytest.param(
        "Her number 301-27-4598 was on the form; callback 555-201-3344.",
        [("301-27-4598", S), ("555-201-3344", "PHONE")], [], id="dashed-in-prose",
    ),
    pytest.param("ssn 412-68-3391", [("412-68-3391", S)], [], id="lowercase"),
    # never issued by the SSA
    pytest.param(
        "Invalid 000-12-3456 and 666-12-3456 and 912-34-5678 here.", [],
        [("000-12-3456", S), ("666-12-3456", S), ("912-34-5678", S)], id="bad-area",
    ),
    pytest.param(
        "Invalid 123-00-4567 and 123-45-0000 and 078-05-1120 here.", [],
        [("123-00-4567", S), ("123-45-0000", S), ("078-05-1120", S)],
        id="bad-group-serial-blacklist",
    ),
    # look-alikes: phone, date, codes
    pytest.param(
        "Call 555-201-3344 on 03-14-2025 re CPT 0489T, 15877-RT, L94.0.",
        [("555-201-3344", "PHONE"), ("03-14-2025", "DATE")],
        [("555-201-3344", S), ("03-14-2025", S), "0489T", "15877-RT", "L94.0"],
        id="look-alikes",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_ssn(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
