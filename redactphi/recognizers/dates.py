"""Dates finer than a year.

Formats: ``3/14``, ``03/14/2025``, ``3-14-25``, ``2025-03-14``, ``20250314`` (labelled),
``March 14th``, ``14 March 2025``, ``14-MAR-2025``, ``Mar 2025``, ``3/2025``. Every candidate is
checked against the calendar (no 13th month, no 31 April). Never matched: bare years, times,
durations, pain scores (``3/10``), blood pressures (``120/80``), fractions and ratios.

Classes of evidence beyond the bare shape:

- EHR spacing: ``DOB :  03 / 14 / 1961`` (spaces around the separators and after the label);
- a label (``DOB``, ``DOS``, ``Admitted``) or a range/list partner makes a month/day a date even
  when it is also a fraction (``3/4-3/9``; ``on 3/4, 3/6 and 3/9``) or impossible on the calendar
  (``DOS: 2/30``: a typo of a date is still a date);
- dates glued to words or times (``seen3/14``, ``3/14pm``);
- two-digit years after an apostrophe (``Jan '19``, ``3/14 '19``).
"""

from __future__ import annotations

import calendar

import regex
from presidio_analyzer import RecognizerResult

from redactphi.models import EntityType, Evidence
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer, word_sets
from redactphi.vocabulary.dates import full_year, month_numbers, month_pattern

MONTHS = month_numbers()
MONTH = month_pattern()
MONTH_WORDS = word_sets(MONTHS)  # a month name is a whole word wherever MONTH matches
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


# A label right before a value makes it a date whatever else its shape could be.
DATE_LABEL = (
    r"(?:dob|d\.o\.b\.?|dos|d\.o\.s\.?|birth[ \t]*date|date[ \t]+of[ \t]+(?:birth|service|surgery"
    r"|admission|discharge|procedure|injury|death)|(?:admit|admission|discharge|surgery|procedure"
    r"|service|visit|injury|onset)[ \t]+date|dated|date|admitted|discharged)"
)
# Words before a value that say a date follows (weaker than a label).
DATE_CUE = regex.compile(
    r"(?i)\b(?:on|since|from|until|dated?|admitted|adm|dos|dob|of|at\s+\d{4})[ \t]*$"
)
# Cues strong enough to carry a value the calendar rejects ("seen 2/30": a typo of a date).
STRONG_CUE = regex.compile(
    rf"(?i)(?:\b(?:{DATE_LABEL}|on|since|until|till|through|thru|seen|visit|surgery)[ \t]*[:#]?"
    r"|(?<![\d.])(?:[01]\d|2[0-3])[0-5]\d|\b\d{1,2}:\d{2}(?:[ \t]*[ap]m)?)[ \t]*$"
)
S = r"[ \t]{0,3}"  # EHR exports pad separators: "03 / 14 / 1961"
B = r"(?<![\d/.]|\d[\-:])"
E = r"(?![\w/%]|[\-:.]\d|[ \t]*%)"
# A time of day may be glued on: "3/14pm".
E_MD = rf"(?:(?=[ap]m\b)|{E})"
LABELLED = regex.compile(
    rf"(?i)\b{DATE_LABEL}{S}[:#=]?{S}(?P<v>\d{{1,2}}{S}(?P<sep>[/.\-]){S}\d{{1,2}}{S}(?P=sep){S}"
    rf"(?:{YEAR4}|['’]?\d{{2}})|\d{{1,2}}{S}/{S}\d{{1,2}}){E}"
)
RANGE = regex.compile(
    rf"(?i){B}(?P<a>\d{{1,2}}/\d{{1,2}}(?:/{YEAR})?){S}(?:-|–|to|thru|through){S}"
    rf"(?P<b>\d{{1,2}}/\d{{1,2}}(?:/{YEAR})?){E_MD}"
)
# Any m/d (m/d/y) the calendar rejects but whose month and day are in range.
IMPOSSIBLE = regex.compile(rf"{B}\d{{1,2}}/\d{{1,2}}(?:/(?:{YEAR4}|\d{{2}}))?{E_MD}")
SETTING_AFTER = regex.compile(
    r"(?i)[ \t]*(?:(?:bi-?pap|cpap|peep|ps|psv|ips|fio2|sem|hsm|murmur|holosystolic|systolic"
    r"|diastolic)\b|,?[ \t]*\d{2,3}[ \t]*%)"
)
# Separators between the items of a list of dates: "3/4, 3/6 and 3/9".
LIST_GAP = regex.compile(r"(?i)[ \t]*(?:,|;|&|and|or|,[ \t]*and|,[ \t]*or)[ \t]*")
UNIT_AFTER = regex.compile(
    r"(?i)\s*(?:(?:pain|strength|str|power|motor|mmhg|tab(?:let)?s?|ns|normal|scale|x|times|of"
    r"|units?|amps?|bags?|score|inch(?:es)?|cm|mm|mg|ml|cc|tsp|cups?)\b|\+|%)"
)


