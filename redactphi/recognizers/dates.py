"""Dates finer than a year.

Formats: ``3/14``, ``03/14/2025``, ``3-14-25``, ``2025-03-14``, ``20250314`` (labelled),
``March 14th``, ``14 March 2025``, ``14-MAR-2025``, ``Mar 2025``, ``3/2025``. Every candidate is
checked against the calendar (no 13th month, no 31 April). Never matched: bare years, times,
durations, pain scores (``3/10``), blood pressures (``120/80``), fractions and ratios.
"""

from __future__ import annotations

import calendar

import regex

from redactphi.models import EntityType
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer

MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
YEAR4 = r"(?:19|20)\d{2}"
YEAR = r"(?:(?:19|20)\d{2}|'?\d{2})"
# Numbers that look like m/d but are scores or readings when these words are near.
SCORE_CONTEXT = regex.compile(
    r"(?i)(?:\b(?:pain|score|scale|strength|power|bp|b/p|blood\s+pressure|ratio|gcs|apgar|rass"
    r"|mmhg|grade|motor|sensation|vas|nrs|out\s+of|rated|rates|level|fio2|peep"
    r"|ps|psv|ips|bipap|a/c|simv|vent|cpap|settings?|tv|rr|abg|ci|hr|sbp"
    r"|map|nbp|abp|art\s+line|c/o|cp|discomfort|pressure|ache|angina|#|rales|crackles|"
    r"fractional|visual|acuity|vision)\b[^\n]{0,12}"
    r"|\b(?:mg|mcg|ml|cc|units?)[ \t]*)$"
)


