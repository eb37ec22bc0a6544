"""Location recognizers (redactphi/recognizers/locations.py) through the real Redactor.

Street addresses with unit, city, state and ZIP; PO boxes and rural routes; ``City, ST``;
ZIP codes; counties; gazetteer cities after a place cue. States alone stay (Safe Harbor keeps
them). Street and town names are invented; gazetteer rows need real US city names. A street
shape whose "name" is a dose or a count is the address rule's "bad checksum".
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

AD, CI, ZI, CO = "ADDRESS", "CITY", "ZIP", "COUNTY"

# fmt: off
ADDRESS_CASES = [
    pytest.param(
        "Lives at 4417 Larkspur Lane, Apt 3B, Thornbury, NY 12545 with her son.",
        [("4417 Larkspur Lane, Apt 3B, Thornbury, NY 12545", AD)], ["her son"],
        id="street-unit-city-state-zip",
    ),
    pytest.param(
        "Address: 88 N. Quillfeather Rd, Suite 210, Thornbury, OH 45013-2231",
        [("88 N. Quillfeather Rd, Suite 210, Thornbury, OH 45013-2231", AD)], [],
        id="direction-suite-zip4",
    ),
    pytest.param(
        "4417 Larkspur Lane, Thornbury, Ohio 45013",
        [("4417 Larkspur Lane, Thornbury, Ohio 45013", AD)], [], id="state-name",
    ),
    pytest.param(
        "4417 LARKSPUR LANE\nTHORNBURY, OH 45013",
        [("4417 LARKSPUR LANE\nTHORNBURY, OH 45013", AD)], [], id="caps-two-lines",
    ),
    pytest.param(
        "Mail to PO Box 4471, Thornbury, OH 45013. Or P.O. Box 88.",
        [("PO Box 4471, Thornbury, OH 45013", AD), ("P.O. Box 88", AD)], [], id="po-box",
    ),
    pytest.param(
        "RR 2 Box 118, Thornbury, OH 45013", [("RR 2 Box 118, Thornbury, OH 45013", AD)], [],
        id="rural-route",
    ),
    pytest.param(
        "Lives at 4417 Larkspur Lane, Thornbury, OH 45013; MRN 45013-A.",
        [("4417 Larkspur Lane, Thornbury, OH 45013", AD), ("45013-A", "MRN")], [],
        id="address-and-mrn",
    ),
    pytest.param(
        "lives at 4417 larkspur lane, thornbury, oh 45013.", [("4417 larkspur lane", AD),
        ("thornbury", CI), ("45013", ZI)], [], id="lowercase-address",
        marks=pytest.mark.xfail(
            reason="lower-case state code 'oh': the town before it is dropped", strict=True
        ),
    ),
    pytest.param(
        "Lives at 4417 Larkspur Lane in Thornbury.", [("4417 Larkspur Lane", AD),
        ("Thornbury", CI)], [], id="town-after-street",
        marks=pytest.mark.xfail(
            reason="a town outside the gazetteer after a street address is missed", strict=True
        ),
    ),
    pytest.param(
        "Given 2 units PRBC, 10 mg PO, 3 Drains placed; 2nd web space injected.", [],
        ["2 units", "10 mg PO", "3 Drains", "2nd web space"], id="doses-counts",
    ),
    pytest.param(
        "3 PORTABLE VIEWS OF CHEST OBTAINED.", [], ["3 PORTABLE VIEWS"], id="caps-views",
    ),
]

CITY_STATE_ZIP_CASES = [
    # a state is redacted only inside an address
    pytest.param("Thornbury, OH 45013", [("Thornbury", CI), ("OH", "STATE"), ("45013", ZI)], [],
                 id="city-state-zip"),
    pytest.param(
        "Transferred from Dayton, Ohio for 0263T.", [("Dayton", CI)], ["Ohio", "0263T"],
        id="known-city-state-name",
    ),
    pytest.param("ZIP: 45013. zip code 45013-2231.", [("45013", ZI), ("45013-2231", ZI)], [],
                 id="zip-labels"),
    pytest.param(
        "CABG, MVR, MI in 2019. Hx of CAD, HTN, DM, PA pressure 40.", [],
        ["CABG", "MVR", "MI", "CAD", "DM", "PA", "2019"], id="abbreviations-like-states",
    ),
    pytest.param("She is from Georgia.", [], ["Georgia"], id="state-alone"),
    # "home in" is a residence cue, so the town is found without the gazetteer
    pytest.param(
        "Admitted from Harlow Nursing Home in Thornbury, OH.",
        [("Harlow Nursing Home", "FACILITY"), ("Thornbury", CI)], ["OH"],
        id="unknown-town-after-home-in",
    ),
    pytest.param(
        "Admitted to Harlow Nursing Home; Thornbury, OH.",
        [("Harlow Nursing Home", "FACILITY"), ("Thornbury", CI)], ["OH"],
        id="unknown-town-state-no-zip",
        marks=pytest.mark.xfail(
            reason="'Town, ST' without a ZIP is dropped when the town is not in the gazetteer",
            strict=True,
        ),
    ),
]

COUNTY_CASES = [
    pytest.param("Resident of Halvorsen County.", [("Halvorsen County", CO)], ["Resident"],
                 id="county"),
    pytest.param("County: Halvorsen", [("Halvorsen", CO)], [], id="county-label"),
    pytest.param("From Howard County.", [("Howard County", CO)], ["From"], id="trim-from"),
    pytest.param("HALVORSEN COUNTY SHERIFF brought pt.", [("HALVORSEN COUNTY", CO)], [],
                 id="caps"),
    pytest.param(
        "Resident of halvorsen county.", [("halvorsen county", CO)], [], id="lowercase",
        marks=pytest.mark.xfail(reason="a lower-case county name is missed", strict=True),
    ),
    pytest.param(
        "County health nurse visits weekly; cefazolin 2 g.", [], ["County health", "2 g"],
        id="county-word-alone",
    ),
]

GAZETTEER_CASES = [
    pytest.param("Lives in Dayton with her son.", [("Dayton", CI)], ["her son"], id="lives-in"),
    pytest.param("Transferred from Springfield.", [("Springfield", CI)], [], id="transferred"),
    pytest.param("pt moved from kalamazoo last year.", [("kalamazoo", CI)], ["last year"],
                 id="lowercase"),
    pytest.param("MOVED FROM TOPEKA. LIVES WITH WIFE.", [("TOPEKA", CI)], ["WIFE"], id="caps"),
    pytest.param(
        "PT MOVED FROM ALBANY LAST YEAR.", [("ALBANY", CI)], ["LAST YEAR"],
        id="caps-frequent-city",
    ),
    pytest.param(
        "She lives in a mobile home near the lake; came in to clinic from work.", [],
        ["mobile home", "clinic", "work"], id="everyday-words",
    ),
    # a town the gazetteer lacks, named after a residence cue in mixed-case text
    pytest.param(
        "She lives in Wexcombe with her daughter; he moved to Thornbury Heights in May.",
        [("Wexcombe", CI), ("Thornbury", CI)], ["her daughter", "Heights"],
        id="residence-unknown-town",
    ),
    pytest.param(
        "Originally from Quillhaven. Resident of Marlowick; visiting from Ostbury.",
        [("Quillhaven", CI), ("Marlowick", CI), ("Ostbury", CI)], [],
        id="residence-cues",
    ),
    pytest.param(
        "Lives in a group home. Came from home; from OR to PACU; from 3 to 5 L. Lives in "
        "Assisted Living. Moved to Florida. Is from Ireland.",
        [], ["group home", "home", "OR", "3 to 5", "Assisted Living", "Florida", "Ireland"],
        id="residence-look-alikes",
    ),
    # a known city before its state, no comma
    pytest.param(
        "transferred to this towson maryland facility; born in Dover Delaware.",
        [("towson", CI), ("Dover", CI)], ["maryland", "Delaware"], id="city-state-no-comma",
    ),
    pytest.param(
        "Per new york state criteria; a Georgia peach; mild Texas accent.", [],
        ["new york state", "Georgia", "Texas"], id="city-state-look-alikes",
    ),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), ADDRESS_CASES)
def test_address(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), CITY_STATE_ZIP_CASES)
def test_city_state_zip(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), COUNTY_CASES)
def test_county(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)


@pytest.mark.parametrize(("text", "phi", "keep"), GAZETTEER_CASES)
def test_gazetteer_city(redactor: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(redactor, text, phi, keep)