_DIGITS = regex.compile(r"\d+")
_DATE_SEPARATOR = regex.compile(r"[/.\-]")
_MONTH_LIKE = regex.compile(r"[A-Za-z]{3,}")
_BLANK = regex.compile(r"[ \t]")
_BLANK_OR_APOSTROPHE = regex.compile(r"[ \t'’]")
_MONTH_DAY = regex.compile(r"\d{1,2}/\d{1,2}")
_MAY_NUMBER = regex.compile(r"(?i)may[ \t]+\d+")
_DOSE_AFTER = regex.compile(r"\s*(?:-|to|tabs?|mg|units?|x)")
_COUNT_MARK_END = regex.compile(r"[x*#~+]$")
_WHOLE_NUMBER_END = regex.compile(r"(?<![\d.])\d[ \t]+$")
_SCALE_WORD = regex.compile(
    r"(?i)pain|discomfort|angina|c/o|cp\b|pressure|ache|scale|rated?|aldrete|score|gcs"
    r"|apgar|strength|nrs|vas\b"
)
_SETTING_BEFORE = regex.compile(
    r"(?i)\b(?:cpap|bi-?pap|peep|ps|psv|ips|simv|a/c|ventilation|vent\s+settings?|settings"
    r"|strength|motor|grip)\b"
)
_SETTING_NEXT = regex.compile(r"(?i)[ \t]*(?:/|bipap|cpap|peep|ps\b|psv|ips|fio2|%|up\b|way)")


def _md_parts(value: str) -> tuple[int, int] | None:
    nums = _DIGITS.findall(value)
    return (int(nums[0]), int(nums[1])) if len(nums) >= 2 else None


def _in_range(value: str) -> bool:
    """Month 1-12 and day 1-31 in either order (the calendar may still reject it)."""
    parts = _md_parts(value)
    if parts is None:
        return False
    a, b = parts
    return (1 <= a <= 12 and 1 <= b <= 31) or (1 <= b <= 12 and 1 <= a <= 31)


def _fraction(value: str) -> bool:
    """1/2, 3/4, 5/8: a fraction far more often than a date when nothing else says so."""
    parts = _md_parts(value)
    return (
        parts is not None
        and value.count("/") == 1
        and parts[1] in (2, 3, 4, 8, 16)
        and parts[0] < parts[1]
        and not value.startswith("0")
    )


