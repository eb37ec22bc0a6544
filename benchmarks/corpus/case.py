"""One patient's episode of care: the people, places, dates and numbers its notes share."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from faker import Faker

from benchmarks.corpus import clinical as C
from benchmarks.corpus.identity import Cast, Facility, Patient, Person, digits, letters


@dataclass(slots=True)
class Case:
    index: int
    proc: C.Procedure
    patient: Patient
    surgeon: Person
    assistant: Person
    anesthesiologist: Person
    crna: Person
    referring: Person
    pcp: Person
    nurses: list[Person]
    tech: Person
    transcriptionist: Person
    facility: Facility
    referring_facility: Facility
    dos: dt.date
    consult: dt.date
    dx_year: int
    side: str  # right / left / bilateral
    dx: list[tuple[str, str]]
    allergy: tuple[str, str] | None
    home_meds: list[tuple[str, str]]
    start_hour: int
    # Identifiers of this episode's devices, products and documents.
    device_serial: str
    cell_lot: str
    product_lot: str
    udi: str
    accession: str
    case_number: str
    job_number: str
    study_id: str
    portal_url: str
    video_url: str
    workstation_ip: str
    n: dict[str, float | int | str] = field(default_factory=dict)


def make_case(index: int, code: str, rng: random.Random, fake: Faker) -> Case:
    cast = Cast(rng, fake)
    proc = C.PROCEDURES[code]
    dos = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randrange(0, 1640))
    # One patient in eight is over 89, so ages that must go appear beside ages that stay.
    age = rng.randrange(90, 104) if rng.random() < 0.125 else rng.randrange(19, 90)
    if code == "0263T" and age < 40:
        age += 30
    patient = cast.patient(age, dos)
    surgeon = cast.person(None, "surgeon", rng.choice(C.SURGEON_CREDENTIALS).split(",")[0])
    assistant = cast.person(None, "assistant", rng.choice(("PA-C", "MD", "PA-C", "NP")))
    facility = cast.facility(C.CLINICS[code])
    if code == "0489T":
        side = rng.choice(("bilateral", "bilateral", "right", "left"))
    elif code == "0263T":
        side = rng.choice(("right", "left"))
    else:
        side = "midline"
    dx = [rng.choice(_sided(proc.dx, side))]
    for extra in rng.sample(_sided(proc.secondary_dx, side), rng.randrange(1, 4)):
        dx.append(extra)
    year = dos.year - rng.randrange(1, 15)
    host = facility.host
    pt_slug = patient.person.last.lower().replace(" ", "").replace("'", "")
    dr_slug = surgeon.last.lower().replace(" ", "").replace("'", "")
    portal = rng.choice(
        (
            f"https://{rng.choice(('mychart', 'portal'))}.{host}.org/patient/{digits(rng, 7)}",
            f"https://www.{host}.com/portal?pid={digits(rng, 8)}",
            f"http://{host}health.net/records/{letters(rng, 2).lower()}{digits(rng, 6)}",
            f"https://followmyhealth.{host}.org/u/{pt_slug}{digits(rng, 3)}",
        )
    )
    video = rng.choice(
        (
            f"https://zoom.us/j/{digits(rng, 10, True)}?pwd={letters(rng, 8)}",
            f"https://{host}.doxy.me/{dr_slug}{digits(rng, 2)}",
            f"https://telehealth.{host}.org/visit/{digits(rng, 9)}",
        )
    )
    n: dict[str, float | int | str] = {
        "or_room": rng.randrange(1, 22),
        "ebl": rng.choice((2, 5, 5, 10, 10, 15, 20, 25, 40, 50)),
        "fluids": rng.choice((300, 400, 500, 600, 700, 800, 1000, 1200)),
        "weight": rng.randrange(48, 121),
        "bp_sys": rng.randrange(104, 172),
        "bp_dia": rng.randrange(58, 96),
        "hr": rng.randrange(54, 104),
        "spo2": rng.randrange(93, 100),
        "temp": round(rng.uniform(36.1, 37.4), 1),
        "pain_pre": rng.randrange(0, 7),
        "pain_post": rng.randrange(0, 8),
        "pod_visit": rng.choice((7, 10, 14, 21, 30, 42, 60, 90)),
        "months_dx": rng.randrange(6, 120),
    }
    if code == "0489T":
        n |= {
            "tumescent": rng.choice((150, 200, 250, 300, 360, 400)),
            "lipo": rng.choice((100, 120, 150, 180, 200, 220, 250)),
            "adrc_ml": rng.choice((4, 5, 6, 8, 10)),
            "cells_m": rng.choice((20, 25, 30, 40, 45, 60, 80)),
            "viability": rng.randrange(78, 97),
            "inj_per_finger": rng.choice((1, 2)),
            "inj_ml": rng.choice(("0.25", "0.3", "0.4", "0.5")),
            "mrss": rng.randrange(8, 40),
            "proc_minutes": rng.randrange(35, 120),
            "enzyme_minutes": rng.choice((20, 30, 45, 60)),
        }
    elif code == "0748T":
        n |= {
            "vials": 4,
            "ml_per_vial": 6,
            "cells_m": 120,
            "internal": rng.choice((1, 1, 2, 2, 3)),
            "external": rng.choice((1, 2, 2, 3)),
            "setons": rng.choice((0, 1, 1, 2)),
            "pdai": rng.randrange(4, 16),
            "clock_int": rng.choice((1, 3, 5, 6, 7, 9, 11, 12)),
            "clock_ext": rng.choice((2, 4, 5, 7, 8, 10)),
            "proc_minutes": rng.randrange(30, 95),
            "weeks_seton": rng.choice((6, 8, 10, 12, 16)),
        }
    else:
        n |= {
            "bma_ml": rng.choice((120, 180, 240, 240, 300)),
            "conc_ml": rng.choice((20, 20, 25, 30, 40)),
            "injections": rng.choice((30, 40, 40, 50, 60)),
            "inj_ml": rng.choice(("0.5", "0.5", "0.75", "1.0")),
            "abi": f"0.{rng.randrange(18, 60):02d}",
            "tcpo2": rng.randrange(8, 38),
            "rutherford": rng.choice((4, 4, 5, 5, 6)),
            "heparin_u": rng.choice((3000, 5000, 5000)),
            "proc_minutes": rng.randrange(60, 150),
            "spin_minutes": rng.choice((12, 14, 15, 20)),
        }
    nurses = [cast.person(None, "nurse", "RN") for _ in range(3)]
    return Case(
        index=index,
        proc=proc,
        patient=patient,
        surgeon=surgeon,
        assistant=assistant,
        anesthesiologist=cast.person(None, "anesthesia", "MD"),
        crna=cast.person(None, "anesthesia", "CRNA"),
        referring=cast.person(None, "referring", rng.choice(("MD", "MD", "DO", "NP"))),
        pcp=cast.person(None, "referring", rng.choice(("MD", "DO", "NP"))),
        nurses=nurses,
        tech=cast.person(None, "tech", "CST"),
        transcriptionist=cast.person(None, "mt", ""),
        facility=facility,
        referring_facility=cast.facility(C.REFERRING_CLINICS[code]),
        dos=dos,
        consult=dos - dt.timedelta(days=rng.randrange(12, 120)),
        dx_year=year,
        side=side,
        dx=dx,
        allergy=rng.choice(C.ALLERGIES) if rng.random() < 0.45 else None,
        home_meds=rng.sample(proc.home_meds, rng.randrange(2, 5)),
        start_hour=rng.randrange(7, 14),
        device_serial=rng.choice(
            (
                f"CEL-{digits(rng, 4)}-{digits(rng, 4)}",
                f"SN{digits(rng, 8)}",
                f"{letters(rng, 3)}{digits(rng, 6)}{letters(rng, 1)}",
                f"2P-{digits(rng, 6)}",
            )
        ),
        cell_lot=rng.choice(
            (
                f"ADRC-{dos.strftime('%y%m%d')}-{digits(rng, 3)}",
                f"L{digits(rng, 7)}",
                f"{letters(rng, 2)}{digits(rng, 5)}-{rng.randrange(1, 9)}",
                f"BM{dos.strftime('%y')}{digits(rng, 5)}",
            )
        ),
        product_lot=rng.choice(
            (
                digits(rng, 1)
                + letters(rng, 1)
                + digits(rng, 1)
                + letters(rng, 1)
                + digits(rng, 2),
                f"DV{digits(rng, 2)}-{digits(rng, 4)}-{letters(rng, 1)}",
                f"{digits(rng, 8)}",
            )
        ),
        udi=(
            f"(01)00{digits(rng, 12)}(17){(dos.year + 2) % 100:02d}{digits(rng, 4)}"
            f"(21){letters(rng, 2)}{digits(rng, 6)}"
        ),
        accession=rng.choice(
            (
                f"S{dos.year % 100}-{digits(rng, 5)}",
                f"SP-{dos.year % 100}-{digits(rng, 6)}",
                f"{letters(rng, 2)}{dos.year % 100}-{digits(rng, 4)}",
            )
        ),
        case_number=rng.choice(
            (f"OR-{dos.year}-{digits(rng, 6)}", f"C{digits(rng, 8)}", digits(rng, 7, True))
        ),
        job_number=digits(rng, rng.choice((6, 7, 8)), True),
        study_id=f"{code[:4]}-{letters(rng, 3)}-{digits(rng, 3)}",
        portal_url=portal,
        video_url=video,
        workstation_ip=fake.ipv4_private(),
        n=n,
    )


def _sided(codes: tuple[tuple[str, str], ...], side: str) -> list[tuple[str, str]]:
    """Diagnoses whose laterality agrees with the treated side (bilateral takes either)."""
    other = {"right": "left", "left": "right"}.get(side)
    if other is None:
        return list(codes)
    return [(code, desc) for code, desc in codes if f"{other} " not in desc.lower() + " "]
