"""Identities of the held-out family: people, places, numbers and dates of one patient's case.

Names come from Faker locales the first family does not use (en_GB, es_MX, pl_PL, en_IE,
pt_BR, fi_FI, zu_ZA, en_IN, yo_NG, romanized zh_CN/ja_JP) and from hand-written lists of
rare surnames, Vietnamese and Arabic names; towns from ``_words.TOWNS``.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import unicodedata
from dataclasses import dataclass, field

from faker import Faker

from benchmarks.heldout import _words as W
from benchmarks.heldout._clinic import PROCS, Proc

LOCALES = ("en_GB", "es_MX", "pl_PL", "en_IE", "pt_BR", "fi_FI", "zu_ZA", "en_IN", "yo_NG")
ROMANIZED = ("zh_CN", "ja_JP")
VIET_FAMILY = ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Dang", "Bui")
VIET_GIVEN = (
    ("Thi Lan", "F"),
    ("Van Minh", "M"),
    ("Thu Ha", "F"),
    ("Quang Huy", "M"),
    ("Ngoc Anh", "F"),
    ("Duc Thang", "M"),
    ("Kim Oanh", "F"),
    ("Bao Long", "M"),
    ("My Linh", "F"),
    ("Tuan Kiet", "M"),
)
ARAB_FAMILY = ("Al-Masri", "Khoury", "Nasser", "Farouk", "Mansour", "Saleh", "Qasim", "Darwish")
ARAB_GIVEN = (
    ("Yousef", "M"),
    ("Fatima", "F"),
    ("Omar", "M"),
    ("Layla", "F"),
    ("Khalid", "M"),
    ("Mariam", "F"),
    ("Tariq", "M"),
    ("Noor", "F"),
    ("Samir", "M"),
    ("Huda", "F"),
)
RELATIONS_F = ("wife", "daughter", "sister", "mother", "niece", "granddaughter", "partner")
FRIEND_WORDS = ("friend", "neighbor", "roommate", "cousin", "godchild", "coworker", "landlord")
RELATIONS_M = ("husband", "son", "brother", "father", "nephew", "grandson", "partner")
# Area codes in use in the towns' regions; exchanges are drawn 201-989, never 555.
AREA_CODES = (
    "509",
    "406",
    "205",
    "765",
    "208",
    "701",
    "307",
    "605",
    "601",
    "334",
    "229",
    "325",
    "432",
    "956",
    "928",
    "575",
    "530",
    "559",
    "541",
    "801",
    "970",
    "417",
    "405",
    "870",
    "270",
    "423",
    "910",
    "864",
    "434",
    "304",
    "814",
    "315",
    "607",
    "413",
    "603",
    "207",
    "802",
    "203",
    "856",
    "410",
    "563",
    "715",
    "920",
    "507",
    "989",
    "906",
    "812",
    "217",
    "740",
    "419",
    "808",
    "907",
)


def ascii_fold(s: str) -> str:
    """Drop diacritics the way many registration systems do (Ł has no decomposition)."""
    s = s.replace("Ł", "L").replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@dataclass(slots=True)
class Person:
    first: str
    last: str
    sex: str
    middle: str = ""  # a single initial or empty
    nick: str | None = None

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def username(self, rng: random.Random) -> str:
        f = "".join(c for c in ascii_fold(self.first).lower() if c.isalpha()) or "x"
        la = "".join(c for c in ascii_fold(self.last).lower() if c.isalpha()) or "user"
        form = rng.choice(
            (f"{f[0]}{la}", f"{la}{f[0]}", f"{f[:3]}{la[:4]}", f"{f[0]}{la}{rng.randrange(2, 9)}")
        )
        return form[:14]


class NameSource:
    """Draws people from several sources so no single list dominates a corpus."""

    def __init__(self) -> None:
        self._fakers = {loc: Faker(loc) for loc in (*LOCALES, *ROMANIZED)}

    def seed(self, n: int) -> None:
        for i, f in enumerate(self._fakers.values()):
            f.seed_instance(n + i)

    def person(self, rng: random.Random, sex: str | None = None) -> Person:
        sex = sex or rng.choice("MF")
        src = rng.random()
        if src < 0.45:
            f = self._fakers[rng.choice(LOCALES)]
            first = f.first_name_male() if sex == "M" else f.first_name_female()
            last = f.last_name()
        elif src < 0.55:
            f = self._fakers[rng.choice(ROMANIZED)]
            first, last = f.first_romanized_name(), f.last_romanized_name()
        elif src < 0.65:
            first, sex = rng.choice(VIET_GIVEN)
            last = rng.choice(VIET_FAMILY)
        elif src < 0.72:
            first, sex = rng.choice(ARAB_GIVEN)
            last = rng.choice(ARAB_FAMILY)
        else:
            first, sex = rng.choice(W.RARE_GIVEN)
            last = rng.choice(W.RARE_SURNAMES)
        # Compound given names from pt_BR ("Davi Lucas") keep only the first word for forms.
        first = first.split()[0] if " " in first and src < 0.45 else first
        if rng.random() < 0.75:
            first, last = ascii_fold(first), ascii_fold(last)
        middle = rng.choice(string.ascii_uppercase) if rng.random() < 0.55 else ""
        return Person(first, last, sex, middle)


@dataclass(slots=True)
class Place:
    street: str
    unit: str
    city: str
    state: str
    county: str
    zip: str


@dataclass(slots=True)
class Case:
    index: int
    proc: Proc
    patient: Person
    age: int
    dob: dt.date
    day0: dt.date  # procedure day
    home: Place
    born_in: str  # a town named alone ("from ...")
    relatives: list[tuple[Person, str]]
    friend: tuple[Person, str]  # a contact named by first name only, after a weak cue
    surgeon: Person
    cosurgeon: Person
    anesth: Person
    nurses: list[Person]
    np: Person
    pa: Person
    rrt: Person
    house: Person
    spiritual: tuple[str, Person]  # ("chaplain" | "rabbi" | "imam" | "pastor", person)
    clerk: Person  # transcriptionist or registrar
    facility: str
    domain: str
    referring_facility: str
    ids: dict[str, str] = field(default_factory=dict)
    phones: dict[str, str] = field(default_factory=dict)
    email: str = ""
    ip: str = ""


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))


def _luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def npi(rng: random.Random) -> str:
    """A ten-digit NPI with a valid check digit (Luhn over the 80840 prefix)."""
    base = rng.choice("12") + _digits(rng, 8)
    return base + _luhn_digit("80840" + base)


def dea(rng: random.Random, last: str) -> str:
    d = [rng.randrange(10) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    initial = ascii_fold(last)[:1].upper() or "X"
    return rng.choice("ABFM") + initial + "".join(map(str, d)) + str(check)


def phone(rng: random.Random) -> str:
    """Ten digits: a real area code, an exchange that is neither N11 nor 555."""
    while True:
        ex = rng.randrange(201, 990)
        if ex % 100 != 11 and ex != 555:
            return rng.choice(AREA_CODES) + str(ex) + _digits(rng, 4)


def zip_code(rng: random.Random, state: str) -> str:
    low, high = W.ZIP3[state]
    five = f"{rng.randint(low, high):03d}{rng.randrange(100):02d}"
    return f"{five}-{rng.randrange(10000):04d}" if rng.random() < 0.25 else five


def make_case(index: int, code: str, rng: random.Random, names: NameSource) -> Case:
    names.seed(rng.randrange(2**31))
    patient = names.person(rng)
    if rng.random() < 0.35:
        patient.nick = rng.choice(W.NICKNAMES)
    # About one patient in six is 90 or older: ages over 89 are PHI.
    age = rng.randrange(90, 104) if rng.random() < 0.17 else rng.randrange(24, 89)
    day0 = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 6 * 365))
    dob = day0 - dt.timedelta(days=age * 365 + rng.randrange(5, 360))
    city, state, county = rng.choice(W.TOWNS)
    unit = f"{rng.choice(W.UNIT_KINDS)} {rng.randrange(1, 40)}{rng.choice(('', 'B', 'C'))}"
    home = Place(
        street=" ".join(
            (str(rng.randrange(12, 9899)), rng.choice(W.STREET_CORES), rng.choice(W.STREET_KINDS))
        ),
        unit=unit if rng.random() < 0.4 else "",
        city=city,
        state=state,
        county=county,
        zip=zip_code(rng, state),
    )
    born_in = rng.choice([t[0] for t in W.TOWNS if t[0] != city])
    relatives: list[tuple[Person, str]] = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        rel = names.person(rng)
        kin = rng.choice(RELATIONS_F if rel.sex == "F" else RELATIONS_M)
        if (
            kin in ("wife", "husband", "daughter", "son", "sister", "brother")
            and rng.random() < 0.6
        ):
            rel.last = patient.last
        relatives.append((rel, kin))
    stem, domain = rng.choice(W.FACILITY_STEMS)
    other_stem, _ = rng.choice([s for s in W.FACILITY_STEMS if s[0] != stem])
    case = Case(
        index=index,
        proc=PROCS[code],
        patient=patient,
        age=age,
        dob=dob,
        day0=day0,
        home=home,
        born_in=born_in,
        relatives=relatives,
        friend=(names.person(rng), rng.choice(FRIEND_WORDS)),
        surgeon=names.person(rng),
        cosurgeon=names.person(rng),
        anesth=names.person(rng),
        nurses=[names.person(rng) for _ in range(3)],
        np=names.person(rng),
        pa=names.person(rng),
        rrt=names.person(rng),
        house=names.person(rng),
        spiritual=(rng.choice(("chaplain", "rabbi", "imam", "pastor")), names.person(rng)),
        clerk=names.person(rng),
        facility=f"{stem} {rng.choice(W.FACILITY_KINDS)}",
        domain=domain,
        referring_facility=f"{other_stem} {rng.choice(W.FACILITY_KINDS)}",
    )
    yy = day0.strftime("%y")
    case.ids = {
        "mrn": rng.choice(
            (
                f"{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 2)}-{_digits(rng, 2)}",
                f"{domain[:2]}{_digits(rng, 7)}",
                f"{_digits(rng, 7)}-{rng.randrange(10)}",
            )
        ),
        "account": rng.choice(
            (f"E{yy}{_digits(rng, 7)}", f"HAR{_digits(rng, 9)}", _digits(rng, 11))
        ),
        "plan": rng.choice(
            (
                f"{rng.randrange(1, 10)}{_letters(rng, 2)}{rng.randrange(10)}-{_letters(rng, 2)}"
                f"{rng.randrange(10)}-{_letters(rng, 2)}{_digits(rng, 2)}",
                f"{_letters(rng, 3)}{_digits(rng, 9)}",
                f"{_digits(rng, 8)}{rng.choice('ABCDE')}",
            )
        ),
        "ssn": f"{rng.randrange(100, 665)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
        "npi": npi(rng),
        "dea": dea(rng, case.surgeon.last),
        "license": f"{home.state}-{rng.choice(('MD', 'DO', 'RN'))}{_digits(rng, 6)}",
        "kit": f"KT-{_letters(rng, 2)}{_digits(rng, 6)}",
        "lot": f"{yy}{_letters(rng, 1)}{_digits(rng, 4)}-{rng.randrange(1, 9):02d}",
        "coi": f"COI-{yy}-{_letters(rng, 3)}-{_digits(rng, 5)}",
        "din": f"W{_digits(rng, 4)} {yy} {_digits(rng, 6)}",
        "waybill": rng.choice(
            (_digits(rng, 12), f"1Z{_letters(rng, 3)}{_digits(rng, 3)}{_digits(rng, 10)}")
        ),
        "prior_auth": rng.choice(
            (f"PA{yy}-{_digits(rng, 6)}", f"{_digits(rng, 3)}-{_letters(rng, 1)}{_digits(rng, 7)}")
        ),
        "dicom": (
            f"1.2.840.{rng.choice(('113619', '113704', '10008'))}.2.{rng.randrange(1, 999)}."
            f"{_digits(rng, 8)}.{_digits(rng, 6)}.{rng.randrange(1, 99)}"
        ),
        "accession": f"{_letters(rng, 2)}{yy}-{_digits(rng, 7)}",
        "serial": f"SN{_digits(rng, 3)}-{_letters(rng, 2)}{_digits(rng, 5)}",
        "plate": f"{_digits(rng, 1)}{_letters(rng, 3)}{_digits(rng, 3)}",
        "job": _digits(rng, 7),
    }
    case.phones = {
        "home": phone(rng),
        "cell": phone(rng),
        "kin": phone(rng),
        "office": phone(rng),
        "fax": phone(rng),
    }
    user = "".join(c for c in ascii_fold(patient.first).lower() if c.isalpha())[:6] or "pt"
    case.email = (
        f"{user}{rng.choice(('.', '_', ''))}{rng.randrange(10, 99)}@{rng.choice(W.EMAIL_HOSTS)}"
    )
    case.ip = f"10.{rng.randrange(0, 255)}.{rng.randrange(0, 255)}.{rng.randrange(2, 254)}"
    return case
