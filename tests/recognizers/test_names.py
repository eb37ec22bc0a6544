"""NameRecognizer (redactphi/recognizers/names/) through the real Redactor.

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
    # -- header fields, with the role they give --------------------------------------------------
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
        "Referring: Imelda Carbajal, MD", [("Imelda Carbajal", N, "REFERRING")], ["MD"],
        id="referring",
    ),
    pytest.param(
        "Referring physician: Dr. Imelda Carbajal",
        [("Imelda Carbajal", N, "REFERRING")], ["physician"], id="referring-dr",
    ),
    pytest.param(
        "Surgeon: Dr. Lena Okafor", [("Lena Okafor", N, "SURGEON")], [], id="surgeon-dr",
    ),
    pytest.param(
        "Assistant: Tomas Brevik, PA-C; Imelda Carbajal, RN",
        [("Tomas Brevik", N, "ASSISTANT"), ("Imelda Carbajal", N, "ASSISTANT")], ["PA-C", "RN"],
        id="two-assistants",
    ),
    pytest.param(
        "Emergency contact: Rudolf Okafor (husband) 555-201-3344",
        [("Rudolf Okafor", N, "RELATIVE"), ("555-201-3344", "PHONE")], ["husband"],
        id="emergency-contact",
    ),
    pytest.param(
        "Patient: Adaeze Okafor, 62F", [("Adaeze Okafor", N, "PATIENT")], ["62F"],
        id="patient-age-sex",
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
        "RN: Dagny Holloway\nScrub: Pablo Ostrowski", [("Dagny Holloway", N, "NURSE"),
        ("Pablo Ostrowski", N, "NURSE")], [], id="rn-scrub-fields",
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
    # -- titles ----------------------------------------------------------------------------------
    pytest.param(
        "Dr. Okafor injected darvadstrocel 120 million cells into the fistula tract.",
        [("Okafor", N)], ["darvadstrocel", "120 million cells"], id="dr-title",
    ),
    pytest.param(
        "Mr. Brevik was positioned supine; Ms. Quist applied the Kelly clamp.",
        [("Brevik", N), ("Quist", N)], ["Kelly clamp", "supine"], id="mr-ms",
    ),
    pytest.param(
        "Seen by NP Jorunn Eastwick today.", [("Jorunn Eastwick", N)], ["today"], id="np-title",
    ),
    pytest.param(
        "Mrs. O'Dwyer-Castellanos was seen. Dr. van der Berg reviewed the Doppler.",
        [("O'Dwyer-Castellanos", N), ("van der Berg", N)], ["Doppler"],
        id="apostrophe-hyphen-particle",
    ),
    pytest.param(
        "Dr. de la Cruz reviewed the Doppler.", [("de la Cruz", N)], ["Doppler"],
        id="particles-de-la",
    ),
    pytest.param(
        "José Núñez, MD and Dr. Zoë Ångström were present.",
        [("José Núñez", N), ("Zoë Ångström", N)], ["MD"], id="accented-names",
    ),
    # an eponym after a title is a person; the same word before a clinical noun is not
    pytest.param(
        "Dr. Parkinson evaluated the tremor. Parkinson disease suspected.",
        [((4, 13), N)], ["Parkinson disease"], id="dr-parkinson-vs-disease",
    ),
    pytest.param(
        "Dr. Foley placed a Foley catheter.", [((4, 9), N)], ["Foley catheter"],
        id="dr-foley-vs-catheter",
    ),
    pytest.param(
        "Dr. Rose White and Mr. Bill Young attended.",
        [("Rose White", N), ("Bill Young", N)], ["attended"], id="everyday-word-names",
    ),
    # -- credentials after a name ----------------------------------------------------------------
    pytest.param(
        "Harvest performed by Lena Okafor, MD with Tomas Brevik PA-C assisting.",
        [("Lena Okafor", N), ("Tomas Brevik", N)], ["MD", "PA-C"], id="credential-md-pa-c",
    ),
    pytest.param(
        "Counts correct x2 per Dagny Holloway RN and Pablo Ostrowski CRNA.",
        [("Dagny Holloway", N), ("Pablo Ostrowski", N)], ["Counts correct x2"],
        id="credential-rn-crna",
    ),
    pytest.param(
        "Consent by Marcus Feldhaus, DO; dressing by Jorunn Eastwick, NP.",
        [("Marcus Feldhaus", N), ("Jorunn Eastwick", N)], ["DO", "NP", "dressing"],
        id="credential-do-np",
    ),
    # -- LAST, FIRST M ---------------------------------------------------------------------------
    pytest.param(
        "KOWALSKI, AUGUSTINE M\nOPERATIVE REPORT", [("KOWALSKI, AUGUSTINE M", N)],
        ["OPERATIVE REPORT"], id="last-first-line",
    ),
    # -- lower-case notes ------------------------------------------------------------------------
    pytest.param(
        "spoke with dr fenwick about the plan. son bill called and was updated.",
        [("fenwick", N), ("bill", N, "RELATIVE")], ["plan"], id="lowercase-dr-son",
    ),
    pytest.param(
        "pt seen with dr. nakamura. daughter maria at bedside, pain 3/10.",
        [("nakamura", N), ("maria", N, "RELATIVE")], ["3/10"], id="lowercase-daughter",
    ),
    # -- all-caps notes --------------------------------------------------------------------------
    pytest.param(
        "lena okafor, md harvested the fat. dagny holloway, rn circulated.",
        [("lena okafor", N), ("dagny holloway", N)], ["harvested the fat"],
        id="lowercase-credentials",
    ),
    pytest.param(
        "pt lives at home with son. son helps with meds.", [], ["son"],
        id="lowercase-kin-word-alone",
    ),
    pytest.param(
        "d/w attending dr. feliciano, pt agreeable.", [("feliciano", N)], ["agreeable"],
        id="lowercase-attending",
    ),
    pytest.param(
        "PT SEEN BY DR FENWICK. WIFE MARGARETTE AT BEDSIDE. NEURO: INTACT.",
        [("FENWICK", N), ("MARGARETTE", N, "RELATIVE")], ["NEURO", "INTACT"], id="caps-dr-wife",
    ),
    pytest.param(
        "MRS. OKAFOR TOLERATED THE PROCEDURE. OKAFOR DISCHARGED.", [("OKAFOR", N)],
        ["TOLERATED THE PROCEDURE", "DISCHARGED"], id="caps-propagation",
    ),
    # -- kinship ---------------------------------------------------------------------------------
    pytest.param(
        "Sons Anders, Piet and Wilhelm visited.",
        [("Anders", N, "RELATIVE"), ("Piet", N, "RELATIVE"), ("Wilhelm", N, "RELATIVE")],
        ["visited"], id="kin-list",
    ),
    pytest.param(
        "husband, Rudolf, at bedside", [("Rudolf", N, "RELATIVE")], ["bedside"],
        id="kin-comma",
    ),
    pytest.param(
        "Her sister-in-law Henrike called.", [("Henrike", N, "RELATIVE")], [],
        id="kin-in-law",
    ),
    pytest.param(
        "Her daughter Maria and son Bill were updated by phone.",
        [("Maria", N, "RELATIVE"), ("Bill", N, "RELATIVE")], ["phone"], id="kin-mixed-case",
    ),
    pytest.param(
        "Wife (Ellen) will drive him home after the 0263T injections.",
        [("Ellen", N, "RELATIVE")], ["0263T"], id="kin-parenthesis",
    ),
    # -- propagation: a name found once is found everywhere --------------------------------------
    pytest.param(
        "Patient: Adaeze Okafor\nMrs. Okafor tolerated 0748T well. Okafor was discharged; "
        "Adaeze agreed with the plan.",
        [("Adaeze", N), ("Okafor", N)], ["0748T"], id="propagation",
    ),
    # -- contact verbs, sign-offs, transcription initials ----------------------------------------
    pytest.param(
        "Case discussed with Whitlock. Pruett aware of plan.",
        [("Whitlock", N), ("Pruett", N)], ["plan"], id="contact-census-surname",
    ),
    pytest.param(
        "Case discussed with Okonkwo, who agreed.", [("Okonkwo", N)], ["agreed"],
        id="contact-rare-surname",  # in the 2010 Census table, not the 1990 lists
    ),
    pytest.param("Dictated, not read.\n-- L.O.", [("L.O.", N)], ["Dictated"], id="sign-off"),
    pytest.param("LO/db", [("LO", N), ("db", N)], [], id="transcription-initials"),
    # -- spaCy PERSON and census names in prose --------------------------------------------------
    pytest.param(
        "Gregory Whitfield returns for the second 0263T session.",
        [("Gregory Whitfield", N)], ["0263T"], id="census-full-name",
    ),
    # -- look-alikes that stay -------------------------------------------------------------------
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
        "Will follow up in May. Hope to resume diet. Bill 0489T with modifier -RT.",
        # a month alone is a date element finer than a year: redacted as DATE, never NAME
        [("May", "DATE")], ["Will", "Hope", "Bill 0489T", "-RT"], id="capitalised-words",
    ),
    pytest.param(
        "Babinski negative, Murphy sign negative, Trendelenburg position, Mayo scissors, "
        "Metzenbaum scissors, Bovie cautery, Tegaderm dressing.",
        [], ["Babinski", "Murphy sign", "Trendelenburg", "Mayo scissors", "Metzenbaum",
             "Bovie", "Tegaderm"], id="eponyms-and-devices",
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
