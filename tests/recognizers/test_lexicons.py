"""Word lists (redactphi/recognizers/lexicons.py): census names, clinical terms, places, frequency.

Clinical words that the census also lists as names ("Foley", "Doppler") must be in the clinical
list, or every eponym would look like a person.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from redactphi.recognizers import lexicons as lx


def _in(table: Callable[[], frozenset[str]]) -> Callable[[str], bool]:
    return lambda word: word.lower() in table()


# fmt: off
CASES = [
    # census names, any case, hyphenated and with apostrophes
    (lx.is_first_name, "Maria", True),
    (lx.is_first_name, "AUGUSTINE", True),
    (lx.is_last_name, "kowalski", True),
    (lx.is_name_word, "Jean-Luc", True),
    (lx.is_name_word, "D'Angelo", True),
    (lx.is_name_word, "cefazolin", False),
    (lx.is_name_word, "0489T", False),
    # widened tables: 2010 Census surnames and SSA first names missing from the 1990 lists
    (lx.is_last_name, "Aafedt", True),
    (lx.is_last_name, "ABOAGYE", True),
    (lx.is_first_name, "Kaydence", True),
    (lx.is_first_name, "brycen", True),
    # ... but only where the name is ten times likelier than the English or clinical word
    (lx.is_last_name, "and", False),
    (lx.is_last_name, "lytes", False),
    (lx.is_first_name, "rhythm", False),
    # clinical terms that are never names
    (_in(lx.clinical_terms), "Foley", True),
    (_in(lx.clinical_terms), "Doppler", True),
    (_in(lx.clinical_terms), "Crohn", True),
    (_in(lx.clinical_terms), "Raynaud", True),
    # a common surname stays a name; "Allen test" is kept by the eponym-noun rule instead
    (_in(lx.clinical_terms), "Allen", False),
    (_in(lx.clinical_terms), "Okafor", False),
    # function words
    (_in(lx.function_words), "the", True),
    (_in(lx.function_words), "Brevik", False),
    # places
    (_in(lx.us_cities), "Dayton", True),
    (_in(lx.us_cities), "Thornbury", False),
    (_in(lx.us_counties), "Howard", True),
    (lambda w: lx.us_states().get(w.lower()) == "OH", "Ohio", True),
    (lambda w: lx.us_states().get(w.lower()) == "OH", "oh", True),
    # everyday English against rare words
    (lx.is_everyday_word, "today", True),
    (lx.is_everyday_word, "Okafor", False),
]
# fmt: on


@pytest.mark.parametrize(
    ("check", "word", "expected"), CASES, ids=[f"{w}-{e}" for _, w, e in CASES]
)
def test_lexicons(check: Callable[[str], bool], word: str, expected: bool) -> None:
    assert check(word) is expected


def test_name_likelihood_is_a_log_ratio() -> None:
    # A name borne by one person in a million, against a word seen once per billion words.
    assert lx.name_likelihood(1e-6, 0.0) == pytest.approx(3.0)
    # The same name against a word seen once per million words: equally likely.
    assert lx.name_likelihood(1e-6, 3.0) == pytest.approx(0.0)
