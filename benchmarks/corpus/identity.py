"""Fake people, places, identifiers and dates, and the many ways notes write them.

Every value is invented: Faker (seeded) or the hand lists in :mod:`benchmarks.corpus.words`.
``Render`` turns a value into a marked :class:`~benchmarks.corpus.builder.Val` in a randomly
chosen surface form, so one patient's MRN or birth date appears differently across notes.
"""

from __future__ import annotations

import datetime as dt
import random
import string
from dataclasses import dataclass, field

from faker import Faker

from benchmarks.corpus import words as W
from benchmarks.corpus.builder import K, P, Piece, Val

MBI_LETTERS = [c for c in string.ascii_uppercase if c not in "SLOIBZ"]
MBI_ALNUM = MBI_LETTERS + list(string.digits)


@dataclass(slots=True)
class Person:
    first: str
    last: str
    middle: str = ""
    sex: str = "F"
    credential: str = ""  # MD, DO, PA-C, RN, CRNA...
    role: str = ""
    npi: str = ""
    dea: str = ""
    license: str = ""
    taxonomy: str = ""
    phone: str = ""
    email: str = ""


@dataclass(slots=True)
class Place:
    street: str
    unit: str
    city: str
    state: str
    county: str
    zip: str


@dataclass(slots=True)
class Facility:
    name: str
    short: str
    ward: str
    place: Place
    phone: str
    fax: str
    host: str


@dataclass(slots=True)
class Patient:
    person: Person
    dob: dt.date
    age: int
    mrn: str
    account: str
    encounter: str
    claim: str
    member_id: str
    mbi: str
    medicaid: str
    ssn: str
    insurer: str
    place: Place
    home_phone: str
    cell_phone: str
    work_phone: str
    email: str
    relatives: list[tuple[str, Person]] = field(default_factory=list)
    plate: str = ""
    vin: str = ""
    drivers_license: str = ""
    ip: str = ""


# -- checksums for realistic-looking identifiers ---------------------------------------------


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_npi(rng: random.Random) -> str:
    base = str(rng.choice((1, 2))) + "".join(rng.choices(string.digits, k=8))
    return base + luhn_digit("80840" + base)


def make_dea(rng: random.Random, last: str) -> str:
    digits = [rng.randrange(10) for _ in range(6)]
    check = (digits[0] + digits[2] + digits[4] + 2 * (digits[1] + digits[3] + digits[5])) % 10
    initial = next((c for c in last.upper() if c.isalpha() and c.isascii()), "X")
    return rng.choice("ABFGM") + initial + "".join(map(str, digits)) + str(check)


def make_mbi(rng: random.Random) -> str:
    c = rng.choice
    return (
        c("123456789")
        + c(MBI_LETTERS)
        + c(MBI_ALNUM)
        + c(string.digits)
        + c(MBI_LETTERS)
        + c(MBI_ALNUM)
        + c(string.digits)
        + c(MBI_LETTERS)
        + c(MBI_LETTERS)
        + c(string.digits)
        + c(string.digits)
    )


def digits(rng: random.Random, k: int, lead_nonzero: bool = False) -> str:
    out = "".join(rng.choices(string.digits, k=k))
    if lead_nonzero and out[0] == "0":
        out = rng.choice("123456789") + out[1:]
    return out


def letters(rng: random.Random, k: int) -> str:
    return "".join(rng.choices(string.ascii_uppercase, k=k))


def phone_digits(rng: random.Random) -> str:
    area = rng.choice("23456789") + digits(rng, 1) + rng.choice("0123456789")
    exchange = rng.choice("23456789") + digits(rng, 2)
    return area + exchange + digits(rng, 4)


TAXONOMIES = {
    "surgeon": ("208600000X", "2086S0122X", "208200000X", "2086S0129X", "208C00000X"),
    "assistant": ("363A00000X", "363AS0400X", "208600000X"),
    "anesthesia": ("207L00000X", "367500000X"),
    "referring": ("207RR0500X", "207RG0100X", "207R00000X", "207Q00000X", "2086S0129X"),
}


# -- the people and places of one case -------------------------------------------------------


