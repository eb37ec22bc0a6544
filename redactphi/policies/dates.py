"""Date parsing and format-preserving date shifting.

A date string is split into tokens (numbers, words, literal separators) and each token gets a
role: day, month number, month name, year, weekday, ordinal suffix or literal. Shifting re-renders
the same tokens with the new date, so ``3/14/2025`` stays ``M/D/YYYY``, ``14-MAR-2025`` stays
upper-case with an abbreviated month, ``March 14th`` keeps its ordinal and ``Fri`` is recomputed.

Partial dates shift through a representative day: a month and day without a year use the note's
reference year, a month and year use the 15th, a bare year uses 2 July. Anything that does not
parse cleanly returns None, and the caller falls back to a tag: a date is never left unchanged.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from redactphi.vocabulary.dates import full_year, month_numbers

MONTHS = month_numbers()

WEEKDAYS: dict[str, int] = {}
for _weekday in range(7):
    WEEKDAYS[calendar.day_name[_weekday].lower()] = _weekday
    WEEKDAYS[calendar.day_abbr[_weekday].lower()] = _weekday
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

ORDINALS = {"st", "nd", "rd", "th"}
CONNECTORS = {"of", "the"}
FALLBACK_REFERENCE_YEAR = 2000  # a leap year: 2/29 without a year still parses

_TOKEN = re.compile(r"(\d+)|([A-Za-z]+)|([^\dA-Za-z]+)")
# A time of day after the date is kept verbatim (times are not PHI).
_TRAILING_TIME = re.compile(
    r"(?:[\sT,@]|\bat\b)*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?:Z|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?\s*$"
)


class Role(Enum):
    LITERAL = "literal"
    DAY = "day"
    MONTH_NUM = "month_num"
    MONTH_NAME = "month_name"
    YEAR = "year"
    WEEKDAY = "weekday"
    ORDINAL = "ordinal"


@dataclass(frozen=True, slots=True)
class Token:
    role: Role
    text: str

    @property
    def width(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:  # never the date itself
        return f"Token({self.role.value}, width={self.width})"


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date as written: its known fields and the tokens to re-render it."""

    tokens: tuple[Token, ...]
    year: int | None
    month: int | None
    day: int | None
    pad: bool  # zero-pad numeric day and month when the original gives no evidence
    full_month: bool = True  # month names written out ("March") rather than abbreviated

    def __repr__(self) -> str:  # never the date itself
        return f"ParsedDate({' '.join(t.role.value for t in self.tokens)})"

    @property
    def is_full(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def anchor(self, reference_year: int) -> date | None:
        """The day that represents this date for shifting (see module docstring)."""
        if self.month is None:
            return date(self.year, 7, 2) if self.year is not None else None
        if self.day is None:
            return _safe_date(self.year or reference_year, self.month, 15)
        found = _safe_date(self.year or reference_year, self.month, self.day)
        if found is None and self.year is None:
            found = _safe_date(FALLBACK_REFERENCE_YEAR, self.month, self.day)
        return found

    def shift(self, days: int, reference_year: int, keep_year: bool = False) -> str | None:
        """The same text with the date moved by ``days``; None when it cannot be done."""
        start = self.anchor(reference_year)
        if start is None:
            return None
        try:
            moved = start + timedelta(days=days)
        except OverflowError:
            return None
        return self.render(moved, keep_year=keep_year)

    def render(self, value: date, keep_year: bool = False) -> str:
        out: list[str] = []
        for token in self.tokens:
            out.append(self._render_token(token, value, keep_year))
        return "".join(out)

    def _render_token(self, token: Token, value: date, keep_year: bool) -> str:
        if token.role is Role.LITERAL:
            return token.text
        if token.role is Role.YEAR:
            year = self.year if keep_year and self.year is not None else value.year
            return f"{year % 100:02d}" if token.width == 2 else f"{year:04d}"
        if token.role is Role.DAY:
            return _number(value.day, token, self.pad)
        if token.role is Role.MONTH_NUM:
            return _number(value.month, token, self.pad)
        if token.role is Role.MONTH_NAME:
            return _month_name(value.month, token.text, self.full_month)
        if token.role is Role.WEEKDAY:
            return _weekday_name(value.weekday(), token.text)
        return _cased(_ordinal_suffix(value.day), token.text)  # ORDINAL


def parse_date(text: str) -> ParsedDate | None:
    """Parse one written date, or None when the text is not exactly one recognisable date."""
    time_match = _TRAILING_TIME.search(text)
    tail = ""
    if time_match and time_match.start() > 0:
        tail = text[time_match.start() :]
        text = text[: time_match.start()]
    raw = [Token(Role.LITERAL, m.group(0)) for m in _TOKEN.finditer(text)]
    if len(raw) == 1 and raw[0].width == 8 and raw[0].text.isdigit():
        # YYYYMMDD: split so that each part renders on its own
        digits = raw[0].text
        raw = [Token(Role.LITERAL, digits[:4]), Token(Role.LITERAL, digits[4:6])]
        raw.append(Token(Role.LITERAL, digits[6:]))
    parsed = _classify(raw)
    if parsed is None:
        return None
    if tail:
        parsed = ParsedDate(
            (*parsed.tokens, Token(Role.LITERAL, tail)),
            parsed.year,
            parsed.month,
            parsed.day,
            parsed.pad,
            parsed.full_month,
        )
    return parsed


def _classify(raw: list[Token]) -> ParsedDate | None:
    words = [i for i, t in enumerate(raw) if t.text[0].isalpha()]
    numbers = [i for i, t in enumerate(raw) if t.text[0].isdigit()]
    roles: dict[int, Role] = {}
    month_name_index: int | None = None
    for i in words:
        lower = raw[i].text.lower()
        if lower in MONTHS and month_name_index is None:
            month_name_index = i
            roles[i] = Role.MONTH_NAME
        elif lower in WEEKDAYS and Role.WEEKDAY not in roles.values():
            roles[i] = Role.WEEKDAY
        elif lower in ORDINALS and i > 0 and raw[i - 1].text[0].isdigit():
            roles[i] = Role.ORDINAL
        elif lower in CONNECTORS:
            roles[i] = Role.LITERAL
        else:
            return None
    if any(not t.text[0].isalnum() and not _separator_ok(t.text) for t in raw):
        return None
    if month_name_index is not None:
        assigned = _with_month_name(raw, numbers, roles)
    else:
        if any(r is Role.WEEKDAY for r in roles.values()) and not numbers:
            return None
        if any(r is Role.ORDINAL for r in roles.values()):
            return None
        assigned = _numeric(raw, numbers)
    if assigned is None:
        return None
    roles.update(assigned)
    tokens = tuple(Token(roles.get(i, Role.LITERAL), t.text) for i, t in enumerate(raw))
    return _build(tokens)


def _separator_ok(text: str) -> bool:
    return re.fullmatch(r"[\s/\-.,'()]+", text) is not None


def _with_month_name(
    raw: list[Token], numbers: list[int], roles: dict[int, Role]
) -> dict[int, Role] | None:
    long = [i for i in numbers if raw[i].width == 4]
    short = [i for i in numbers if raw[i].width <= 2]
    if len(long) + len(short) != len(numbers) or len(long) > 1 or len(numbers) > 2:
        return None
    if long:
        out = {long[0]: Role.YEAR}
        if short:
            out[short[0]] = Role.DAY
        return out
    if len(short) == 2:
        return {short[0]: Role.DAY, short[1]: Role.YEAR}
    if len(short) == 1:
        i = short[0]
        # "Mar '25": an apostrophe marks a two-digit year.
        apostrophe = i > 0 and raw[i - 1].text.endswith("'")
        if apostrophe and roles.get(i + 1) is not Role.ORDINAL:
            return {i: Role.YEAR}
        return {i: Role.DAY}
    return {}


def _numeric(raw: list[Token], numbers: list[int]) -> dict[int, Role] | None:
    values = [int(raw[i].text) for i in numbers]
    widths = [raw[i].width for i in numbers]
    if len(numbers) == 3:
        a, b, c = numbers
        if widths[0] == 4 and widths[1] <= 2 and widths[2] <= 2:
            return {a: Role.YEAR, b: Role.MONTH_NUM, c: Role.DAY}
        if widths[0] <= 2 and widths[1] <= 2 and widths[2] in (2, 4):
            if values[0] > 12 and values[1] <= 12:
                return {a: Role.DAY, b: Role.MONTH_NUM, c: Role.YEAR}
            return {a: Role.MONTH_NUM, b: Role.DAY, c: Role.YEAR}
        return None
    if len(numbers) == 2:
        a, b = numbers
        if widths[0] == 4 and widths[1] <= 2:
            return {a: Role.YEAR, b: Role.MONTH_NUM}
        if widths[0] <= 2 and widths[1] == 4:
            return {a: Role.MONTH_NUM, b: Role.YEAR}
        if widths[0] <= 2 and widths[1] <= 2:
            if any("." in raw[i].text for i in range(a + 1, b)):
                return None  # "3.5" is a number far more often than March 5
            if values[0] > 12 and values[1] <= 12:
                return {a: Role.DAY, b: Role.MONTH_NUM}
            if values[1] > 31 and widths[1] == 2:
                return {a: Role.MONTH_NUM, b: Role.YEAR}
            return {a: Role.MONTH_NUM, b: Role.DAY}
        return None
    if len(numbers) == 1 and widths[0] == 4 and len(raw) == 1:
        return {numbers[0]: Role.YEAR}
    return None


def _build(tokens: tuple[Token, ...]) -> ParsedDate | None:
    year = month = day = None
    for token in tokens:
        if token.role is Role.YEAR:
            year = _full_year(token.text)
        elif token.role is Role.MONTH_NUM:
            month = int(token.text)
        elif token.role is Role.MONTH_NAME:
            month = MONTHS[token.text.lower()]
        elif token.role is Role.DAY:
            day = int(token.text)
    if year is None and month is None:
        return None
    if year is not None and not 1000 <= year <= 9999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        if month is None or not 1 <= day <= 31:
            return None
        if _safe_date(year or FALLBACK_REFERENCE_YEAR, month, day) is None:
            return None
    if year is not None and month is None and not 1800 <= year <= 2199:
        return None  # a bare year must be a plausible calendar year, not a count
    return ParsedDate(tokens, year, month, day, _padding(tokens), _full_month(tokens))


def _full_month(tokens: tuple[Token, ...]) -> bool:
    names = [t.text.lower() for t in tokens if t.role is Role.MONTH_NAME]
    if not names:
        return True
    if names[0] == "may":  # both full and abbreviated: "14-MAY-2025", "May. 1" are abbreviated
        index = next(i for i, t in enumerate(tokens) if t.role is Role.MONTH_NAME)
        after = tokens[index + 1].text if index + 1 < len(tokens) else ""
        dashed = any(t.role is Role.LITERAL and "-" in t.text for t in tokens)
        before = tokens[index - 1].text if index > 0 else ""
        glued = after[:1].isdigit() or before[-1:].isdigit()  # "14MAY2025"
        return not (dashed or glued or after.startswith("."))

    return len(names[0]) > 3 and names[0] != "sept"


def _padding(tokens: tuple[Token, ...]) -> bool:
    """Zero-pad when any day/month shows a leading zero; no padding when one shows a single digit;
    otherwise (e.g. 12/14/2025) pad numeric dates and leave written-out ones unpadded."""
    numeric = [t for t in tokens if t.role in (Role.DAY, Role.MONTH_NUM)]
    if any(t.width == 2 and t.text.startswith("0") for t in numeric):
        return True
    if any(t.width == 1 for t in numeric):
        return False
    has_month_num = any(t.role is Role.MONTH_NUM for t in tokens)
    has_ordinal = any(t.role is Role.ORDINAL for t in tokens)
    if has_month_num:
        return True
    # "14-MAR-2025" and "14MAR2025" are fixed-width styles; "March 14, 2025" is not.
    fixed_width = bool(
        tokens
        and tokens[0].role is Role.DAY
        and len(tokens) > 1
        and (tokens[1].text == "-" or tokens[1].role is Role.MONTH_NAME)
    )
    return fixed_width and not has_ordinal


def _full_year(text: str) -> int:
    return full_year(int(text)) if len(text) == 2 else int(text)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _number(value: int, token: Token, pad: bool) -> str:
    if token.width == 2 and (token.text.startswith("0") or pad):
        return f"{value:02d}"
    return str(value)


def _cased(word: str, like: str) -> str:
    letters = "".join(c for c in like if c.isalpha())
    if len(letters) > 1 and letters.isupper():
        return word.upper()
    if letters.islower():
        return word.lower()
    return word[:1].upper() + word[1:].lower()


def _month_name(month: int, like: str, full: bool) -> str:
    if full:
        word = calendar.month_name[month]
    elif like.lower() == "sept" and month == 9:
        word = "Sept"
    else:
        word = calendar.month_abbr[month]
    return _cased(word, like)


def _weekday_name(weekday: int, like: str) -> str:
    lower = like.lower()
    full = lower == calendar.day_name[WEEKDAYS[lower]].lower()
    word = calendar.day_name[weekday] if full else calendar.day_abbr[weekday]
    return _cased(word, like)


def _ordinal_suffix(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def shift_text(text: str, days: int, reference_year: int, keep_year: bool = False) -> str | None:
    """Shift one written date by ``days``; None when it cannot be parsed."""
    parsed = parse_date(text)
    if parsed is None:
        return None
    return parsed.shift(days, reference_year, keep_year=keep_year)
