"""Shared helpers for note styles: one Writer per note, over one case."""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

from benchmarks.corpus.builder import K, NoteBuilder, P, Piece, Val
from benchmarks.corpus.case import Case
from benchmarks.corpus.identity import Person, Render

EPONYM_SPLIT = re.compile(r"(Crohn's|Raynaud's|Buerger's|Raynaud|Crohn)")


class Writer:
    """Holds the builder, the case and the surface-form renderer of one note."""

    def __init__(self, case: Case, rng: random.Random, builder: NoteBuilder) -> None:
        self.c = case
        self.rng = rng
        self.b = builder
        self.R = Render(rng)
        self.p = case.patient
        self.pp = case.patient.person
        start = case.start_hour * 60 + rng.choice((0, 15, 30, 45)) + rng.randrange(0, 10)
        minutes = int(case.n["proc_minutes"])
        self.clock = {
            "arrival": start - rng.randrange(70, 130),
            "preop_abx": start - rng.randrange(5, 40),
            "in_room": start,
            "anes_start": start + rng.randrange(2, 9),
            "timeout": start + rng.randrange(10, 16),
            "incision": start + rng.randrange(17, 25),
            "close": start + 24 + minutes,
            "out_room": start + 32 + minutes,
            "pacu_in": start + 36 + minutes,
            "pacu_out": start + 36 + minutes + rng.randrange(45, 130),
        }

    # -- small pieces -------------------------------------------------------------------------

    def pick(self, *options: Any) -> Any:
        return self.rng.choice(options)

    def maybe(self, p: float) -> bool:
        return self.rng.random() < p

    def at(self, key: str, shift: int = 0) -> Val:
        minutes = self.clock[key] + shift
        return self.R.time((minutes // 60) % 24, minutes % 60)

    def date(self, d: dt.date) -> Piece:
        return self.R.date(d)

    def days(self, n: int) -> dt.date:
        return self.c.dos + dt.timedelta(days=n)

    def name(self, person: Person, form: str | None = None) -> Val:
        return self.R.name(person, form)

    def dr(self, person: Person) -> list[Piece]:
        return self.R.dr(person)

    def provider(self, person: Person) -> list[Piece]:
        """'First Last, MD' as in a header."""
        cred = f", {person.credential}" if person.credential else ""
        return [self.name(person, self.pick("full", "first_mi_last", "last_comma_first")), cred]

    def pt(self) -> list[Piece]:
        """The patient as prose refers to them."""
        r = self.rng.random()
        title = "Ms." if self.pp.sex == "F" else "Mr."
        if r < 0.35:
            return ["the patient"]
        if r < 0.65:
            return [f"{title} ", P(self.pp.last, "NAME")]
        if r < 0.85:
            return [self.name(self.pp, "full")]
        return [P(self.pp.first, "NAME")]

    @property
    def she(self) -> str:
        return "she" if self.pp.sex == "F" else "he"

    @property
    def her(self) -> str:
        return "her" if self.pp.sex == "F" else "his"

    @property
    def him(self) -> str:
        return "her" if self.pp.sex == "F" else "him"

    @property
    def woman(self) -> str:
        return (
            self.pick("woman", "female", "female")
            if self.pp.sex == "F"
            else self.pick("man", "male")
        )

    def age(self, form: str | None = None) -> list[Piece]:
        return self.R.age(self.p.age, form)

    def cpt(self, code: str) -> Val:
        return K(code, "CPT")

    def cpt_mod(self, code: str, *mods: str) -> list[Piece]:
        out: list[Piece] = [self.cpt(code)]
        for m in mods:
            out += [self.pick("-", "-", " ", " -", " mod "), K(m, "MODIFIER")]
        return out

    def icd(self, code: str) -> Val:
        return K(code, "ICD10")

    def dx(self, code: str, desc_text: str) -> list[Piece]:
        desc = self.eponyms_in(desc_text)
        form = self.rng.randrange(5)
        if form == 0:
            return [desc, " (", self.icd(code), ")"]
        if form == 1:
            return [self.icd(code), " ", desc]
        if form == 2:
            return [self.icd(code), " - ", desc]
        if form == 3:
            return [desc, ", ICD-10 ", self.icd(code)]
        return [desc, " [", self.icd(code), "]"]

    def eponyms_in(self, text: str) -> list[Piece]:
        """Plain text with the eponyms in it marked ("Crohn's disease, ...")."""
        out: list[Piece] = []
        for part in EPONYM_SPLIT.split(text):
            if part:
                out.append(self.ep(part) if EPONYM_SPLIT.fullmatch(part) else part)
        return out

    def hcpcs(self, code: str) -> Val:
        return K(code, "HCPCS")

    def drug(self, x: str) -> Val:
        return K(x, "DRUG")

    def dose(self, x: str) -> Val:
        return K(x, "DOSE")

    def vol(self, x: str) -> Val:
        return K(x, "VOLUME")

    def dur(self, x: str) -> Val:
        return K(x, "DURATION")

    def side(self, x: str) -> Val:
        return K(x, "LATERALITY")

    def ep(self, x: str) -> Val:
        return K(x, "EPONYM")

    def prod(self, x: str) -> Val:
        return K(x, "PRODUCT")

    def meas(self, x: str) -> Val:
        return K(x, "MEASURE")

    def site(self, x: str) -> Val:
        return K(x, "SITE")

    def year(self, y: int) -> Val:
        return K(str(y), "YEAR")

    def tax(self, x: str) -> Val:
        return K(x, "TAXONOMY")

    def limb(self, short: bool = False) -> list[Piece]:
        """The treated limb: 'right hand', 'both hands', 'left leg', 'RLE'."""
        code, side = self.c.proc.code, self.c.side
        if code == "0489T":
            if side == "bilateral":
                return self.pick(
                    [self.side("bilateral"), " hands"],
                    [self.side("both"), " hands"],
                    [self.side("bilateral"), " hands"],
                )
            return [self.side(side), " hand"]
        if code == "0263T":
            if short:
                return [self.side("RLE" if side == "right" else "LLE")]
            return self.pick(
                [self.side(side), " leg"],
                [self.side(side), " lower extremity"],
                [self.side(side.upper() if self.maybe(0.3) else side), " calf and thigh"],
            )
        return ["perianal"]

    def vitals(self) -> list[Piece]:
        n = self.c.n
        return [
            "BP ",
            self.meas(f"{n['bp_sys']}/{n['bp_dia']}"),
            ", HR ",
            self.meas(str(n["hr"])),
            ", T ",
            self.meas(f"{n['temp']}"),
            " C, SpO2 ",
            self.meas(f"{n['spo2']}%"),
            self.pick(" RA", " on RA", " on room air", ""),
        ]

    def pain(self, key: str = "pain_pre") -> list[Piece]:
        return [self.meas(f"{self.c.n[key]}/10")]