class Cast:
    """Draws people, places and identifiers from a seeded Faker and a seeded Random."""

    def __init__(self, rng: random.Random, fake: Faker) -> None:
        self.rng = rng
        self.fake = fake

    def first_name(self, sex: str) -> str:
        r = self.rng.random()
        if r < 0.18:
            return self.rng.choice(W.WORD_FIRST_NAMES)
        if r < 0.23:
            return self.rng.choice(W.HYPHENATED_FIRST + W.APOSTROPHE_FIRST)
        if r < 0.33:
            return self.rng.choice(W.WORLD_FIRST)
        return self.fake.first_name_female() if sex == "F" else self.fake.first_name_male()

    def last_name(self) -> str:
        r = self.rng.random()
        if r < 0.2:
            return self.rng.choice(W.WORD_LAST_NAMES)
        if r < 0.26:
            return self.rng.choice(W.HYPHENATED_LAST)
        if r < 0.32:
            return self.rng.choice(W.APOSTROPHE_LAST)
        if r < 0.40:
            return self.rng.choice(W.PARTICLE_LAST)
        if r < 0.52:
            return self.rng.choice(W.WORLD_LAST)
        return self.fake.last_name()

    def person(self, sex: str | None = None, role: str = "", credential: str = "") -> Person:
        sex = sex or self.rng.choice("FM")
        middle = ""
        if self.rng.random() < 0.6:
            middle = self.first_name(sex)
        p = Person(self.first_name(sex), self.last_name(), middle, sex, credential, role)
        if credential in ("MD", "DO", "PA-C", "NP", "CRNA", "DPM"):
            p.npi = make_npi(self.rng)
            p.dea = make_dea(self.rng, p.last)
            p.license = self.rng.choice(
                (
                    f"{self.rng.choice('ACDG')}{digits(self.rng, 5)}",
                    f"{digits(self.rng, 2)}MA{digits(self.rng, 8)}",
                    f"MD{digits(self.rng, 6)}",
                    f"{letters(self.rng, 1)}-{digits(self.rng, 5)}",
                    digits(self.rng, 7, True),
                )
            )
            p.taxonomy = self.rng.choice(TAXONOMIES.get(role, TAXONOMIES["surgeon"]))
            p.phone = phone_digits(self.rng)
            p.email = self.email(p, work=True)
        return p

    def email(self, p: Person, work: bool = False, domain: str | None = None) -> str:
        first = "".join(c for c in p.first.lower() if c.isascii() and c.isalpha()) or "pt"
        last = "".join(c for c in p.last.lower() if c.isascii() and c.isalpha()) or "user"
        form = self.rng.choice(
            (
                f"{first}.{last}",
                f"{first[0]}{last}",
                f"{last}{first[0]}",
                f"{first}{last}{self.rng.randrange(1, 99)}",
                f"{first}_{last}",
                f"{last}.{first}",
            )
        )
        return f"{form}@{domain or self.rng.choice(W.EMAIL_DOMAINS)}"

    def place(self) -> Place:
        city, state, county = self.rng.choice(W.PLACES)
        r = self.rng.random()
        if r < 0.45:
            street = f"{self.rng.randrange(12, 19999)} {self.fake.street_name()}"
        elif r < 0.92:
            direction = self.rng.choice(("", "", "", "N ", "S ", "E ", "W ", "NW "))
            street = (
                f"{self.rng.randrange(1, 9999)} {direction}{self.rng.choice(W.STREET_NAMES)} "
                f"{self.rng.choice(W.STREET_SUFFIXES)}"
            )
        else:
            street = self.rng.choice(
                (
                    f"PO Box {self.rng.randrange(10, 9999)}",
                    f"RR {self.rng.randrange(1, 9)} Box {self.rng.randrange(1, 300)}",
                )
            )
        unit = ""
        if self.rng.random() < 0.3 and not street.startswith(("PO", "RR")):
            unit = self.rng.choice(W.UNITS).format(
                n=self.rng.randrange(1, 420), l=self.rng.choice("ABCDEF")
            )
        try:
            zipcode = self.fake.zipcode_in_state(state)
        except Exception:  # a state Faker's table lacks
            zipcode = self.fake.zipcode()
        if self.rng.random() < 0.15:
            zipcode += f"-{digits(self.rng, 4)}"
        return Place(street, unit, city, state, county, zipcode)

    def facility(self, clinic_suffixes: tuple[str, ...] = W.CLINIC_SUFFIXES) -> Facility:
        place = self.place()
        r = self.rng.random()
        if r < 0.35:
            name = f"{self.rng.choice(W.SAINTS)} {self.rng.choice(W.HOSPITAL_SUFFIXES)}"
        elif r < 0.6:
            name = f"{place.city} {self.rng.choice(W.HOSPITAL_SUFFIXES)}"
        elif r < 0.8:
            name = f"{self.fake.last_name()} {self.rng.choice(clinic_suffixes)}"
        else:
            name = f"{place.city} {self.rng.choice(clinic_suffixes)}"
        short = "".join(
            w[0] for w in name.replace(".", "").replace("'s", "").split() if w[0].isupper()
        )
        host = "".join(c for c in name.lower() if c.isalpha())[:18]
        return Facility(
            name,
            short if len(short) >= 3 else name,
            self.rng.choice(W.WARDS),
            place,
            phone_digits(self.rng),
            phone_digits(self.rng),
            host,
        )

    def patient(self, age: int, dos: dt.date) -> Patient:
        sex = self.rng.choice("FM")
        person = self.person(sex)
        # Born ``age`` years before the date of service, on a random day of that year.
        dob = dos - dt.timedelta(days=int(age * 365.25) + self.rng.randrange(1, 360))
        rels: list[tuple[str, Person]] = []
        for _ in range(self.rng.choice((1, 1, 2, 2, 3))):
            relation, rsex = self.rng.choice(W.RELATIONS)
            rel = self.person(rsex)
            if relation in ("son", "daughter", "husband", "wife") and self.rng.random() < 0.7:
                rel.last = person.last
            rel.phone = phone_digits(self.rng)
            rels.append((relation, rel))
        insurer = (
            "Medicare" if age >= 65 and self.rng.random() < 0.7 else self.rng.choice(W.INSURERS)
        )
        return Patient(
            person=person,
            dob=dob,
            age=age,
            mrn=self.mrn(),
            account=digits(self.rng, self.rng.choice((8, 9, 10, 12)), True),
            encounter=self.rng.choice(
                (
                    digits(self.rng, 10, True),
                    f"E{digits(self.rng, 9)}",
                    f"{dos.year}-{digits(self.rng, 7)}",
                )
            ),
            claim=self.rng.choice(
                (
                    digits(self.rng, 13, True),
                    f"{dos.strftime('%y%j')}{digits(self.rng, 6)}",
                    f"CLM{digits(self.rng, 10)}",
                )
            ),
            member_id=self.rng.choice(
                (
                    f"{letters(self.rng, 3)}{digits(self.rng, 9)}",
                    f"W{digits(self.rng, 9)}",
                    f"{letters(self.rng, 2)}{digits(self.rng, 7)}-0{self.rng.randrange(1, 4)}",
                    digits(self.rng, 11, True),
                )
            ),
            mbi=make_mbi(self.rng),
            medicaid=f"{digits(self.rng, 8, True)}{self.rng.choice(string.ascii_uppercase)}",
            ssn=self.fake.ssn(),
            insurer=insurer,
            place=self.place(),
            home_phone=phone_digits(self.rng),
            cell_phone=phone_digits(self.rng),
            work_phone=phone_digits(self.rng),
            email=self.email(person),
            relatives=rels,
            plate=self.rng.choice(
                (
                    f"{self.rng.randrange(1, 9)}{letters(self.rng, 3)}{digits(self.rng, 3)}",
                    f"{letters(self.rng, 3)}-{digits(self.rng, 4)}",
                    f"{letters(self.rng, 3)} {digits(self.rng, 3)}",
                    f"{digits(self.rng, 3)} {letters(self.rng, 3)}",
                )
            ),
            vin=self.vin(),
            drivers_license=self.rng.choice(
                (
                    f"{letters(self.rng, 1)}{digits(self.rng, 7)}",
                    f"{letters(self.rng, 1)}{digits(self.rng, 3)}-"
                    f"{digits(self.rng, 4)}-{digits(self.rng, 4)}",
                    digits(self.rng, 9, True),
                )
            ),
            ip=self.fake.ipv4_public() if self.rng.random() < 0.6 else self.fake.ipv4_private(),
        )

    def mrn(self) -> str:
        r = self.rng.randrange(8)
        return (
            digits(self.rng, 8),
            digits(self.rng, 7, True),
            f"{self.rng.choice('AEMH')}{digits(self.rng, 7)}",
            f"{digits(self.rng, 2)}-{digits(self.rng, 3)}-{digits(self.rng, 3)}",
            f"00{digits(self.rng, 6)}",
            f"{digits(self.rng, 3)}-{digits(self.rng, 2)}-{digits(self.rng, 2)}",
            f"MRN{digits(self.rng, 6)}",
            digits(self.rng, 6, True),
        )[r]

    def vin(self) -> str:
        alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        return "".join(self.rng.choices("12345JKLSVWYZ", k=1)) + "".join(
            self.rng.choices(alphabet, k=16)
        )


