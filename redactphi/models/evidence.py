"""What a finding rests on: the allow layer decides on this, never on the score."""

from __future__ import annotations

from enum import StrEnum

# The recognition_metadata key under which a recognizer reports its evidence.
EVIDENCE_KEY = "evidence"


class Evidence(StrEnum):
    HEADER = "header"  # a header field names the person ("Surgeon: Lena Okafor")
    LABEL = "label"  # a label names the value ("MRN: 0489T", "DOB", "NPI #")
    CHECKED = "checked"  # a check digit, the calendar or a range confirms the value
    FORMAT = "format"  # a shape only identifiers have (URL, e-mail, 123-45-6789, a street address)
    CUE = "cue"  # a word beside the value says what it is ("Dr.", ", MD", "wife", "County")
    HINT = "hint"  # context makes it likely, not sure ("NP Lee", "seen at", "phone:")
    PATTERN = "pattern"  # the value's shape alone (a long number, a month/day)
    LEXICON = "lexicon"  # a word list: census names, the gazetteer
    MODEL = "model"  # spaCy or the CRF tagger
    MEMORY = "memory"  # found elsewhere in the note or in the patient's other notes
    LIST = "list"  # the user's site or deny terms
    REVIEWED = "reviewed"  # a person marked it


# Evidence the allow layer never overrides: a clinical code, a grading system or a clinical word
# found this way is still PHI ("MRN: 0489T").
FIRM = frozenset(
    {
        Evidence.HEADER,
        Evidence.LABEL,
        Evidence.CHECKED,
        Evidence.FORMAT,
        Evidence.CUE,
        Evidence.LIST,
        Evidence.REVIEWED,
    }
)
# A name before an eponym's noun ("Kelly clamp") is a term even when a cue found it; only evidence
# that the value itself is an identifier outranks that.
OUTRANKS_EPONYM = FIRM - {Evidence.CUE}
