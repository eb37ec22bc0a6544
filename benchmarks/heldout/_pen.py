"""Writes a case's identifiers into a :class:`Doc` in the many shapes real notes use."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.heldout._doc import Doc
from benchmarks.heldout._people import Case, Person

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
FULL_DATE_FORMS = (
    "dd-Mon-yyyy",
    "yyyy.mm.dd",
    "ord_gb",
    "long_us",
    "mm/dd/yy",
    "m.d.yyyy",
    "ddMONyyyy",
    "yyyy-mm-dd",
    "m/d/yyyy",
)
# Impossible calendar days that still appear in real notes (typos, copied templates).
IMPOSSIBLE_MD = ("2/30", "2/31", "4/31", "6/31", "9/31", "11/31", "2/29")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def full_date(d: dt.date, form: str) -> str:
    mon = MONTHS[d.month - 1]
    forms = {
        "dd-Mon-yyyy": f"{d.day:02d}-{mon[:3]}-{d.year}",
        "yyyy.mm.dd": f"{d.year}.{d.month:02d}.{d.day:02d}",
        "ord_gb": f"{ordinal(d.day)} {mon} {d.year}",
        "long_us": f"{mon} {ordinal(d.day)}, {d.year}",
        "mm/dd/yy": f"{d.month:02d}/{d.day:02d}/{d.year % 100:02d}",
        "m.d.yyyy": f"{d.month}.{d.day}.{d.year}",
        "ddMONyyyy": f"{d.day:02d}{mon[:3].upper()}{d.year}",
        "yyyy-mm-dd": d.isoformat(),
        "m/d/yyyy": f"{d.month}/{d.day}/{d.year}",
    }
    return forms[form]


def month_day(d: dt.date, rng: random.Random) -> str:
    mon = MONTHS[d.month - 1][:3]
    return rng.choice(
        (
            f"{d.month}/{d.day}",
            f"{d.month}/{d.day}",
            f"{d.month:02d}/{d.day:02d}",
            f"{mon} {d.day}",
            f"{d.day} {mon}",
        )
    )


def split_phone(num: str) -> tuple[str, str, str]:
    return num[:3], num[3:6], num[6:]


class Pen:
    """A doc, the case it describes and the random source of one note."""

    def __init__(self, doc: Doc, case: Case, rng: random.Random) -> None:
        self.d = doc
        self.c = case
        self.r = rng

    # -- plain text and choice -------------------------------------------------------------
    def w(self, *parts: str) -> Pen:
        self.d.w(*parts)
        return self

    def any(self, *options: str) -> Pen:
        """One of several wordings, as plain text."""
        self.d.w(self.r.choice(options))
        return self

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def keep(self, s: str, type_: str, tag: str | None = None) -> Pen:
        self.d.keep(s, type_, tag)
        return self

    def phi(self, s: str, type_: str, tag: str | None = None) -> Pen:
        self.d.phi(s, type_, tag)
        return self

    # -- names --------------------------------------------------------------------------------
    def name(self, p: Person, form: str = "full", tag: str | None = None) -> Pen:
        if form == "full":
            return self.phi(p.full, "NAME", tag)
        if form == "full_mid":
            mid = f" {p.middle}." if p.middle else ""
            return self.phi(f"{p.first}{mid} {p.last}", "NAME", tag)
        if form == "last_first":
            return self.phi(f"{p.last}, {p.first}", "NAME", tag)
        if form == "upper":
            return self.phi(f"{p.first} {p.last}".upper(), "NAME", tag)
        if form == "last":
            return self.phi(p.last, "NAME", tag)
        if form == "first":
            return self.phi(p.first, "NAME", tag)
        if form == "initial":
            return self.initial(p)
        if form == "ehr":
            return self.ehr_name(p)
        raise ValueError(form)

    def initial(self, p: Person) -> Pen:
        """Initial + surname in any case, with or without the period."""
        dot = self.r.choice((".", ".", "", ". "))
        sep = "" if dot.endswith(" ") else " "
        s = f"{p.first[0]}{dot}{sep}{p.last}"
        case = self.r.random()
        s = s.upper() if case < 0.3 else s.lower() if case < 0.5 else s
        return self.phi(s.strip(), "NAME", "initial_surname")

    def ehr_name(self, p: Person) -> Pen:
        """``SURNAME ,  FIRST  M`` as an EHR export pads it; surname and given names apart."""
        self.phi(p.last.upper(), "NAME", "ehr_spacing")
        self.w(self.r.choice((" ,  ", " , ", ",  ", " ,")))
        given = p.first.upper() + (f"{self.r.choice(('  ', ' '))}{p.middle}" if p.middle else "")
        return self.phi(given, "NAME", "ehr_spacing")

    def titled(self, p: Person, title: str, form: str = "last") -> Pen:
        """A role word used as a title: ``RN Tran``, ``house officer Patel``."""
        self.w(title, " ")
        tag = None if title.lower().startswith("dr") else "role_title"
        return self.phi(p.last if form == "last" else p.full, "NAME", tag)

    # -- dates --------------------------------------------------------------------------------
    def day(self, k: int) -> dt.date:
        return self.c.day0 + dt.timedelta(days=k)

    def date(self, d: dt.date, form: str | None = None, tag: str | None = None) -> Pen:
        return self.phi(full_date(d, form or self.r.choice(FULL_DATE_FORMS)), "DATE", tag)

    def md(self, d: dt.date, tag: str | None = None) -> Pen:
        return self.phi(month_day(d, self.r), "DATE", tag)

    def md_list(self, days: list[int]) -> Pen:
        """``3/2, 3/4 and 3/7`` or a range ``3/4-3/9``: every element is a date."""
        ds = [self.day(k) for k in days]
        if len(ds) == 2 and self.chance(0.6):
            a, b = ds
            self.phi(f"{a.month}/{a.day}", "DATE", "date_list_range")
            self.w(self.r.choice(("-", "-", " - ", " to ", "–")))
            return self.phi(f"{b.month}/{b.day}", "DATE", "date_list_range")
        for i, d in enumerate(ds):
            if i:
                self.w(" and " if i == len(ds) - 1 and self.chance(0.4) else ", ")
            self.phi(f"{d.month}/{d.day}", "DATE", "date_list_range")
        return self

    def glued(self, k: int, words: tuple[str, ...] = ("since", "on", "thru", "until", "@")) -> Pen:
        """A date run into a word: ``since3/2``, ``vasc5/29``, ``3/6pm``.

        An empty word glues the date to whatever the caller wrote last.
        """
        d = self.day(k)
        md = f"{d.month}/{d.day}"
        if self.chance(0.7):
            self.w(self.r.choice(words))
            return self.phi(md, "DATE", "date_glued")
        self.phi(md, "DATE", "date_glued")
        return self.w(self.r.choice(("pm", "am", "AM", "-ish", "h")))

    def apostrophe(self, d: dt.date) -> Pen:
        """Month/day with a two-digit year after an apostrophe: ``3/5 '19``, ``Mar 5 '19``."""
        yy = f"'{d.year % 100:02d}"
        md = f"{d.month}/{d.day}" if self.chance(0.6) else f"{MONTHS[d.month - 1][:3]} {d.day}"
        return self.phi(f"{md} {yy}", "DATE", "apostrophe_year")

    def impossible(self) -> Pen:
        md = self.r.choice(IMPOSSIBLE_MD)
        if self.chance(0.5):
            md = f"{md}/{self.c.day0.year}"
        return self.phi(md, "DATE", "impossible_date")

    def dob_spaced(self) -> Pen:
        """``DOB :  MM / DD / YYYY`` as a registration screen pastes it."""
        b = self.c.dob
        sep = self.r.choice((" / ", " /", "/ ", "  /  "))
        self.w(self.r.choice(("DOB :  ", "DOB  :", "D.O.B. :  ", "DOB : ")))
        return self.phi(f"{b.month:02d}{sep}{b.day:02d}{sep}{b.year}", "DATE", "ehr_spacing")

    def year(self, y: int, apostrophe: bool = False) -> Pen:
        return self.keep(f"'{y % 100:02d}" if apostrophe else str(y), "YEAR")

    # -- numbers ------------------------------------------------------------------------------
    def phone(self, num: str, type_: str = "PHONE", odd: bool = False) -> Pen:
        a, b, c = split_phone(num)
        if odd:
            form = self.r.choice(
                (
                    f"{a}/{b}-{c}",
                    f"{a} - {b} - {c}",
                    f"({a})/{b}-{c}",
                    f"{a}/{b} {c}",
                    f"{a} -{b}- {c}",
                )
            )
            return self.phi(form, type_, "phone_odd")
        form = self.r.choice((f"({a}) {b}-{c}", f"{a}.{b}.{c}", f"{a}-{b}-{c}", f"+1 {a} {b} {c}"))
        return self.phi(form, type_)

    def ident(self, key: str, type_: str, tag: str | None = None) -> Pen:
        return self.phi(self.c.ids[key], type_, tag)

    def age(self, fmt: str = "{} yo") -> Pen:
        """The patient's age; only ages over 89 are PHI."""
        head, _, tail = fmt.partition("{}")
        self.w(head)
        if self.c.age > 89:
            self.phi(str(self.c.age), "AGE", "age_90_plus")
        else:
            self.keep(str(self.c.age), "AGE_UNDER_90")
        return self.w(tail)

    def time(self, h: int, m: int) -> Pen:
        form = self.r.choice(
            (
                f"{h:02d}{m:02d}",
                f"{h:02d}:{m:02d}",
                f"{h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}",
            )
        )
        return self.keep(form, "TIME")

    def city_alone(self, cue: str | None = None) -> Pen:
        """A town named alone after ``lives in`` / ``from``, no state beside it."""
        if cue is None:
            cue = self.r.choice(
                ("lives in ", "lives alone in ", "from ", "originally from ", "moved here from ")
            )
        self.w(cue)
        town = self.c.home.city if cue.startswith("lives") else self.c.born_in
        return self.phi(town, "CITY", "city_alone")

    def address(self, one_line: bool = True) -> Pen:
        h = self.c.home
        self.phi(h.street, "ADDRESS")
        if h.unit:
            self.w(" ").phi(h.unit, "ADDRESS")
        self.w(", " if one_line else "\n")
        self.phi(h.city, "CITY").w(", ").phi(h.state, "STATE").w(" ").phi(h.zip, "ZIP")
        return self
