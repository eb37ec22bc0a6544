"""Date parsing and format-preserving shifting, with property tests for exact intervals."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi import Finding
from redactphi.policies import apply_policy, load_policy
from redactphi.policies.dates import parse_date, shift_text

from .conftest import TEST_KEY


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


# (name, how a clinician writes it, shape the output must keep, strptime format to read it back)
FORMATS: list[tuple[str, Callable[[date], str], str, str]] = [
    ("M/D/YYYY", lambda d: f"{d.month}/{d.day}/{d.year}", r"\d{1,2}/\d{1,2}/\d{4}", "%m/%d/%Y"),
    ("MM/DD/YYYY", lambda d: d.strftime("%m/%d/%Y"), r"\d\d/\d\d/\d{4}", "%m/%d/%Y"),
    ("MM/DD/YY", lambda d: d.strftime("%m/%d/%y"), r"\d\d/\d\d/\d\d", "%m/%d/%y"),
    ("YYYY-MM-DD", lambda d: d.isoformat(), r"\d{4}-\d\d-\d\d", "%Y-%m-%d"),
    ("DD-MON-YYYY", lambda d: d.strftime("%d-%b-%Y").upper(), r"\d\d-[A-Z]{3}-\d{4}", "%d-%b-%Y"),
    (
        "Month D, YYYY",
        lambda d: f"{d:%B} {d.day}, {d.year}",
        r"[A-Z][a-z]+ \d{1,2}, \d{4}",
        "%B %d, %Y",
    ),
    (
        "Month Dth, YYYY",
        lambda d: f"{d:%B} {_ordinal(d.day)}, {d.year}",
        r"[A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}",
        "%B %d, %Y",
    ),
    (
        "D Month YYYY",
        lambda d: f"{d.day} {d:%B} {d.year}",
        r"\d{1,2} [A-Z][a-z]+ \d{4}",
        "%d %B %Y",
    ),
    (
        "Mon. D, YYYY",
        lambda d: f"{d:%b}. {d.day}, {d.year}",
        r"[A-Z][a-z]{2}\. \d{1,2}, \d{4}",
        "%b. %d, %Y",
    ),
    (
        "Weekday, Month D, YYYY",
        lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}",
        r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}",
        "%A, %B %d, %Y",
    ),
    ("YYYYMMDD", lambda d: d.strftime("%Y%m%d"), r"\d{8}", "%Y%m%d"),
    ("DDMONYYYY", lambda d: d.strftime("%d%b%Y").upper(), r"\d\d[A-Z]{3}\d{4}", "%d%b%Y"),
]


def _read(text: str, fmt: str) -> date:
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    return datetime.strptime(text, fmt).date()


# Two-digit years read back with the POSIX pivot: keep the dates inside 1969..2068.
dates = st.dates(min_value=date(1970, 1, 1), max_value=date(2060, 12, 31))
formats = st.sampled_from(FORMATS)
POLICY = load_policy({"name": "dates", "entities": {"DATE": "date_shift"}})


def _shift_pair(first: str, second: str, patient: str) -> tuple[str, str]:
    text = f"Admitted {first}.\nReturned to OR {second} for bleeding."
    start_a = text.index(first)
    start_b = text.index(second, start_a + len(first))
    findings = [
        Finding(start_a, start_a + len(first), "DATE", 1.0),
        Finding(start_b, start_b + len(second), "DATE", 1.0),
    ]
    result = apply_policy(text, findings, POLICY, key=TEST_KEY, patient_key=patient)
    new = [result.text[r.new_start : r.new_end] for r in result.replacements]
    assert [r.operator for r in result.replacements] == ["date_shift", "date_shift"]
    return new[0], new[1]


@settings(max_examples=300, deadline=None)
@given(a=dates, b=dates, fa=formats, fb=formats, patient=st.text(min_size=1, max_size=12))
def test_intervals_are_exact_across_formats(
    a: date,
    b: date,
    fa: tuple,
    fb: tuple,
    patient: str,  # type: ignore[type-arg]
) -> None:
    if abs((a - b).days) > 80 * 365:
        return  # an old date next to a new one reads as a birth date over 89 and is tagged
    new_a, new_b = _shift_pair(fa[1](a), fb[1](b), patient)
    assert re.fullmatch(fa[2], new_a), (fa[0], new_a)
    assert re.fullmatch(fb[2], new_b), (fb[0], new_b)
    shifted_a, shifted_b = _read(new_a, fa[3]), _read(new_b, fb[3])
    assert shifted_a - shifted_b == a - b
    offset = (shifted_a - a).days
    assert -365 <= offset <= -1
    if fa[0].startswith("Weekday"):
        assert new_a.startswith(shifted_a.strftime("%A"))


@settings(max_examples=200, deadline=None)
@given(day=dates, fmt=formats, days=st.integers(-3650, 3650))
def test_shift_reads_back_as_the_shifted_day(day: date, fmt: tuple, days: int) -> None:  # type: ignore[type-arg]
    moved = day + timedelta(days=days)
    if not date(1970, 1, 1) <= moved <= date(2060, 12, 31):
        return
    out = shift_text(fmt[1](day), days, reference_year=2000)
    assert out is not None
    assert re.fullmatch(fmt[2], out)
    assert _read(out, fmt[3]) == moved


@pytest.mark.parametrize(
    ("written", "days", "expected"),
    [
        ("3/14/2025", -30, "2/12/2025"),
        ("03/14/25", -30, "02/12/25"),
        ("2025-03-14", -365, "2024-03-14"),
        ("14-MAR-2025", -30, "12-FEB-2025"),
        ("14-Mar-25", 20, "03-Apr-25"),
        ("March 14th, 2025", -13, "March 1st, 2025"),
        ("March 14th", -12, "March 2nd"),
        ("the 3rd of March", 19, "the 22nd of March"),
        ("Mar 2025", -30, "Feb 2025"),
        ("MARCH 2025", 31, "APRIL 2025"),
        ("3/14", -30, "2/12"),
        ("3/2025", -30, "2/2025"),
        ("14 March 2025", 1, "15 March 2025"),
        ("Fri, Mar 14, 2025", 1, "Sat, Mar 15, 2025"),
        ("Sept. 3, 2024", 30, "Oct. 3, 2024"),
        ("Aug 4, 2024", 30, "Sept 3, 2024".replace("Sept", "Sep")),
        ("May 1, 2025", -1, "April 30, 2025"),
        ("01-MAY-2025", -1, "30-APR-2025"),
        ("Mar '25", -30, "Feb '25"),
        ("12/31/2024", 1, "01/01/2025"),
        ("1/5/2025", -10, "12/26/2024"),
        ("20250314", -14, "20250228"),
        ("2025-03-14T08:30:00Z", -1, "2025-03-13T08:30:00Z"),
        ("3/14/2025 at 0830", 1, None),  # a bare four-digit time is not a clock time we know
        ("3/14/2025 08:30", 1, "3/15/2025 08:30"),
        ("2/29/2024", 365, "2/28/2025"),
        ("2025", -200, "2024"),
        ("2025", -1, "2025"),
    ],
)
def test_format_is_kept(written: str, days: int, expected: str | None) -> None:
    assert shift_text(written, days, reference_year=2025) == expected


@pytest.mark.parametrize(
    "text",
    [
        "tomorrow",
        "3/14/2025 and 3/15/2025",
        "2/30/2025",
        "13/13/2025",
        "POD 3",
        "12:30",
        "0489T",
        "Monday",
        "3.5",
        "14 mg",
        "",
    ],
)
def test_unparseable_dates_are_refused(text: str) -> None:
    assert parse_date(text) is None


def test_keep_year_prints_the_original_year() -> None:
    assert shift_text("1/5/2025", -10, 2025, keep_year=True) == "12/26/2025"
    assert shift_text("March 14, 2025", -40, 2025, keep_year=True) == "February 2, 2025"


def test_month_day_without_year_uses_the_notes_year() -> None:
    text = "Surgery 2/20/2024. Wound check 3/1 and suture removal 3/8."
    findings = [
        Finding(text.index("2/20/2024"), text.index("2/20/2024") + 9, "DATE", 1.0),
        Finding(text.index("3/1 "), text.index("3/1 ") + 3, "DATE", 1.0),
        Finding(text.index("3/8"), text.index("3/8") + 3, "DATE", 1.0),
    ]
    out = apply_policy(text, findings, POLICY, key=TEST_KEY, patient_key="p1")
    full, short1, short2 = (out.text[r.new_start : r.new_end] for r in out.replacements)
    base = datetime.strptime(full, "%m/%d/%Y").date()
    # 2024 is a leap year: 2/20 -> 3/1 is 10 days, not 9
    first = datetime.strptime(f"{short1}/{base.year}", "%m/%d/%Y").date()
    if first < base:
        first = first.replace(year=base.year + 1)
    assert (first - base).days == 10
    second = datetime.strptime(f"{short2}/{first.year}", "%m/%d/%Y").date()
    if second < first:
        second = second.replace(year=first.year + 1)
    assert (second - first).days == 7
