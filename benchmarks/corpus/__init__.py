"""A seeded generator of realistic operative-note documents with gold PHI and must-keep spans.

``generate_corpus(n, seed)`` returns JSON-ready dicts::

    {"id", "patient", "procedure": "0489T|0748T|0263T", "style", "text",
     "spans": [{"start", "end", "type", "category"}],   # PHI, redactphi EntityType names
     "keep":  [{"start", "end", "type"}]}               # CPT, ICD10, DRUG, TIME, ...

Patients get one to five documents each (an operative record first, then nursing notes,
follow-ups, letters...), so identifiers recur across a patient's notes in different forms.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from faker import Faker

from benchmarks.corpus.builder import NoteBuilder, ehr_noise, finish
from benchmarks.corpus.case import Case, make_case
from benchmarks.corpus.styles import OPERATIVE_STYLES, STYLES
from benchmarks.corpus.writer import Writer

PROCEDURE_CODES = ("0489T", "0748T", "0263T")
DEFAULT_N = 360
DEFAULT_SEED = 7
FOLLOW_STYLES = tuple(s for s in STYLES if s not in set(OPERATIVE_STYLES))

Note = dict[str, Any]


def generate_corpus(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[Note]:
    """``n`` notes, identical for identical ``(n, seed)`` (and the same Faker version)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    fake = Faker("en_US")
    notes: list[Note] = []
    patient = 0
    while len(notes) < n:
        # One Random per patient: changing one style's wording does not reshuffle other patients.
        rng = random.Random(f"redactphi-corpus:{seed}:{patient}")
        fake.seed_instance(rng.randrange(2**32))
        case = make_case(patient, PROCEDURE_CODES[patient % 3], rng, fake)
        count = rng.choice((1, 2, 3, 3, 4, 4, 5))
        styles = [rng.choice(OPERATIVE_STYLES), *rng.sample(FOLLOW_STYLES, count - 1)]
        for j, style in enumerate(styles, 1):
            if len(notes) >= n:
                break
            notes.append(render(case, style, rng, f"gen-{patient:04d}-{j}"))
        patient += 1
    return notes


def render(case: Case, style: str, rng: random.Random, note_id: str) -> Note:
    r = rng.random()
    case_change = "upper" if r < 0.09 else "lower" if r < 0.15 else None
    if style == "telegraphic" and case_change is None and rng.random() < 0.3:
        case_change = "lower"
    spaced = style == "ehr_paste" or rng.random() < 0.08
    builder = NoteBuilder(noise=ehr_noise(random.Random(rng.random())) if spaced else None)
    STYLES[style](Writer(case, rng, builder))
    text, spans, keep = finish(builder, case_change)
    label = (
        style
        + (f"+{case_change}" if case_change else "")
        + ("+spacing" if spaced and style != "ehr_paste" else "")
    )
    return {
        "id": note_id,
        "patient": f"gen-{case.index:04d}",
        "procedure": case.proc.code,
        "style": label,
        "text": text,
        "spans": spans,
        "keep": keep,
    }


def summarize(notes: list[Note]) -> dict[str, Counter[str]]:
    """Counts per procedure, style, PHI category, PHI type and keep type."""
    out: dict[str, Counter[str]] = {
        "procedure": Counter(),
        "style": Counter(),
        "category": Counter(),
        "type": Counter(),
        "keep": Counter(),
    }
    for note in notes:
        out["procedure"][note["procedure"]] += 1
        out["style"][note["style"].split("+")[0]] += 1
        for s in note["spans"]:
            out["category"][s["category"]] += 1
            out["type"][s["type"]] += 1
        for k in note["keep"]:
            out["keep"][k["type"]] += 1
    return out


__all__ = ["DEFAULT_N", "DEFAULT_SEED", "PROCEDURE_CODES", "Note", "generate_corpus", "summarize"]
