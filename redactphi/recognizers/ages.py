"""Ages of 90 and over (Safe Harbor keeps younger ages).

``92 yo``, ``92-year-old``, ``aged 94``, ``age: 101``, ``93 y/o``, ``95yo``, ``a 90 year old``;
ages 0-89 and numbers that are not ages (``90 mg``, ``95% sat``) are kept.
"""

from __future__ import annotations

from redactphi.models import EntityType, Evidence
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer

AGE = r"(?P<age>9\d|1[0-2]\d)"
# An age before the word that says whose it is: "92 s/p", "95 WF".
AGE_BEFORE_PERSON = rf"{AGE}\s++(?=s/p\b|gentleman|lady|man\b|woman|male|female|[wbh]/?[mf]\b)"


def _is_old(value: str) -> bool | None:
    return int(value) >= 90 or False


class AgeRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.AGE.value,
            [
                GroupPattern(
                    "age_suffix",
                    rf"\b{AGE}[ \t]*+(?:-|\s)?[ \t]*+(?:y\.?o\.?|y/o|yrs?\.?(?:[ \t-]*old)?"
                    r"|years?(?:[ \t-]*old)?|year-old|yr-old|y\.o\b|yo[mf]\b|y[mf]?\b)",
                    0.9,
                    group="age",
                    validate=_is_old,
                    evidence=Evidence.CUE,
                ),
                GroupPattern(
                    "age_sex",
                    rf"\b{AGE}(?:[mf]|[ \t](?-i:[MF]))\b(?=[\s),.;/])",
                    0.85,
                    group="age",
                    validate=_is_old,
                    evidence=Evidence.CUE,
                ),
                GroupPattern(
                    "age_label",
                    rf"(?i)\b(?:age|aged|ages|age\s+at\s+\w+|age/sex|age/gender)\s*+[:=]?\s*+{AGE}(?!\d)",
                    0.85,
                    group="age",
                    validate=_is_old,
                    evidence=Evidence.LABEL,
                ),
                GroupPattern(
                    "age_in_nineties",
                    r"(?i)\b(?:in\s+(?:her|his|their)\s+)(?P<age>(?:late\s+|early\s+|mid[- ])?"
                    r"(?:nineties|90s|hundreds))",
                    0.8,
                    group="age",
                ),
                GroupPattern(
                    "age_words",
                    r"(?i)\b(?:ninety|one[ \t-]hundred)(?:[ \t-](?:and[ \t-])?(?:one|two|three|four"
                    r"|five|six|seven|eight|nine))?(?=[ \t-]++(?:years?|yrs?))",
                    0.85,
                    evidence=Evidence.CUE,
                ),
                GroupPattern(
                    "age_lead",
                    # Anchored at the start of a blank run and possessive: a long run is crossed once.
                    rf"(?im)(?:^[ \t]*+|[.:;]\s[ \t]*+|(?<!\s)\s{{3,}}+){AGE_BEFORE_PERSON}",
                    0.7,
                    group="age",
                    validate=_is_old,
                    evidence=Evidence.HINT,
                    cue=AGE_BEFORE_PERSON,
                ),
            ],
            name="AgeRecognizer",
        )