def _valid_md(month: int, day: int, year: int | None = None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    days = calendar.monthrange(year or 2000, month)[1]  # 2000: leap, so 2/29 passes
    return day <= days


def _year(text: str) -> int:
    y = int(text.strip("'"))
    if len(text.strip("'")) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _numeric(value: str) -> bool | None:
    parts = [p for p in regex.split(r"[/.\-]", value) if p]
    if len(parts) == 3:
        if len(parts[0]) == 4:  # ISO
            return _valid_md(int(parts[1]), int(parts[2]), int(parts[0]))
        return _valid_md(int(parts[0]), int(parts[1]), _year(parts[2])) or _valid_md(
            int(parts[1]), int(parts[0]), _year(parts[2])
        )
    if len(parts) == 2:
        # 3/14 is a day of March; 12/82 (day 82) can only be December 1982.
        if _valid_md(int(parts[0]), int(parts[1])):
            return None
        return (1 <= int(parts[0]) <= 12 and len(parts[1]) == 2 and int(parts[1]) > 31) or False
    return False


def _halves(value: str) -> list[str]:
    parts = value.split("/")
    return ["/".join(parts[:2]), "/".join(parts[2:])]


def _month_day(value: str) -> bool | None:
    nums = [int(n) for n in regex.findall(r"\d+", value)]
    word = regex.search(r"[A-Za-z]{3,}", value)
    if not word:
        return False
    month = MONTHS.get(
        word.group().lower()[:3] if word.group().lower() not in MONTHS else word.group().lower()
    )
    if month is None:
        return False
    days = [n for n in nums if n <= 31]
    years = [n for n in nums if n > 31]
    if not days:
        return True  # "March 2025"
    return _valid_md(month, days[0], years[0] if years else None)


class ClinicalDateRecognizer(GroupPatternRecognizer):
    """Calendar-validated dates in numeric and month-name formats (see module docstring)."""

    def __init__(self) -> None:
        b = r"(?<![\d/.]|\d[\-:])"
        e = r"(?![\w/%]|[\-:.]\d|[ \t]*%)"
        super().__init__(
            EntityType.DATE.value,
            [
                GroupPattern("iso", rf"{b}{YEAR4}-\d{{1,2}}-\d{{1,2}}{e}", 0.9, validate=_numeric),
                GroupPattern(
                    "mdy", rf"{b}\d{{1,2}}([/.\-])\d{{1,2}}\1{YEAR}{e}", 0.85, validate=_numeric
                ),
                GroupPattern("md", rf"{b}\d{{1,2}}/\d{{1,2}}{e}", 0.6, validate=_numeric),
                GroupPattern("my", rf"{b}(?:0?[1-9]|1[0-2])/{YEAR4}{e}", 0.6),
                GroupPattern(
                    "month_day",
                    rf"\b{MONTH}[ \t]+{DAY}(?:(?:,[ \t]*|[ \t]+){YEAR4})?\b",
                    0.85,
                    validate=_month_day,
                ),
                GroupPattern(
                    "day_month",
                    rf"\b{DAY}(?:[ \t]+|-)(?:of[ \t]+)?{MONTH}(?:(?:,?[ \t]*|-){YEAR})?\b",
                    0.85,
                    validate=_month_day,
                ),
                GroupPattern(
                    "month_year",
                    rf"\b{MONTH}[ \t]+(?:of[ \t]+)?{YEAR4}\b",
                    0.7,
                    validate=_month_day,
                ),
                GroupPattern(
                    "md_pair",
                    rf"{b}(\d{{1,2}}/\d{{1,2}})/(\d{{1,2}}/\d{{1,2}}){e}",
                    0.7,
                    validate=lambda v: all(_numeric(p) is not False for p in _halves(v)) or False,
                ),
                GroupPattern(
                    "md_dot_yy",
                    rf"{b}\d{{1,2}}/\d{{1,2}}\.\d{{2}}{e}",
                    0.6,
                    validate=lambda v: _numeric(v.split(".")[0]) is not False or False,
                ),
                GroupPattern(
                    "month_alone",
                    rf"(?i)\b(?:in|since|during|until|till|by|early|late|mid|mid-|of|from|last|next)"
                    rf"[ \t]+(?P<v>{MONTH})(?![ \t]*\d)(?!\w)",
                    0.55,
                    group="v",
                ),
                GroupPattern(
                    "year_apostrophe",
                    r"(?<=\s)\d{2}'(?=[\s.,;])",
                    0.5,
                ),
                GroupPattern(
                    "the_ordinal",
                    r"(?i)\bthe[ \t]+(?P<v>(?:[12]?\d|3[01])(?:st|nd|rd|th))\b"
                    r"(?=[ \t]*(?:[.,;:!?)\"']|of\b|$))",
                    0.55,
                    group="v",
                ),
                GroupPattern(
                    "ordinal_day",
                    r"(?i)\b(?:on|since|until|till|by|from|before|after)[ \t]+the[ \t]+"
                    r"(?P<v>(?:[12]?\d|3[01])(?:st|nd|rd|th))\b(?![ \t]+(?:rib|intercostal|day"
                    r"|percentile|grade|cranial|nerve|toe|finger|week|time|dose|cycle|vertebra))",
                    0.6,
                    group="v",
                ),
                GroupPattern(
                    "compact",
                    r"(?<![\d\-/.])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d\-/.])",
                    0.6,
                    validate=lambda v: _valid_md(int(v[4:6]), int(v[6:8]), int(v[:4])) or False,
                ),
                GroupPattern(
                    "labelled_compact",
                    r"(?i)\b(?:dob|dos|date)\s*[:#]?\s*(?P<v>(?:19|20)\d{2}(?:0[1-9]|1[0-2])"
                    r"(?:0[1-9]|[12]\d|3[01]))\b",
                    0.85,
                    group="v",
                ),
            ],
            name="ClinicalDateRecognizer",
        )

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results = super().analyze(text, entities, nlp_artifacts)
        kept = []
        for r in results:
            value = text[r.start : r.end]
            if regex.fullmatch(r"\d{1,2}/\d{1,2}", value) and self._not_a_date(
                text, r.start, r.end
            ):
                continue
            if regex.fullmatch(r"\d{1,2}/\d{1,2}", value) and not self._date_cue(text, r.start):
                before = text[max(0, r.start - 40) : r.start]
                after = text[r.end : r.end + 12]
                # "3/10 pain", "5/5 strength", "BP 10/6", "1/2 NS", "2/2 units"
                if SCORE_CONTEXT.search(before) or regex.match(
                    r"(?i)\s*(?:pain|strength|str|power|motor|mmhg|tabs?|ns|normal|strength|"
                    r"scale|x\b|times|of|units?|amps?|bags?|score|\+|%)",
                    after,
                ):
                    continue
                if value.split("/")[1] in {"10", "5"} and regex.match(r"\s*(?:pain|str)", after):
                    continue
            # "may 2" is a date; "may 1-2 tabs" is a dose.
            if regex.fullmatch(r"(?i)may[ \t]+\d+", value) and regex.match(
                r"\s*(?:-|to|tabs?|mg|units?|x)", text[r.end : r.end + 6]
            ):
                continue
            kept.append(r)
        return kept

    @staticmethod
    def _date_cue(text: str, start: int) -> bool:
        return bool(
            regex.search(
                r"(?i)\b(?:on|since|from|until|dated?|admitted|adm|dos|dob|of|at\s+\d{4})[ \t]*$",
                text[max(0, start - 15) : start],
            )
        )

    @staticmethod
    def _not_a_date(text: str, start: int, end: int) -> bool:
        """Fractions, scores and settings that share the m/d shape."""
        num, den = (int(x) for x in text[start:end].split("/"))
        before = text[max(0, start - 60) : start]
        after = text[end : end + 30]
        if regex.search(
            r"(?i)\b(?:on|since|from|until|dated?|admitted|adm|dos|dob|of)[ \t]*$", before[-15:]
        ):
            return False
        if regex.search(r"[x*#~]$", before) or (
            den in (2, 3, 4, 8) and regex.search(r"(?<![\d.])\d[ \t]+$", before)
        ):
            return True  # "800x12/5", "#4/10", "1 1/2 hrs"
        if den in (2, 3, 4) and num < den and not text[start:end].startswith("0"):
            return True  # 1/2, 2/3: fractions far more often than 2 or 3 January
        if (
            den == 10
            and num <= 10
            and regex.search(
                r"(?i)pain|discomfort|angina|c/o|cp\b|pressure|ache|scale|rated?|aldrete|score|gcs"
                r"|apgar|strength|nrs|vas\b",
                before[-30:] + after,
            )
        ):
            return True
        if regex.search(
            r"(?i)\b(?:cpap|bi-?pap|peep|ps|psv|ips|simv|a/c|ventilation|vent\s+settings?|settings|strength"
            r"|motor|grip)\b",
            before[-40:],
        ):
            return True
        return bool(
            regex.match(r"(?i)[ \t]*(?:/|bipap|cpap|peep|ps\b|psv|ips|fio2|%|up\b|way)", after)
        )
