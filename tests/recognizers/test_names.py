"""NameRecognizer (redactphi/recognizers/names.py) through the real Redactor.

Header fields with roles, titles, credentials, kinship, lower-case and all-caps notes,
``LAST, FIRST M``, signature lines and propagation; look-alikes that must stay: eponyms, section
headers, drugs, codes, doses and credentials themselves. All names are invented.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

N = "NAME"

# fmt: off
CASES = [
    # -- header fields, with the role they give -----------------------------------------------
    pytest.param(
        "Surgeon: Lena Okafor, MD\nProcedure: CPT 0489T, right hand",
        [("Lena Okafor", N, "SURGEON")], ["MD", "0489T", "right hand"], id="surgeon-md",
    ),
    pytest.param(
        "Assistant: Tomas Brevik, PA-C", [("Tomas Brevik", N, "ASSISTANT")], ["PA-C"],
        id="assistant-pa-c",
    ),
    pytest.param(
        "Anesthesia: Wendell Quist, CRNA", [("Wendell Quist", N, "ANESTHESIA")], ["CRNA"],
        id="anesthesia-crna",
    ),
    pytest.param(
        "Anesthesiologist: Harriet Vandermolen, MD",
        [("Harriet Vandermolen", N, "ANESTHESIA")], ["MD"], id="anesthesiologist",
    ),
    pytest.param(
        "CRNA: Pablo Ostrowski\nAnesthesia type: General endotracheal",
        [("Pablo Ostrowski", N, "ANESTHESIA")], ["General endotracheal"], id="crna-field",
    ),
    pytest.param(
        "Referring: Ines Carbajal, MD", [("Ines Carbajal", N, "REFERRING")], ["MD"],
        id="referring",
    ),
    pytest.param(
        "Referring physician: Dr. Ines Carbajal",
        [("Ines Carbajal", N, "REFERRING")], ["physician"], id="referring-dr",
    ),
    pytest.param(
        "Patient: OKAFOR, ADAEZE N\nDOB: 02/11/1961",
        [("OKAFOR, ADAEZE N", N, "PATIENT")], ["DOB"], id="patient-last-first-caps",
    ),
    pytest.param(
        "Patient Name: Brevik, Solveig A.   MRN: 30417726",
        [("Brevik, Solveig A", N, "PATIENT")], ["MRN"], id="patient-name-last-first",
    ),
    pytest.param(
        "Attending: Marcus Feldhaus, MD", [("Marcus Feldhaus", N, "ATTENDING")], ["MD"],
        id="attending",
    ),
    pytest.param(
        "Circulating RN: Dagny Holloway", [("Dagny Holloway", N, "NURSE")], [],
        id="circulating-rn",
    ),
    pytest.param(
        "Cosigned by: Marguerite Delacroix-Ames, RN",
        [("Marguerite Delacroix-Ames", N)], ["RN"], id="cosigned-hyphenated",
    ),
    pytest.param(
        "Electronically signed by: Lena Okafor, MD on 03/14/2025 at 07:45",
        [("Lena Okafor", N)], ["07:45"], id="signature-line",
    ),
    pytest.param(
        "Surgeon: Lena Okafor, MD\nAssistant: Tomas Brevik, PA-C\n"
        "Anesthesia: Wendell Quist, CRNA\nPatient: OKAFOR, ADAEZE N",
        [("Lena Okafor", N, "SURGEON"), ("Tomas Brevik", N, "ASSISTANT"),
         ("Wendell Quist", N, "ANESTHESIA"), ("OKAFOR, ADAEZE N", N, "PATIENT")],
        ["MD", "PA-C", "CRNA"], id="op-note-header-block",
    ),
    # values that are not people
    pytest.param(
        "Anesthesia: General\nAssistant: None\nSurgeon: see below",
        [], ["General", "None", "see below"], id="header-values-not-names",
    ),
    # -- titles -------------------------------------------------------------------------------
    pytest.param(
        "Dr. Okafor injected darvadstrocel 120 million cells into the fistula tract.",
        [("Okafor", N)], ["darvadstrocel", "120 million cells"], id="dr-title",
    ),
    pytest.param(
        "Mr. Brevik was positioned supine; Ms. Quist applied the Kelly clamp.",
        [("Brevik", N), ("Quist", N)], ["Kelly clamp", "supine"], id="mr-ms",
    ),
    # -- credentials after a name -------------------------------------------------------------
    pytest.param(
        "Harvest performed by Lena Okafor, MD with Tomas Brevik PA-C assisting.",
        [("Lena Okafor", N), ("Tomas Brevik", N)], ["MD", "PA-C"], id="credential-md-pa-c",
    ),
    pytest.param(
        "Counts correct x2 per Dagny Holloway RN and Pablo Ostrowski CRNA.",
        [("Dagny Holloway", N), ("Pablo Ostrowski", N)], ["Counts correct x2"],
        id="credential-rn-crna",
    ),
    # -- LAST, FIRST M --------------------------------------------------------------------------
    pytest.param(
        "KOWALSKI, THEODORE M\nOPERATIVE REPORT", [("KOWALSKI, THEODORE M", N)],
        ["OPERATIVE REPORT"], id="last-first-line",
    ),
    # -- lower-case notes -------------------------------------------------------------------------
    pytest.param(
        "spoke with dr healey about the plan. son bill called and was updated.",
        [("healey", N), ("bill", N, "RELATIVE")], ["plan"], id="lowercase-dr-son",
    ),
    pytest.param(
        "pt seen with dr. nakamura. daughter maria at bedside, pain 3/10.",
        [("nakamura", N), ("maria", N, "RELATIVE")], ["3/10"], id="lowercase-daughter",
    ),
    # -- all-caps notes -------------------------------------------------------------------------
    pytest.param(
        "PT SEEN BY DR HEALEY. WIFE MARGARETTE AT BEDSIDE. NEURO: INTACT.",
        [("HEALEY", N), ("MARGARETTE", N, "RELATIVE")], ["NEURO", "INTACT"], id="caps-dr-wife",
    ),
    # -- kinship ----------------------------------------------------------------------------------
    pytest.param(
        "Her daughter Maria and son Bill were updated by phone.",
        [("Maria", N, "RELATIVE"), ("Bill", N, "RELATIVE")], ["phone"], id="kin-mixed-case",
    ),
    pytest.param(
        "Wife (Ellen) will drive him home after the 0263T injections.",
        [("Ellen", N, "RELATIVE")], ["0263T"], id="kin-parenthesis",
    ),
    # -- propagation: a name found once is found everywhere -------------------------------------
    pytest.param(
        "Patient: Adaeze Okafor\nMrs. Okafor tolerated 0748T well. Okafor was discharged; "
        "Adaeze agreed with the plan.",
        [("Adaeze", N), ("Okafor", N)], ["0748T"], id="propagation",
    ),
    # -- spaCy PERSON and census names in prose -----------------------------------------------------
    pytest.param(
        "Gregory Whitfield returns for the second 0263T session.",
        [("Gregory Whitfield", N)], ["0263T"], id="census-full-name",
    ),
    # -- look-alikes that stay --------------------------------------------------------------------
    pytest.param(
        "Raynaud phenomenon in both hands; Allen test normal; Doppler signals present.",
        [], ["Raynaud", "Allen test", "Doppler"], id="eponyms-raynaud-allen-doppler",
    ),
    pytest.param(
        "Crohn's disease with perianal fistula (K50.913); Foley catheter removed.",
        [], ["Crohn's disease", "Foley catheter", "K50.913"], id="eponyms-crohn-foley",
    ),
    pytest.param(
        "Scarpa's triangle marked; Kelly clamp on the vessel; Parkinson disease noted.",
        [], ["Scarpa's triangle", "Kelly clamp", "Parkinson"], id="eponyms-scarpa-kelly",
    ),
    pytest.param(
        "CV: RRR. Neuro: nonfocal. Resp: clear. Plan discussed today.",
        [], ["CV", "Neuro", "Resp", "today"], id="section-headers",
    ),
    pytest.param(
        "Cefazolin 2 g IV and lidocaine 1% with epinephrine given; pain 3/10.",
        [], ["Cefazolin 2 g", "lidocaine 1% with epinephrine", "3/10"], id="drugs-doses",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_names(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
