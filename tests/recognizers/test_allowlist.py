"""The allow layer (redactphi/allowlist.py) and user allow/deny terms, through the real Redactor.

What a coder needs stays: CPT/HCPCS codes (Category III too) and their modifiers, ICD-10-CM and
NUCC taxonomy codes, eponyms before clinical nouns, drugs, doses and volumes, laterality,
times, years alone and ages under 90, while the PHI in the same sentence is still found.
Sentences follow op notes for 0489T (adipose-derived cells, scleroderma hands), 0748T
(darvadstrocel, perianal Crohn's fistula) and 0263T (bone-marrow cells, limb ischemia).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from redactphi import Redactor, Settings

from .conftest import Keep, Phi, check_row

N = "NAME"

# fmt: off
KEEP_CASES = [
    # -- codes and modifiers ---------------------------------------------------------------------
    pytest.param(
        "CPT 0489T, 0748T, 0263T, 15877, 20610, 38230 with modifiers -50 -RT -LT -59 -22.", [],
        ["0489T", "0748T", "0263T", "15877", "20610", "38230", "-50", "-RT", "-LT", "-59",
         "-22"], id="cpt-and-modifiers",
    ),
    pytest.param(
        "Billed 15877-50, 20610-RT, 38230-59, 0489T-LT, 0748T-22, 0263T x2.", [],
        ["15877-50", "20610-RT", "38230-59", "0489T-LT", "0748T-22", "0263T x2"],
        id="code-modifier-pairs",
    ),
    pytest.param(
        "ICD-10 L94.0, K50.913, I70.25, M34.0; taxonomy 208600000X; HCPCS J3490, Q4186.", [],
        ["L94.0", "K50.913", "I70.25", "M34.0", "208600000X", "J3490", "Q4186"],
        id="icd10-taxonomy-hcpcs",
    ),
    pytest.param(
        "CPT: 0489T  ICD-10: M34.0  MRN: 30417726", [("30417726", "MRN")],
        ["0489T", "M34.0"], id="labelled-codes-beside-mrn",
    ),
    # -- op-note sentences -----------------------------------------------------------------------
    pytest.param(
        "Dr. Okafor harvested 60 mL of lipoaspirate from the left flank and injected "
        "adipose-derived regenerative cells into each digit of the right hand for Raynaud "
        "phenomenon and scleroderma (M34.0, L94.0), CPT 0489T-RT.",
        [("Okafor", N)],
        ["60 mL", "left flank", "right hand", "Raynaud phenomenon", "M34.0", "L94.0",
         "0489T-RT"], id="op-note-0489T",
    ),
    pytest.param(
        "Under MAC, Dr. Brevik curetted the perianal fistula tract and injected darvadstrocel "
        "120 million cells in 24 mL around the internal opening for Crohn's disease (K50.913), "
        "CPT 0748T; Kelly clamp and Foley catheter used.",
        [("Brevik", N)],
        ["darvadstrocel", "120 million cells", "24 mL", "Crohn's disease", "K50.913", "0748T",
         "Kelly clamp", "Foley catheter"], id="op-note-0748T",
    ),
    pytest.param(
        "Bone marrow (240 mL) aspirated from the right posterior iliac crest (38230) and "
        "injected into the left gastrocnemius at 40 sites for critical limb ischemia (I70.25), "
        "CPT 0263T-LT; Doppler signals improved; Scarpa's triangle marked; Allen test normal.",
        [], ["240 mL", "right posterior iliac crest", "38230", "left gastrocnemius", "40 sites",
             "I70.25", "0263T-LT", "Doppler", "Scarpa's triangle", "Allen test"],
        id="op-note-0263T",
    ),
    # -- drugs, doses, laterality, times, years, ages --------------------------------------------
    pytest.param(
        "Cefazolin 2 g IV at 0730; lidocaine 1% with epinephrine 10 mL; Marcaine 0.25% 20 mL; "
        "heparin 5000 units; closure at 2:45 pm.", [],
        ["Cefazolin 2 g", "0730", "lidocaine 1% with epinephrine", "10 mL", "Marcaine 0.25%",
         "20 mL", "heparin 5000 units", "2:45 pm"], id="drugs-doses-times",
    ),
    pytest.param(
        "Bilateral hands, right > left; left lower extremity; RLE and LUE spared.", [],
        ["Bilateral", "right > left", "left lower extremity", "RLE", "LUE"], id="laterality",
    ),
    pytest.param(
        "Diagnosed in 2019, 45 y/o at onset, 89 yo mother; ABI 0.45; tourniquet 90 minutes.",
        [], ["2019", "45", "89", "0.45", "90 minutes"], id="years-young-ages",
    ),
    # -- devices, products, systems, departments and place-named grading systems ---------------
    pytest.param(
        "Foley to gravity; Jackson-Pratt 30 cc; Swan-Ganz pulled; Hickman flushed; Blakemore "
        "tube placed. Urine from Foley; blood drawn from Hickman.", [],
        ["Foley", "Jackson-Pratt", "Swan-Ganz", "Hickman", "Blakemore"], id="device-eponyms",
    ),
    pytest.param(
        "FOLEY D/C'D. JP DRAIN X2. SWAN GANZ PULLED. hickman line clean, jackson pratt 20 cc.",
        [], ["FOLEY", "SWAN GANZ", "hickman line", "jackson pratt"], id="device-eponyms-case",
    ),
    pytest.param(
        "Cells processed in the Cytori Celution system. Orders in Epic; meds pulled from Pyxis "
        "and returned to Omnicell. EPIC downtime; PYXIS count.", [],
        ["Cytori Celution", "Epic", "Pyxis", "Omnicell", "EPIC", "PYXIS"], id="products",
    ),
    pytest.param(
        "Department of Surgery consulted. Radiology read the film. Seen in Wound Care Clinic; "
        "transferred to Dept of Medicine.", [],
        ["Department of Surgery", "Radiology", "Wound Care Clinic", "Dept of Medicine"],
        id="departments",
    ),
    pytest.param(
        "Montreal classification A2L3B1; Vienna classification B2; Mayo score 6; Cleveland "
        "Clinic score 12; Paris classification 0-IIa; Los Angeles grade B; Atlanta criteria; "
        "cleveland clinic incontinence score 9; BOSTON BOWEL PREP SCALE 8.", [],
        ["Montreal", "Vienna", "Mayo", "Cleveland Clinic", "Paris", "Los Angeles", "Atlanta",
         "cleveland clinic", "BOSTON"], id="place-named-systems",
    ),
    pytest.param(
        # the noun after a long blank run: the check crosses the run once (issue 12)
        "Scarpa's" + " " * 300 + "triangle marked; Allen\t\t\t\ttest normal; Montreal" + " " * 300
        + "classification A2L3B1; Kelly" + "\t" * 200 + "clamp applied.", [],
        ["Scarpa's", "Allen", "Montreal", "Kelly"], id="eponyms-across-blank-runs",
    ),
    pytest.param(
        "Transferred from Mercy Hospital in Dayton; Mercy Hospital protocol followed.",
        [("Mercy Hospital", "FACILITY"), ("Dayton", "CITY")], [], id="place-not-a-system",
    ),
    # -- eponyms with a person of the same name --------------------------------------------------
    pytest.param(
        "Mr. Allen was seen. Allen test normal.", [((4, 9), N)], ["Allen test"],
        id="allen-person-and-test",
    ),
    pytest.param(
        "Dr. Kelly used the Kelly clamp.", [((4, 9), N)], ["Kelly clamp"],
        id="kelly-person-and-clamp",
    ),
]
# fmt: on

ALLOW = ["Angel", "Maxwell Hartley"]
DENY = ["Ravenhill", "Sunflower Unit"]

# fmt: off
CONFIGURED_CASES = [
    pytest.param(
        "Cells concentrated with the Angel system; Dr. Lena Okafor present.",
        [("Lena Okafor", N)], ["Angel"], id="allow-term",
    ),
    pytest.param(
        "Fat processed with the Maxwell Hartley kit by Dr. Quist.", [("Quist", N)],
        ["Maxwell Hartley"], id="allow-two-words",
    ),
    pytest.param(
        "Lives at Ravenhill; transferred from the Sunflower Unit; ravenhill gate code.",
        [("Ravenhill", "OTHER_ID"), ("Sunflower Unit", "OTHER_ID"), ("ravenhill", "OTHER_ID")],
        ["gate code"], id="deny-terms",
    ),
    pytest.param(
        "Ravenhillside road; CPT 0489T.", [], ["Ravenhillside", "0489T"], id="deny-whole-words",
    ),
]
# fmt: on


@pytest.fixture(scope="module")
def configured() -> Iterator[Redactor]:
    yield Redactor(Settings(allow_terms=ALLOW, deny_terms=DENY))


@pytest.mark.parametrize(("text", "phi", "keep"), KEEP_CASES)
def test_keep_list(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), CONFIGURED_CASES)
def test_allow_and_deny_terms(
    configured: Redactor, text: str, phi: list[Phi], keep: list[Keep]
) -> None:
    check_row(configured, text, phi, keep)


def test_terms_change_what_the_default_finds(redactor: Redactor, configured: Redactor) -> None:
    """The configured rows above are not vacuous: without the terms the result differs."""
    text = "Fat processed with the Maxwell Hartley kit; lives at Ravenhill."
    # The rules alone: the learned tagger may find the place without any site list.
    rules = Redactor(tagger=False)
    default = {text[f.start : f.end] for f in rules.analyze(text)}
    configured_found = {text[f.start : f.end] for f in configured.analyze(text)}
    assert "Maxwell Hartley" in default and "Maxwell Hartley" not in configured_found
    assert "Ravenhill" not in default and "Ravenhill" in configured_found
