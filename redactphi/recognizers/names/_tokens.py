"""Token patterns and cue vocabularies shared by the name rules."""

from __future__ import annotations

import regex

from redactphi.vocabulary import dates, people
from redactphi.vocabulary.roles import kin_pattern

WORD = r"\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*"
INITIAL = r"\p{L}\."
# Lower-case surname particles: "von Stein", "van der Berg", "de la Cruz".
PARTICLE = r"(?:van|von|de|del|della|der|den|di|da|du|la|le|st\.?|bin|ibn|al|el|dos|das|ten|ter|o)"
# Credentials and titles live in the vocabulary (one spelling for detection and policies).
CREDENTIALS = people.credential_pattern()
TITLES = people.words_pattern(people.titles(cue=True))
KIN = kin_pattern()
MONTHS = dates.month_names()
# Words that end a name inside a header value ("Patient: Ann Lee MRN 123").
STOP_WORDS = frozenset(
    [
        "mrn",
        "dob",
        "dos",
        "age",
        "sex",
        "acct",
        "account",
        "fin",
        "csn",
        "room",
        "rm",
        "bed",
        "date",
        "time",
        "id",
        "npi",
        "phone",
        "tel",
        "fax",
        "and",
        "with",
        "for",
        "at",
        "of",
        "the",
        "on",
        "to",
        "from",
        "was",
        "is",
        "who",
        "assisted",
        "assisting",
        "under",
        "via",
        "by",
        "m",
        "f",
        "male",
        "female",
        "y",
        "yo",
    ]
) | people.credentials("ends_name")

TOKEN = regex.compile(rf"{INITIAL}|{WORD}")
PARTICLE_RUN = regex.compile(rf"(?i)(?:{PARTICLE}[ \t]+)+(?={WORD})")
PARTICLE_WORD = regex.compile(rf"(?i){PARTICLE}")
KIN_WORD = regex.compile(rf"(?i)(?:{KIN})")
TITLE_WORD = regex.compile(TITLES)
CREDENTIAL_WORD = regex.compile(CREDENTIALS)
LAST_FIRST = regex.compile(
    rf"(?P<last>(?:(?i:{PARTICLE})[ \t]+){{0,2}}{WORD}(?:[ \t]+{WORD})?)[ \t]*,[ \t]*"
    rf"(?P<first>{WORD})(?:[ \t]+(?P<mid>{INITIAL}|\p{{L}}(?!\p{{L}})))?"
)


def is_credential(word: str) -> bool:
    return bool(CREDENTIAL_WORD.fullmatch(word))
