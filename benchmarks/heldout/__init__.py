"""A second, independent generator family: held-out notes for evaluation only, never tuning.

``generate_heldout(n, seed)`` returns dicts in the first family's format::

    {"id", "patient", "procedure": "0489T|0748T|0263T", "style", "text",
     "spans": [{"start", "end", "type", "category"}],   # PHI, redactphi EntityType names
     "keep":  [{"start", "end", "type"}]}               # CPT, ICD10, EPONYM, ORGANISM, ...

It shares no code, template or word list with ``benchmarks.corpus`` and reads nothing from the
project's evaluation corpora. Its styles are other voices (a transcription service, numbered
sections, SOAP visits, lower-case nursing shift notes, SBAR handoffs, ICU day notes, social
work notes, a cell-therapy chain-of-identity record, imaging reports; ``style`` gets ``+lower``
for a ward note typed wholly in lower case and ``+spacing`` for one pasted from an EHR screen),
and every note is built to exercise named classes of hard cases (``PHENOMENA``);
:func:`generate_tagged` says which span is which.

Do not tune rules on this output: it exists to measure what tuning on other text did not see.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

from benchmarks.heldout._doc import Doc, HeldoutGoldError, seal
from benchmarks.heldout._pen import Pen
from benchmarks.heldout._people import NameSource, make_case
from benchmarks.heldout._styles import (
    LOWER_CASE_STYLES,
    MAYBE_LOWER_STYLES,
    OP_STYLES,
    PASTED_STYLES,
    STYLES,
    WARD_STYLES,
)

PROCEDURE_CODES = ("0489T", "0748T", "0263T")
DEFAULT_N = 240
DEFAULT_SEED = 11

# Classes of identifiers a system must remove (issue 9's list of misses).
PHI_PHENOMENA = (
    "initial_surname",
    "role_title",
    "lowercase_cue",
    "relative_repeat",
    "relation_paren",
    "quoted_speech",
    "nickname",
    "ehr_spacing",
    "audit_footer",
    "dicom_uid",
    "cell_product_id",
    "waybill",
    "prior_auth",
    "date_list_range",
    "date_glued",
    "apostrophe_year",
    "impossible_date",
    "phone_odd",
    "city_alone",
    "age_90_plus",
)
# Look-alikes a system must keep.
KEEP_PHENOMENA = (
    "cpt_billing",
    "device_eponym",
    "product_name",
    "department",
    "place_classification",
    "organism",
    "drug_dose",
    "score",
)
PHENOMENA = PHI_PHENOMENA + KEEP_PHENOMENA

Note = dict[str, Any]


def generate_tagged(
    n: int = DEFAULT_N, seed: int = DEFAULT_SEED
) -> list[tuple[Note, list[dict[str, Any]]]]:
    """Notes with, for each, the spans that exercise a phenomenon: ``{start, end, tag, phi}``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    names = NameSource()
    out: list[tuple[Note, list[dict[str, Any]]]] = []
    patient = 0
    while len(out) < n:
        # One Random per patient, so a change to one style does not reshuffle other patients.
        rng = random.Random(f"redactphi-heldout:{seed}:{patient}")
        case = make_case(patient, PROCEDURE_CODES[patient % 3], rng, names)
        count = rng.choice((1, 2, 3, 3, 4, 5))
        styles = [rng.choice(sorted(OP_STYLES)), *rng.sample(sorted(WARD_STYLES), count - 1)]
        for j, style in enumerate(styles, 1):
            if len(out) >= n:
                break
            lower = style in LOWER_CASE_STYLES or (
                style in MAYBE_LOWER_STYLES and rng.random() < 0.3
            )
            pasted = style in PASTED_STYLES and rng.random() < 0.25
            doc = Doc(lower=lower, paste=random.Random(rng.random()) if pasted else None)
            STYLES[style](Pen(doc, case, rng))
            text, spans, keep, tags = seal(doc)
            note: Note = {
                "id": f"ho-{patient:04d}-{j}",
                "patient": f"ho-{patient:04d}",
                "procedure": case.proc.code,
                "style": style
                + ("+lower" if lower and style not in LOWER_CASE_STYLES else "")
                + ("+spacing" if pasted else ""),
                "text": text,
                "spans": spans,
                "keep": keep,
            }
            out.append((note, tags))
        patient += 1
    return out


def generate_heldout(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[Note]:
    """``n`` notes, identical for identical ``(n, seed)`` (and the same Faker version)."""
    return [note for note, _ in generate_tagged(n, seed)]


def summarize(notes: list[Note]) -> dict[str, Counter[str]]:
    """Counts per procedure, style, PHI category, PHI type and keep type."""
    out: dict[str, Counter[str]] = {
        k: Counter() for k in ("procedure", "style", "category", "type", "keep")
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


def phenomenon_counts(tagged: list[tuple[Note, list[dict[str, Any]]]]) -> Counter[str]:
    return Counter(t["tag"] for _, tags in tagged for t in tags)


__all__ = [
    "DEFAULT_N",
    "DEFAULT_SEED",
    "KEEP_PHENOMENA",
    "PHENOMENA",
    "PHI_PHENOMENA",
    "PROCEDURE_CODES",
    "HeldoutGoldError",
    "Note",
    "generate_heldout",
    "generate_tagged",
    "phenomenon_counts",
    "summarize",
]
