"""Facility recognizers (redactphi/recognizers/facilities.py) through the real Redactor.

Named hospitals, medical centers, clinics, surgery centers, rehab and nursing homes, wards and
labelled units; generic phrases ("the hospital", "OSH", "wound clinic") stay, the facility rule's
"bad checksum". Site terms (``site_terms``) are checked on a Redactor built once for the module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

FA = "FACILITY"
SITE_TERMS = ["Wexcombe", "Bramblecote Ward"]

# fmt: off
FACILITY_CASES = [
    pytest.param(
        "Transferred from Mercy Ridge General Hospital for 0263T.",
        [("Mercy Ridge General Hospital", FA)], ["Transferred from", "0263T"], id="hospital",
    ),
    pytest.param("LAKESIDE SURGERY CENTER OPERATIVE NOTE", [("LAKESIDE SURGERY CENTER", FA)],
                 ["OPERATIVE NOTE"], id="caps-surgery-center"),
    pytest.param("Hospital of Saint Anselm", [("Saint Anselm", FA)], [], id="hospital-of"),
    pytest.param("Seen at St. Brigid's Hospital.", [("St. Brigid's Hospital", FA)], [],
                 id="saint"),
    pytest.param("From Harlow Nursing Home.", [("Harlow Nursing Home", FA)], [],
                 id="nursing-home"),
    pytest.param("Brookhaven Rehabilitation Center", [("Brookhaven Rehabilitation Center", FA)],
                 [], id="rehab"),
    pytest.param(
        "Pinecrest Clinic and Cedar Vale Medical Center.",
        [("Pinecrest Clinic", FA), ("Cedar Vale Medical Center", FA)], [], id="clinic-center",
    ),
    pytest.param("Okafor Family Practice", [("Okafor Family Practice", FA)], [],
                 id="practice-with-surname"),
    pytest.param(
        "seen at pinecrest clinic last week, then brookhaven rehab.",
        [("pinecrest clinic", FA), ("brookhaven rehab", FA)], ["last week"], id="lowercase",
    ),
    pytest.param("Unit: Tower 5 West", [("Tower 5 West", FA)], [], id="labelled-unit"),
    pytest.param("Admitted to Halvorsen 5 North overnight.", [("Halvorsen 5 North", FA)],
                 ["overnight"], id="ward"),
    pytest.param("Seen @QMH.", [("QMH", FA)], [], id="at-site"),
    # generic phrases stay
    pytest.param(
        "Returned to the hospital; outside hospital records; OSH films; wound clinic; "
        "our Hand Clinic; Surgery Center staff.", [],
        ["the hospital", "outside hospital", "OSH", "wound clinic", "Hand Clinic",
         "Surgery Center"], id="generic-phrases",
    ),
    pytest.param(
        "Follow-up at the Vein Center and the Cancer Center; cefazolin 2 g at 0730.", [],
        ["Vein Center", "Cancer Center", "2 g", "0730"], id="generic-centers",
    ),
    # without a site list a local name with no facility word is not known
    pytest.param("Seen at Wexcombe for 0489T.", [], ["Wexcombe", "0489T"],
                 id="no-site-list"),
]

SITE_CASES = [
    pytest.param(
        "Seen at Wexcombe for 0489T; wexcombe nurse called.",
        [("Wexcombe", FA), ("wexcombe", FA)], ["0489T"], id="any-case",
    ),
    pytest.param("Moved to Bramblecote Ward.", [("Bramblecote Ward", FA)], [],
                 id="multi-word"),
    pytest.param("WEXCOMBE PRE-OP AREA", [("WEXCOMBE", FA)], ["PRE-OP AREA"], id="caps"),
    pytest.param("Wexcombeville is elsewhere.", [], ["Wexcombeville"], id="whole-words"),
]
# fmt: on


@pytest.fixture(scope="module")
def site_redactor() -> Iterator[Redactor]:
    yield Redactor(site_terms=SITE_TERMS)


@pytest.mark.parametrize(("text", "phi", "keep"), FACILITY_CASES)
def test_facility(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), SITE_CASES)
def test_site_terms(site_redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(site_redactor, text, phi, keep)
