"""AgeRecognizer (redactphi/recognizers/ages.py) through the real Redactor.

Ages of 90 and over are PHI; 89 and younger stay, and so do numbers from 90 up that are not
ages (doses, saturations, heart rates, minutes), the age rule's "bad checksum".
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

A = "AGE"

# fmt: off
CASES = [
    # blank runs of any length around the age (the rules cross a run once, never backtrack)
    pytest.param(
        "Age:" + " " * 40 + "95\nHistory:" + "\t" * 12 + "92" + " " * 30 + "yo",
        [("95", A), ("92", A)], ["History"], id="blank-runs",
    ),
    pytest.param(
        "Pain 3/10." + " " * 50 + "93 male with gout. " + "\n" * 8 + "91   woman", [("93", A),
        ("91", A)], ["3/10", "gout"], id="lead-after-blank-run",
    ),
    pytest.param(
        "92 yo female with scleroderma for 0489T, right hand.", [("92", A)],
        ["0489T", "right hand"], id="yo",
    ),
    pytest.param(
        "A 92-year-old man with rest pain (I70.25).", [("92", A)], ["I70.25"], id="year-old",
    ),
    pytest.param("Aged 94, lives alone.", [("94", A)], ["lives alone"], id="aged"),
    pytest.param("Age: 101\nSex: F", [("101", A)], ["Sex"], id="age-label-101"),
    pytest.param("93 y/o M s/p fall.", [("93", A)], ["s/p fall"], id="y-slash-o"),
    pytest.param("95yo with fistula.", [("95", A)], ["fistula"], id="yo-joined"),
    pytest.param("a 90 year old woman", [("90", A)], ["woman"], id="ninety-year-old"),
    pytest.param("97 YO M WITH CLI. HR 92.", [("97", A)], ["HR 92"], id="caps"),
    pytest.param("99F with Crohn's disease.", [("99", A)], ["Crohn's disease"], id="age-sex"),
    pytest.param(
        "She is in her late nineties.", [("late nineties", A)], [], id="in-her-nineties",
    ),
    pytest.param("Age 90, ASA 3.", [("90", A)], ["ASA 3"], id="age-90"),
    pytest.param("She is 92 years of age.", [("92", A)], [], id="years-of-age"),
    pytest.param("Pt is a 92 y.o. female.", [("92", A)], ["female"], id="y-dot-o"),
    pytest.param("92 gentleman s/p fall", [("92", A)], ["s/p fall"], id="lead-gentleman"),
    pytest.param("The patient, age 96, was seen.", [("96", A)], [], id="age-in-prose"),
    pytest.param("Centenarian, 103 years old.", [("103", A)], [], id="over-100"),
    pytest.param(
        "(92M) admitted for 0263T.", [("92", A)], ["0263T"], id="age-sex-in-brackets",
    ),
    pytest.param(
        "ninety-two year old woman", [("ninety-two", A)], ["woman"], id="spelled-out",
    ),
    # -- kept: under 90 --------------------------------------------------------------------------
    pytest.param("89 yo female; 89-year-old sister.", [], ["89"], id="eighty-nine"),
    pytest.param("Age: 62  MRN on file", [], ["62"], id="age-62"),
    pytest.param("45 y/o M with perianal Crohn's.", [], ["45"], id="age-45"),
    # -- kept: numbers of 90 and more that are not ages ------------------------------------------
    pytest.param(
        "Aspirin 90 mg daily; cefazolin 2 g; lidocaine 1% 10 mL.", [],
        ["90 mg", "2 g", "1%", "10 mL"], id="doses",
    ),
    pytest.param(
        "SpO2 95% on room air, HR 92, BP 130/90.", [], ["95%", "92", "130/90"], id="vitals",
    ),
    pytest.param(
        "Hgb 9.2, plt 95, 95 units insulin.", [], ["9.2", "plt 95", "95 units"], id="labs",
    ),
    pytest.param(
        "Tourniquet 90 minutes; 100 mL lipoaspirate; 94 cm.", [],
        ["90 minutes", "100 mL", "94 cm"], id="durations-volumes",
    ),
    pytest.param(
        "CPT 0489T x1, 20610 x2 (units 90).", [], ["0489T", "20610", "90"], id="codes-units",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_ages(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
