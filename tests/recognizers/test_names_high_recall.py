"""The high-recall profile (names/high_recall.py): name-slot words no dictionary claims.

Positives are names with no cue at all; look-alikes are the coding content the profile must
still keep: codes, drugs and biologics (USAN stems), eponyms before their noun, organisms,
acronyms and everyday words. Names are invented.
"""

from __future__ import annotations

import pytest

from redactphi import Redactor

from .conftest import Keep, Phi, check_row

N = "NAME"


@pytest.fixture(scope="module")
def high_recall() -> Redactor:
    return Redactor(profile="high-recall")


# fmt: off
CASES = [
    pytest.param("Quellmatz tolerated the procedure well.", [("Quellmatz", N)], ["procedure"],
                 id="unknown-capitalised-no-cue"),
    pytest.param("tolerated well, okafor resting.", [("okafor", N)], ["resting"],
                 id="name-table-word-lower"),
    pytest.param("CPT 0489T, 0748T; ICD-10 K60.3, M34.0 billed.", [],
                 ["0489T", "0748T", "K60.3", "M34.0"], id="codes"),
    pytest.param("Darvadstrocel 120 million cells; adalimumab 40 mg; remestemcel given.", [],
                 ["Darvadstrocel", "adalimumab", "remestemcel"], id="drug-stems"),
    pytest.param("Foley catheter placed; Kelly clamp applied; Crohn disease noted.", [],
                 ["Foley catheter", "Kelly clamp", "Crohn disease"], id="eponyms"),
    pytest.param("E. coli grew; ICU team adjusted PEEP and FiO2.", [],
                 ["coli", "ICU", "PEEP", "FiO2"], id="organism-acronyms"),
]
# fmt: on


@pytest.mark.parametrize(("text", "phi", "keep"), CASES)
def test_high_recall(high_recall: Redactor, text: str, phi: list[Phi], keep: list[Keep]) -> None:
    check_row(high_recall, text, phi, keep)


def test_default_profile_needs_a_cue(redactor: Redactor) -> None:
    text = "Quellmatz tolerated the procedure well."
    assert not redactor.analyze(text)