# -- surface forms ---------------------------------------------------------------------------

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


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Render:
    """Surface forms of values, each returned as a marked :class:`Val` (or pieces)."""

    def __init__(self, rng: random.Random, date_style: int | None = None) -> None:
        self.rng = rng
        # A note tends to keep one date format; ``date_style`` fixes it for the whole note.
        self.date_style = date_style if date_style is not None else rng.randrange(len(DATE_FORMS))

    # names ----------------------------------------------------------------------------------

    def name(self, p: Person, form: str | None = None) -> Val:
        """The name alone (no title or credential), as one NAME span."""
        r = self.rng
        form = form or r.choice(
            (
                "full",
                "full",
                "full",
                "first_mi_last",
                "last_comma_first",
                "caps_last_first",
                "initial_last",
                "first_last_mi",
            )
        )
        mi = (p.middle or p.first)[0]
        text = {
            "full": f"{p.first} {p.last}",
            "first_mi_last": f"{p.first} {mi}. {p.last}",
            "first_last_mi": f"{p.first} {p.middle or mi} {p.last}",
            "last_comma_first": f"{p.last}, {p.first}",
            "caps_last_first": f"{p.last.upper()}, {p.first.upper()}"
            + (f" {mi}" if r.random() < 0.6 else ""),
            "last_first_mi": f"{p.last}, {p.first} {mi}",
            "initial_last": f"{p.first[0]}. {p.last}",
            "initials": f"{p.first[0]}.{mi}.",
            "initials_last": f"{p.first[0]}.{mi}. {p.last}",
            "last": p.last,
            "first": p.first,
            "lower": f"{p.first} {p.last}".lower(),
        }[form]
        return P(text, "NAME")

    def dr(self, p: Person) -> list[Piece]:
        """A provider as written in prose: 'Dr. Last', 'Dr. First Last', 'First Last, MD'."""
        r = self.rng.random()
        if r < 0.45:
            return ["Dr. ", P(p.last, "NAME")]
        if r < 0.65:
            return ["Dr. ", self.name(p, "full")]
        if r < 0.85 and p.credential:
            return [self.name(p, "full"), f", {p.credential}"]
        return [self.name(p, self.rng.choice(("first_mi_last", "full", "initial_last")))]

    def signed(self, p: Person) -> list[Piece]:
        cred = f", {p.credential}" if p.credential else ""
        return [self.name(p, self.rng.choice(("full", "first_mi_last", "first_last_mi"))), cred]

    def header_name(self, p: Person) -> Val:
        return self.name(
            p, self.rng.choice(("caps_last_first", "last_comma_first", "last_first_mi", "full"))
        )

    # dates ----------------------------------------------------------------------------------

    def date(self, d: dt.date, style: int | None = None) -> Piece:
        """A full date; now and then after its weekday, which stays outside the span."""
        if style is None:
            style = (
                self.date_style if self.rng.random() < 0.75 else self.rng.randrange(len(DATE_FORMS))
            )
        value = P(DATE_FORMS[style](d), "DATE")
        if self.rng.random() < 0.06 and style in LONG_FORMS:
            return [f"{d.strftime('%A')}, ", value]
        return value

    def date_no_year(self, d: dt.date) -> Val:
        form = self.rng.choice(
            (
                f"{d.month}/{d.day}",
                f"{d.month:02d}/{d.day:02d}",
                f"{MONTHS[d.month - 1]} {d.day}",
                f"{MONTHS[d.month - 1][:3]} {ordinal(d.day)}",
                f"{MONTHS[d.month - 1]} {ordinal(d.day)}",
            )
        )
        return P(form, "DATE")

    def month_year(self, d: dt.date) -> Val:
        form = self.rng.choice(
            (
                f"{d.month:02d}/{d.year}",
                f"{MONTHS[d.month - 1]} {d.year}",
                f"{MONTHS[d.month - 1][:3]} {d.year}",
                f"{d.month}/{d.year % 100:02d}",
            )
        )
        return P(form, "DATE")

    def time(self, hour: int, minute: int) -> Val:
        h12 = hour % 12 or 12
        ampm = "AM" if hour < 12 else "PM"
        form = self.rng.choice(
            (
                f"{hour:02d}{minute:02d}",
                f"{hour:02d}:{minute:02d}",
                f"{h12}:{minute:02d} {ampm}",
                f"{h12}:{minute:02d} {ampm.lower()}",
                f"{hour:02d}{minute:02d} hrs",
                f"{h12}:{minute:02d}{ampm.lower()[0]}",
            )
        )
        return K(form, "TIME")

    # ages -----------------------------------------------------------------------------------

    def age(self, age: int, form: str | None = None) -> list[Piece]:
        """'67-year-old', '92 y/o', 'age 91': the number is the span; PHI only over 89."""
        mark = P(str(age), "AGE") if age > 89 else K(str(age), "AGE_UNDER_90")
        form = form or self.rng.choice(
            ("-year-old", " year old", " y/o", " yo", "-yo", " YO", "yo")
        )
        return [mark, form]

    # identifiers ----------------------------------------------------------------------------

    def phone(self, d: str, type_: str = "PHONE") -> Val:
        a, e, n = d[:3], d[3:6], d[6:]
        form = self.rng.choice(
            (
                f"({a}) {e}-{n}",
                f"{a}-{e}-{n}",
                f"{a}.{e}.{n}",
                f"({a}){e}-{n}",
                f"1-{a}-{e}-{n}",
                f"+1 {a} {e} {n}",
                f"{a} {e} {n}",
                f"{a}/{e}-{n}",
                d,
            )
        )
        return P(form, type_)

    def ssn(self, s: str) -> Val:
        return P(self.rng.choice((s, s, s.replace("-", ""), s.replace("-", " "))), "SSN")

    def mbi(self, m: str) -> Val:
        return P(self.rng.choice((m, f"{m[:4]}-{m[4:7]}-{m[7:]}")), "HEALTH_PLAN")

    def zip(self, z: str) -> Val:
        return P(z, "ZIP")

    def address(
        self, place: Place, oneline: bool | None = None, state_name: bool = False
    ) -> list[Piece]:
        """Street, unit, city, state and ZIP as separate spans, on one line or two."""
        oneline = self.rng.random() < 0.5 if oneline is None else oneline
        state = W.STATE_NAMES.get(place.state, place.state) if state_name else place.state
        street: list[Piece] = [P(place.street, "ADDRESS")]
        if place.unit:
            street += [self.rng.choice((", ", " ")), P(place.unit, "ADDRESS")]
        sep = ", " if oneline else "\n"
        return [
            *street,
            sep,
            P(place.city, "CITY"),
            ", ",
            P(state, "STATE"),
            " ",
            P(place.zip, "ZIP"),
        ]

    def county(self, place: Place) -> Val:
        suffix = self.rng.choice(("County", "County", "Co.", "county"))
        return P(f"{place.county} {suffix}", "COUNTY")


def _iso(d: dt.date) -> str:
    return d.isoformat()


DATE_FORMS = (
    lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year}",
    lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}",
    _iso,
    lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{MONTHS[d.month - 1][:3]} {d.day}, {d.year}",
    lambda d: f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}",
    lambda d: f"{d.day:02d}-{MONTHS[d.month - 1][:3].upper()}-{d.year}",
    lambda d: f"{d.month:02d}-{d.day:02d}-{d.year}",
    lambda d: f"{d.month}.{d.day}.{d.year}",
    lambda d: f"{d.year}{d.month:02d}{d.day:02d}",
    lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",
)
LONG_FORMS = (4, 5, 12)  # may follow a weekday: "Monday, March 4, 2024"
