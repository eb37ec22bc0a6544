"""Name rules for classes of evidence seen on unseen notes (issue 9), one table per rule.

Each row: positives in several casings and spacings, and look-alikes that must be kept
(organisms, devices, eponyms, drugs, codes, clinical words after the same cue). Names are invented.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

N = "NAME"

# fmt: off
RELATION = [  # names/relation.py
    pytest.param("Spoke with Maribel (daughter) by phone.", [("Maribel", N, "RELATIVE")],
                 ["phone"], id="first-name-daughter"),
    pytest.param("Updated Rudolf Quellmatz (husband) at 14:00.",
                 [("Rudolf Quellmatz", N, "RELATIVE")], ["14:00"], id="full-name-husband"),
    pytest.param("called okafor, rudolf (pt's son) re plan", [("okafor, rudolf", N)],
                 ["plan"], id="lower-last-first-pts-son"),
    pytest.param("Contact: Ellen Brasher (HCP) 555-201-3344", [("Ellen Brasher", N)], [],
                 id="hcp"),
    pytest.param("Family (wife) at bedside, plan reviewed (son).", [],
                 ["Family", "plan reviewed"], id="no-name-before-relation"),
    pytest.param("Pt given Lasix (wife aware).", [], ["Lasix"], id="drug-before-relation-text"),
]
NICKNAME = [  # names/nickname.py
    pytest.param('Patient: Robert "Bobby" Quellmatz', [("Bobby", N)], [], id="quoted-between"),
    pytest.param('OKAFOR, ADAEZE ("DAISY")', [("DAISY", N)], [], id="quoted-paren-caps"),
    pytest.param("Prefers to be called 'Tink'.", [("Tink", N)], [], id="prefers-called"),
    pytest.param("pt goes by Mimi, lives alone", [("Mimi", N)], ["lives alone"],
                 id="goes-by-unquoted"),
    pytest.param('Placed a "Foley" per protocol; the "Celution" device processed fat.', [],
                 ["Foley", "Celution"], id="quoted-device-words"),
    pytest.param('Pt states "pain is better".', [], ["pain is better"], id="quoted-speech-words"),
    pytest.param('PT ANXIOUS, C/O "CAN\'T SLEEP", SEVERE "CHEST TIGHTNESS" OVERNIGHT.', [],
                 ["CAN'T SLEEP", "CHEST TIGHTNESS"], id="quoted-speech-caps"),
]
TITLES = [  # names/titles.py: role words as titles, plural titles
    pytest.param("RRT Quellmatz suctioned the ETT.", [("Quellmatz", N)], ["ETT"], id="rrt"),
    pytest.param("Discussed with house officer Brevik.", [("Brevik", N)], [],
                 id="house-officer"),
    pytest.param("Chaplain Okonjo visited the family; Mr. Brevik updated the plan of care.",
                 [("Okonjo", N)], ["family"], id="chaplain"),
    pytest.param("rabbi feldhaus in to see pt", [("feldhaus", N)], [], id="rabbi-lower"),
    pytest.param("Drs. Okafor and Quist reviewed the MRI.", [("Okafor", N), ("Quist", N)],
                 ["MRI"], id="drs-and"),
    pytest.param("Drs' Brevik, Feldhaus aware.", [("Brevik", N), ("Feldhaus", N)], [],
                 id="drs-apostrophe-comma"),
    pytest.param("PA pressures 40s; pa catheter in place; RT arm warm.", [],
                 ["PA pressures", "pa catheter", "RT arm"], id="pa-rt-not-titles"),
    pytest.param("cvp 12, pa numbers 40s/20s. Suctioned by RT. Transfused 1 unit.", [],
                 ["numbers", "Transfused"], id="pa-rt-before-words"),
]
INITIAL_SURNAME = [  # names/contacts.py: an initial without its period
    pytest.param("per x quellmatz, continue drip", [("x quellmatz", N)], ["continue drip"],
                 id="per-initial-lower"),
    pytest.param("J Brevik aware of K 3.2.", [("J Brevik", N)], ["K 3.2"], id="initial-aware"),
    pytest.param("E. coli in urine, per ID", [], ["E. coli"], id="organism"),
    pytest.param("per a nurse, pt slept", [], ["a nurse"], id="article-not-initial"),
    pytest.param("BP DOWN TO THE 80'S. HO NOTIFIED. STRICT I&O. PLEASANT AND CALM.", [],
                 ["HO", "PLEASANT"], id="plural-s-and-i-and-o-not-initials"),
]
EHR_SPACING = [  # names/headers.py and names/last_first.py
    pytest.param("Patient:  QUELLMATZ ,  ROBERT  J   MRN: KX4471",
                 [("QUELLMATZ ,  ROBERT  J", N, "PATIENT")], ["MRN"], id="padded-last-first"),
    pytest.param("BREVIK ,  SOLVEIG\nAllergies: NKDA", [("BREVIK ,  SOLVEIG", N)], ["NKDA"],
                 id="line-last-first-space-comma"),
    pytest.param("Anesthesia:  General   ETT:  7.0", [], ["General"], id="padded-non-names"),
]
AUDIT = [  # vocabulary/data/roles.toml: audit footers name the user
    pytest.param("Accessed by: Marisol Quintanilla-Ortiz 03/14 07:45",
                 [("Marisol Quintanilla-Ortiz", N)], [], id="accessed-by"),
    pytest.param("Last edited by:  Tobiah Wrenfield", [("Tobiah Wrenfield", N)], [],
                 id="last-edited-by"),
    pytest.param("User: Epic System Report", [], ["Epic System Report"], id="user-not-person"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "phi", "keep"),
    RELATION + NICKNAME + TITLES + INITIAL_SURNAME + EHR_SPACING + AUDIT,
)
def test_name_classes(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