def _valid_md(month: int, day: int, year: int | None = None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    days = calendar.monthrange(year or 2000, month)[1]  # 2000: leap, so 2/29 passes
    return day <= days


def _year(text: str) -> int:
    digits = text.strip("'")
    return full_year(int(digits)) if len(digits) == 2 else int(digits)


def _numeric(value: str) -> bool | None:
    parts = [p for p in _DATE_SEPARATOR.split(value) if p]
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
    nums = [int(n) for n in _DIGITS.findall(value)]
    word = _MONTH_LIKE.search(value)
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
        b, e = B, E
        super().__init__(
            EntityType.DATE.value,
            [
                GroupPattern(
                    "iso",
                    rf"{b}{YEAR4}-\d{{1,2}}-\d{{1,2}}{e}",
                    0.9,
                    validate=_numeric,
                    evidence=Evidence.FORMAT,
                ),
                GroupPattern(
                    "mdy",
                    rf"{b}\d{{1,2}}([/.\-])\d{{1,2}}\1{YEAR}{E_MD}",
                    0.85,
                    validate=_numeric,
                    evidence=Evidence.FORMAT,
                ),
                # EHR padding: "03 / 14 / 1961", "3 - 14 - 2025" (a four-digit year).
                GroupPattern(
                    "mdy_spaced",
                    rf"{b}\d{{1,2}}{S}([/.\-]){S}\d{{1,2}}{S}\1{S}{YEAR4}{e}"
                    r"(?![ \t]*(?:ml|mg|cc|units?|%))",
                    0.8,
                    validate=lambda v: _numeric(_BLANK.sub("", v)),
                ),
                GroupPattern("md", rf"{b}\d{{1,2}}/\d{{1,2}}{E_MD}", 0.6, validate=_numeric),
                # A two-digit year after an apostrophe: "3/14 '19".
                GroupPattern(
                    "md_apostrophe_year",
                    rf"{b}\d{{1,2}}/\d{{1,2}}[ \t]{{0,2}}['’]\d{{2}}(?!\w)",
                    0.8,
                    validate=lambda v: (
                        _numeric(_BLANK_OR_APOSTROPHE.split(v)[0]) is not False or False
                    ),
                ),
                GroupPattern("my", rf"{b}(?:0?[1-9]|1[0-2])/{YEAR4}{e}", 0.6),
                GroupPattern(
                    "month_day",
                    rf"\b{MONTH}[ \t]+{DAY}(?:(?:,[ \t]*|[ \t]+)(?:{YEAR4}|['’]\d{{2}}))?\b",
                    0.85,
                    validate=_month_day,
                    evidence=Evidence.FORMAT,
                    cue_words=MONTH_WORDS,
                ),
                GroupPattern(
                    "day_month",
                    rf"\b{DAY}(?:[ \t]+|-)(?:of[ \t]+)?{MONTH}(?:(?:,?[ \t]*|-){YEAR})?\b",
                    0.85,
                    validate=_month_day,
                    evidence=Evidence.FORMAT,
                    cue_words=MONTH_WORDS,
                ),
                GroupPattern(
                    "month_year",
                    rf"\b{MONTH}(?:[ \t]+(?:of[ \t]+)?{YEAR4}|[ \t]{{0,2}}['’]\d{{2}})\b",
                    0.7,
                    validate=_month_day,
                    cue_words=MONTH_WORDS,
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
                    cue_words=MONTH_WORDS,
                ),
                GroupPattern(
                    # "since 98'"; a bare "30'" is feet or degrees ("HOB 30'", "ambulated 30'").
                    "year_apostrophe",
                    r"(?i)\b(?:in|since|from|until|of|by|circa|late|early|mid|summer|winter|spring"
                    r"|fall|autumn)[ \t]+(?P<v>\d{2}')(?=[\s.,;])",
                    0.5,
                    group="v",
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
                    r"(?i)\b(?:dob|dos|date)[ \t]{0,3}[:#]?\s{0,3}(?P<v>(?:19|20)\d{2}(?:0[1-9]|1[0-2])"
                    r"(?:0[1-9]|[12]\d|3[01]))\b",
                    0.85,
                    group="v",
                    evidence=Evidence.LABEL,
                ),
            ],
            name="ClinicalDateRecognizer",
        )

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        kept: list[RecognizerResult] = []
        soft: list[tuple[int, int]] = []  # month/days that only a neighbouring date can confirm
        for r in super().analyze(text, entities, nlp_artifacts):
            value = text[r.start : r.end]
            if _MONTH_DAY.fullmatch(value):
                verdict = self._reject(text, r.start, r.end)
                if verdict == "soft":
                    soft.append((r.start, r.end))
                if verdict:
                    continue
            # "may 2" is a date; "may 1-2 tabs" is a dose.
            if _MAY_NUMBER.fullmatch(value) and _DOSE_AFTER.match(text[r.end : r.end + 6]):
                continue
            kept.append(r)
        kept += self._labelled(text)
        kept += self._ranges(text)
        for m in IMPOSSIBLE.finditer(text):
            value = m.group()
            parts = _md_parts(value)
            # Month first, as US notes write it: "on 13/10" is a setting, not 13 October.
            if not parts or not 1 <= parts[0] <= 12 or not 1 <= parts[1] <= 31:
                continue
            if _numeric(value) is not False:
                continue
            if STRONG_CUE.search(text[max(0, m.start() - 30) : m.start()]):
                kept.append(
                    self._result(m.start(), m.end(), 0.6, "impossible_cued", evidence=Evidence.HINT)
                )
            elif self._reject(text, m.start(), m.end()) != "hard":
                soft.append((m.start(), m.end()))
        return kept + self._list_items(text, kept, soft)

    def _labelled(self, text: str) -> list[RecognizerResult]:
        """A value right after a date label, padded or not, even one the calendar rejects."""
        out = []
        for m in LABELLED.finditer(text):
            value = m.group("v")
            if _in_range(value) and not UNIT_AFTER.match(text[m.end("v") : m.end("v") + 8]):
                out.append(
                    self._result(m.start("v"), m.end("v"), 0.9, "labelled", evidence=Evidence.LABEL)
                )
        return out

    def _ranges(self, text: str) -> list[RecognizerResult]:
        """Both ends of ``3/4-3/9``, ``3/4 - 3/9``, ``3/4 to 3/9``: each end vouches for the other."""
        out = []
        for m in RANGE.finditer(text):
            ends = [m.group("a"), m.group("b")]
            if (
                not all(_in_range(v) for v in ends)
                or all(_numeric(v) is False for v in ends)
                or all(_fraction(v) for v in ends)
                or self._reject(text, m.start("a"), m.end("a")) == "hard"
                or self._reject(text, m.start("b"), m.end("b")) == "hard"
            ):
                continue
            for g in ("a", "b"):
                out.append(
                    self._result(m.start(g), m.end(g), 0.85, "md_range", evidence=Evidence.CUE)
                )
        return out

    def _list_items(
        self, text: str, kept: list[RecognizerResult], soft: list[tuple[int, int]]
    ) -> list[RecognizerResult]:
        """A doubtful m/d listed beside a date is a date too: "on 3/4, 3/6 and 3/9"."""
        items = sorted({(r.start, r.end, True) for r in kept} | {(s, e, False) for s, e in soft})
        sure = [ok for _, _, ok in items]
        # Two sweeps carry the evidence along a list in either direction.
        for order in (range(1, len(items)), range(len(items) - 2, -1, -1)):
            for i in order:
                j = i - 1 if order.step == 1 else i + 1
                first, second = sorted((items[i], items[j]))
                if sure[j] and not sure[i] and LIST_GAP.fullmatch(text[first[1] : second[0]]):
                    sure[i] = True
        return [
            self._result(s, e, 0.6, "md_list", evidence=Evidence.HINT)
            for (s, e, was), now in zip(items, sure, strict=True)
            if now and not was
        ]

    @staticmethod
    def _date_cue(text: str, start: int) -> bool:
        return bool(DATE_CUE.search(text[max(0, start - 15) : start]))

    def _reject(self, text: str, start: int, end: int) -> str | None:
        """Why a month/day is not a date: "hard" (a score, reading, setting or dose), "soft"
        (a fraction a neighbouring date may still confirm), or None (it is a date)."""
        num, den = _md_parts(text[start:end]) or (0, 0)
        before = text[max(0, start - 60) : start]
        after = text[end : end + 30]
        # A setting or a murmur grade stays one even after "on": "on 10/5 BiPAP", "on 5/5, 40%".
        if SETTING_AFTER.match(after):
            return "hard"
        if self._date_cue(text, start):
            return None
        if _COUNT_MARK_END.search(before) or (
            den in (2, 3, 4, 8) and _WHOLE_NUMBER_END.search(before)
        ):
            return "hard"  # "800x12/5", "#4/10", "1 1/2 hrs"
        if den == 10 and num <= 10 and _SCALE_WORD.search(before[-30:] + after):
            return "hard"
        if _SETTING_BEFORE.search(before[-40:]):
            return "hard"
        if _SETTING_NEXT.match(after):
            return "hard"
        # "3/10 pain", "5/5 strength", "BP 10/6", "1/2 NS", "2/2 units"
        if SCORE_CONTEXT.search(before[-40:]) or UNIT_AFTER.match(after):
            return "hard"
        if den in (2, 3, 4) and num < den and not text[start:end].startswith("0"):
            return "soft"  # 1/2, 2/3: fractions far more often than 2 or 3 January
        return None
