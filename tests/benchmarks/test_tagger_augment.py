"""Re-surrogation for the tagger's training data: new values, same shapes, exact offsets."""

from __future__ import annotations

import re

import pytest

from benchmarks.tagger.augment import Surrogates, resurrogate
from benchmarks.tagger.train import label_of, token_labels
from redactphi.tagger.features import Token

NOTE = {
    "id": "t-1",
    "patient": "t",
    "text": "Seen by Dr. SMITH, J. on 3/14/2021. Wife Mary called from 617-555-0123. "
    "Transferred from Lakeside General. Born 1931.",
    "spans": [],
}
VALUES = [
    ("SMITH, J.", "HCPName", "NAME"),
    ("3/14/2021", "Date", "DATE"),
    ("Mary", "RelativeProxyName", "NAME"),
    ("617-555-0123", "Phone", "CONTACT"),
    ("Lakeside General", "Location", "LOCATION"),
    ("1931", "DateYear", "DATE"),
]
for value, kind, category in VALUES:
    start = NOTE["text"].index(value)
    NOTE["spans"].append(
        {"start": start, "end": start + len(value), "type": kind, "category": category}
    )


def _shape(value: str) -> str:
    return re.sub(r"[a-z]+", "a", re.sub(r"[A-Z]+", "A", re.sub(r"\d", "9", value)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_span_is_replaced_and_offsets_hold(seed: int) -> None:
    copy = resurrogate(NOTE, Surrogates(seed), label_of, "t-1#0")
    assert len(copy["spans"]) == len(NOTE["spans"])
    for old, new in zip(NOTE["spans"], copy["spans"], strict=True):
        before = NOTE["text"][old["start"] : old["end"]]
        after = copy["text"][new["start"] : new["end"]]
        assert new["type"] == old["type"]
        if old["type"] != "Location":  # everyday words of a place name stay
            assert after != before
    # Text between the spans is untouched.
    assert copy["text"].startswith("Seen by Dr. ")
    assert " called from " in copy["text"]


def test_shapes_are_kept() -> None:
    copy = resurrogate(NOTE, Surrogates(5), label_of, "t-1#0")
    new = {s["type"]: copy["text"][s["start"] : s["end"]] for s in copy["spans"]}
    assert re.fullmatch(r"[A-Z]+, [A-Z]\.", new["HCPName"])
    assert re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", new["Date"])
    assert _shape(new["Phone"]) == _shape("617-555-0123")
    assert new["Location"].endswith(" General")
    assert re.fullmatch(r"\d{4}", new["DateYear"])


def test_bio_labels_leave_bare_years_outside() -> None:
    text = NOTE["text"]
    tokens = [Token(m.group(), m.start(), m.end(), False) for m in re.finditer(r"\S+", text)]
    labels = dict(zip((t.text for t in tokens), token_labels(tokens, NOTE), strict=True))
    assert labels["SMITH,"] == "B-NAME" and labels["J."] == "I-NAME"
    assert labels["Mary"] == "B-NAME"
    assert labels["1931."] == "O"  # a year alone may be kept: not taught as PHI
    assert labels["Seen"] == "O"


def test_training_docs_hold_no_frozen_patient_and_no_original_phi() -> None:
    from benchmarks.folds import DEVELOPMENT_FOLDS, FROZEN_FOLD, fold_map, split
    from benchmarks.tagger.train import training_docs

    docs = [
        {**NOTE, "id": f"p{i}-1", "patient": f"p{i}", "spans": [dict(s) for s in NOTE["spans"]]}
        for i in range(20)
    ]
    folds = fold_map(d["patient"] for d in docs)
    train = training_docs(split(docs, DEVELOPMENT_FOLDS), 3, 2, 0, 1.0)
    assert train and all(folds[d["patient"]] != FROZEN_FOLD for d in train)
    assert len(train) == 2 * sum(1 for d in docs if folds[d["patient"]] != FROZEN_FOLD)
    for doc in train:
        assert "SMITH" not in doc["text"] and "617-555-0123" not in doc["text"]
