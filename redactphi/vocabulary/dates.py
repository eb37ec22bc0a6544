"""Months and two-digit years: read by the date recognizers, the names rules, the tagger and the
date-shift operator."""

from __future__ import annotations

import functools

from redactphi.vocabulary._data import alternation, table

# POSIX %y convention: 69-99 -> 1900s, 00-68 -> 2000s. Fixed, so results never drift with today.
PIVOT = 69


def full_year(two_digits: int) -> int:
    """The year a two-digit year stands for."""
    return two_digits + (1900 if two_digits >= PIVOT else 2000)


@functools.cache
def month_numbers() -> dict[str, int]:
    """Month name or short form (lower case) -> month number: ``{"march": 3, "sept": 9, ...}``."""
    out: dict[str, int] = {}
    for number, (name, short) in enumerate(table("months").items(), 1):
        out[name] = number
        for form in short:
            out[form] = number
    return out


@functools.cache
def month_names() -> frozenset[str]:
    """Month names written out, lower case."""
    return frozenset(table("months"))


@functools.cache
def month_pattern() -> str:
    """Regex of any month name or short form, with an optional full stop (match without case)."""
    return rf"(?:{alternation(list(month_numbers()))})\.?"
