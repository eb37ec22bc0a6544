"""Which chunks the service learns across memory zones (redactphi/service/recurring.py): those
that recur in several notes and that no finding touched; never an id-like or overlong chunk."""

from __future__ import annotations

import pytest

from redactphi.service.recurring import LONGEST, RecurringChunks, keepable, touched_chunks


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


TOUCHED = [
    # (text, the finding's text, the chunks it touches)
    ("Seen by Dr. Lee, today", "Lee", ["Lee,"]),
    ("Seen by Dr. Lee, today", "Dr. Lee", ["Dr.", "Lee,"]),
    ("Lee saw her", "Lee", ["Lee"]),
    ("seen by Lee", "Lee", ["Lee"]),
    ("MRN:12345678 on file", "12345678", ["MRN:12345678"]),
    ("(Bennett-Cole) signed", "Cole", ["(Bennett-Cole)"]),
    ("lines\nLee\tnext", "Lee", ["Lee"]),
]


@pytest.mark.parametrize(("text", "found", "chunks"), TOUCHED)
def test_a_finding_touches_every_chunk_it_overlaps_whole(
    text: str, found: str, chunks: list[str]
) -> None:
    assert touched_chunks(text, *span(text, found)) == chunks


def test_a_chunk_longer_than_can_be_kept_is_cut_and_stays_unkeepable() -> None:
    text = "x" * 100 + "Lee" + "y" * 100
    [chunk] = touched_chunks(text, *span(text, "Lee"))
    assert LONGEST < len(chunk) < len(text)
    assert not keepable(chunk)


KEEPABLE = ["procedure,", "0.25%", "(CPT", "2-0", "ICD-10", "1.", "mL)", "opening(s);", "120"]
NOT_KEEPABLE = [
    "2025",  # a year
    "1:1,000,000)",  # four digits or more: could be an id
    "12/03/2024",
    "555-0142",
    "A" * (LONGEST + 1),
]


@pytest.mark.parametrize("chunk", KEEPABLE)
def test_words_numbers_and_punctuation_a_template_repeats_can_be_kept(chunk: str) -> None:
    assert keepable(chunk)


@pytest.mark.parametrize("chunk", NOT_KEEPABLE)
def test_id_like_and_overlong_chunks_are_never_kept(chunk: str) -> None:
    assert not keepable(chunk)


NOTES = [
    "Procedure: excision of fistula, Dr. Lee assisting.",
    "Procedure: seton placed, Dr. Lee assisting.",
    "Procedure: curettage, seen by Lee again; fistula, probed.",
    "Procedure: fistula, irrigated. MRN 20251130",
]


def observed(notes: list[str], found: str = "Lee", min_notes: int = 3) -> RecurringChunks:
    chunks = RecurringChunks(budget=100, min_notes=min_notes)
    for note in notes:
        chunks.observe(note, [span(note, found)] if found in note else [])
    return chunks


def test_a_chunk_in_enough_notes_is_kept_and_one_in_fewer_is_not() -> None:
    kept = observed(NOTES).take(set())
    assert "Procedure:" in kept  # 4 notes
    assert "fistula," in kept  # 3 notes
    assert "assisting." not in kept  # 2 notes
    assert "excision" not in kept  # 1 note


def test_a_chunk_a_finding_touched_in_any_note_is_never_kept() -> None:
    # "Dr." recurs in 3 notes but touched no finding in any of them ("Lee" alone was found)...
    notes = [*NOTES[:2], "Procedure: Dr. Adams assisting."]
    assert "Dr." in observed(notes).take(set())
    # ...and once a finding covers it in one note, its other occurrences do not count.
    chunks = observed(notes)
    chunks.observe("Seen by Dr. Lee.", [span("Seen by Dr. Lee.", "Dr. Lee")])
    assert "Dr." not in chunks.take(set())
    # "Lee" itself was found wherever it stood.
    assert not {"Lee", "Lee,"} & set(observed(NOTES * 3).take(set()))


def test_what_is_already_permanent_is_not_learnt_again() -> None:
    assert "Procedure:" not in observed(NOTES).take({hash("Procedure:")})


def test_the_budget_keeps_the_commonest_chunks_and_then_stops() -> None:
    chunks = RecurringChunks(budget=2, min_notes=1)
    for note in ["alpha beta gamma", "alpha beta", "alpha"]:
        chunks.observe(note, [])
    assert chunks.take(set()) == ["alpha", "beta"]
    assert chunks.full
    chunks.observe("delta delta", [])
    assert chunks.take(set()) == []


def test_counts_start_again_with_each_zone() -> None:
    chunks = observed(NOTES[:2], min_notes=3)
    assert chunks.take(set()) == []
    chunks.observe(NOTES[2], [])
    assert "Procedure:" not in chunks.take(set())  # 1 note in this zone, not 3


def test_only_the_first_notes_of_a_zone_are_counted() -> None:
    chunks = RecurringChunks(budget=100, min_notes=2, sample=2)
    for note in ["alpha beta", "alpha gamma", "beta gamma", "beta gamma"]:
        chunks.observe(note, [])
    assert chunks.take(set()) == ["alpha"]  # beta and gamma came too late
    for note in ["beta gamma", "beta gamma"]:  # a new zone counts again
        chunks.observe(note, [])
    assert sorted(chunks.take(set())) == ["beta", "gamma"]


def test_a_finding_after_the_counted_notes_still_vetoes_a_chunk() -> None:
    chunks = RecurringChunks(budget=100, min_notes=2, sample=2)
    for note in ["Seen by Quill today", "Quill reviewed it"]:
        chunks.observe(note, [])
    chunks.observe("Dr. Quill signed", [span("Dr. Quill signed", "Quill")])
    assert chunks.take(set()) == []
