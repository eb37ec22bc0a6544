"""Hand-checked cases for the scorer's definitions."""

from __future__ import annotations

import pytest

from benchmarks.score import (
    OVERALL,
    Score,
    Span,
    coverage,
    instance_hit,
    score_document,
    tokens,
)


def G(text: str, sub: str, type_: str = "NAME", category: str = "NAME", nth: int = 0) -> Span:
    """The gold span of the ``nth`` occurrence of ``sub`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Span(start, start + len(sub), type_, category)


def row(score: Score, name: str = OVERALL) -> dict[str, float | int | None]:
    return score.rows[name].as_dict()


def test_tokens_are_runs_of_alphanumerics() -> None:
    text = "Dr. O'Brien-Smith, 3/14/2024 (MRN#00123) café"
    assert [text[s:e] for s, e in tokens(text)] == [
        "Dr",
        "O",
        "Brien",
        "Smith",
        "3",
        "14",
        "2024",
        "MRN",
        "00123",
        "café",
    ]


def test_exact_match_counts_everywhere() -> None:
    text = "Seen by John Smith today."
    gold = [G(text, "John Smith")]
    r = row(score_document(text, gold, [G(text, "John Smith")]))
    assert (r["n"], r["strict"], r["partial"]) == (1, 1, 1)
    assert (r["gold_tokens"], r["gold_tokens_hit"], r["pred_tokens"], r["pred_tokens_hit"]) == (
        2,
        2,
        2,
        2,
    )
    assert (
        r["strict_recall"]
        == r["partial_recall"]
        == r["token_precision"]
        == r["token_recall"]
        == 1.0
    )


def test_partial_overlap_is_partial_not_strict() -> None:
    text = "Seen by John Smith today."
    gold = [G(text, "John Smith")]
    score = score_document(text, gold, [G(text, "John")], doc_id="d1")
    r = row(score)
    assert (r["strict"], r["partial"]) == (0, 1)
    assert r["token_recall"] == 0.5  # John yes, Smith no
    assert r["token_precision"] == 1.0
    assert [(lk.doc_id, lk.span, lk.detail) for lk in score.missed] == [("d1", gold[0], "partial")]


def test_a_token_partly_covered_counts_as_predicted() -> None:
    text = "Seen by John Smith today."
    r = row(score_document(text, [G(text, "John Smith")], [Span(8, 15)]))  # "John Sm"
    assert r["token_recall"] == 1.0
    assert (r["strict"], r["partial"]) == (0, 1)  # "ith" is left in the text


def test_punctuation_inside_a_span_need_not_be_covered() -> None:
    text = "Patient: O'BRIEN, MARY A. MRN 1"
    gold = [G(text, "O'BRIEN, MARY A")]
    # Two predictions that leave the apostrophe, the comma and the space uncovered.
    pred = [G(text, "O"), G(text, "BRIEN"), G(text, "MARY A")]
    r = row(score_document(text, gold, pred))
    assert (r["strict"], r["partial"]) == (1, 1)
    assert r["token_recall"] == 1.0


def test_punctuation_at_the_edges_of_a_phone_number() -> None:
    text = "call (555) 123-4567."
    gold = [G(text, "(555) 123-4567", "PHONE", "CONTACT")]
    r = row(score_document(text, gold, [G(text, "555) 123-4567")]), "CONTACT")
    assert (r["strict"], r["partial"], r["gold_tokens"], r["gold_tokens_hit"]) == (1, 1, 3, 3)


def test_adjacent_gold_spans_under_one_prediction() -> None:
    text = "Pt SMITH,JOHN seen"
    gold = [G(text, "SMITH"), G(text, "JOHN")]
    r = row(score_document(text, gold, [G(text, "SMITH,JOHN")]))
    assert (r["n"], r["strict"], r["partial"]) == (2, 2, 2)
    assert (r["gold_tokens"], r["pred_tokens"], r["pred_tokens_hit"]) == (2, 2, 2)


def test_adjacent_predictions_cover_one_gold_span_together() -> None:
    text = "DOB 03/14/1950 noted"
    gold = [G(text, "03/14/1950", "DATE", "DATE")]
    pred = [G(text, "03/14"), G(text, "/1950")]
    r = row(score_document(text, gold, pred))
    assert (r["strict"], r["partial"]) == (1, 1)


def test_prediction_covering_two_gold_spans_and_the_word_between() -> None:
    text = "with Mary and Smith present"
    gold = [G(text, "Mary"), G(text, "Smith")]
    r = row(score_document(text, gold, [G(text, "Mary and Smith")]))
    assert (r["n"], r["strict"]) == (2, 2)
    assert r["token_recall"] == 1.0
    assert r["pred_tokens"] == 3 and r["pred_tokens_hit"] == 2  # "and" is a false positive token
    assert r["token_precision"] == pytest.approx(2 / 3)


def test_empty_predictions() -> None:
    text = "Seen by John Smith on 3/4/2020."
    gold = [G(text, "John Smith"), G(text, "3/4/2020", "DATE", "DATE")]
    keep = [Span(0, 4, "WORD")]
    score = score_document(text, gold, [], keep=keep)
    r = row(score)
    assert (r["n"], r["strict"], r["partial"]) == (2, 0, 0)
    assert r["strict_recall"] == 0.0 and r["token_recall"] == 0.0
    assert r["token_precision"] is None  # nothing predicted: precision undefined, not 0 or 1
    assert score.keep_rate == 1.0
    assert len(score.missed) == 2 and all(lk.detail == "" for lk in score.missed)


def test_no_gold_and_a_false_positive() -> None:
    text = "Allen test normal."
    pred = [Span(0, 5, "NAME", "NAME")]
    score = score_document(text, [], pred, doc_id="x")
    r = row(score)
    assert r["n"] == 0 and r["strict_recall"] is None and r["token_recall"] is None
    assert r["token_precision"] == 0.0
    assert [lk.span for lk in score.false_positives] == pred


def test_keep_rate_counts_any_covered_character() -> None:
    text = "CPT 0489T-50 by Dr Hunter"
    keep = [G(text, "0489T", "CPT"), G(text, "50", "MODIFIER"), G(text, "CPT", "WORD")]
    gold = [G(text, "Hunter")]
    # Covers "Hunter" and the "-5" of the modifier; touches the CPT code only at its edge.
    pred = [G(text, "Hunter"), Span(keep[0].end, keep[1].start + 1)]
    score = score_document(text, gold, pred, keep=keep)
    assert score.keep["CPT"].kept == 1
    assert score.keep["MODIFIER"].kept == 0
    assert score.keep["WORD"].kept == 1
    assert score.keep_rate == pytest.approx(2 / 3)
    assert [lk.span.type for lk in score.keep_violations] == ["MODIFIER"]


def test_category_rows_use_gold_category_for_recall_and_predicted_for_precision() -> None:
    text = "Rose Hunter 03/14/2024 Springfield"
    gold = [
        G(text, "Rose Hunter"),
        G(text, "03/14/2024", "DATE", "DATE"),
        G(text, "Springfield", "CITY", "LOCATION"),
    ]
    # The system calls the date a NAME and misses the city.
    pred = [Span(0, 22, "NAME", "NAME")]
    score = score_document(text, gold, pred)
    assert row(score, "NAME")["n"] == 1 and row(score, "NAME")["strict"] == 1
    assert row(score, "DATE")["strict"] == 1  # type-blind: the date is gone
    assert row(score, "LOCATION")["strict"] == 0
    name = row(score, "NAME")
    assert name["pred_tokens"] == 5 and name["pred_tokens_hit"] == 5  # all 5 tokens are gold PHI
    assert row(score, "DATE")["pred_tokens"] == 0 and row(score, "DATE")["token_precision"] is None
    assert (
        row(score, "LOCATION")["gold_tokens"] == 1 and row(score, "LOCATION")["token_recall"] == 0.0
    )


def test_pred_category_maps_system_types() -> None:
    text = "John 2020"
    gold = [G(text, "John")]
    pred = [Span(0, 4, "PERSON"), Span(5, 9, "DATE_TIME")]
    cats = {"PERSON": "NAME", "DATE_TIME": "DATE"}
    score = score_document(text, gold, pred, pred_category=cats.__getitem__)
    assert row(score, "NAME")["token_precision"] == 1.0
    assert row(score, "DATE")["token_precision"] == 0.0


def test_ignored_types_leave_the_without_row_only() -> None:
    text = "admitted 2019, seen 03/14/2020 by Grant"
    gold = [
        G(text, "2019", "DateYear", "DATE"),
        G(text, "03/14/2020", "Date", "DATE"),
        G(text, "Grant", "HCPName", "NAME"),
    ]
    pred = [G(text, "2019"), G(text, "03/14/2020")]  # redacts the year, misses the name
    score = score_document(text, gold, pred, ignore_types=["DateYear"])
    wo = row(score, "overall w/o DateYear")
    assert (wo["n"], wo["strict"]) == (2, 1)
    # Year tokens count neither as gold nor as predicted in that row.
    assert (wo["gold_tokens"], wo["gold_tokens_hit"], wo["pred_tokens"], wo["pred_tokens_hit"]) == (
        4,
        3,
        3,
        3,
    )
    overall = row(score)
    assert (overall["n"], overall["strict"]) == (3, 2)
    assert (overall["gold_tokens"], overall["pred_tokens"], overall["pred_tokens_hit"]) == (5, 4, 4)
    assert row(score, "DATE")["n"] == 2
    # The category row without the ignored type: only the full date counts, and it was caught.
    date_wo = row(score, "DATE w/o DateYear")
    assert (date_wo["n"], date_wo["strict"], date_wo["gold_tokens"]) == (1, 1, 3)


def test_kept_year_is_not_a_miss_in_the_without_row() -> None:
    text = "since 2019"
    gold = [G(text, "2019", "DateYear", "DATE")]
    score = score_document(text, gold, [], ignore_types=["DateYear"])
    assert row(score, "overall w/o DateYear")["n"] == 0
    assert row(score, "overall w/o DateYear")["gold_tokens"] == 0
    assert row(score)["strict"] == 0


def test_span_without_alphanumerics_is_judged_on_all_characters() -> None:
    text = "a -- b"
    span = Span(2, 4)
    assert instance_hit(text, span, coverage(len(text), [])) == (False, False)
    assert instance_hit(text, span, coverage(len(text), [Span(2, 3)])) == (False, True)
    assert instance_hit(text, span, coverage(len(text), [Span(1, 5)])) == (True, True)


def test_predictions_outside_the_text_are_clipped() -> None:
    text = "John"
    r = row(score_document(text, [G(text, "John")], [Span(-5, 50)]))
    assert r["strict"] == 1 and r["pred_tokens"] == 1


def test_scores_add_up_across_documents() -> None:
    a = "John Smith"
    b = "Mary Jones"
    total = Score()
    total += score_document(a, [G(a, "John Smith")], [G(a, "John Smith")], doc_id="a")
    total += score_document(b, [G(b, "Mary Jones")], [G(b, "Mary")], doc_id="b")
    r = row(total)
    assert (r["n"], r["strict"], r["partial"]) == (2, 1, 2)
    assert r["strict_recall"] == 0.5 and r["token_recall"] == 0.75
    assert [lk.doc_id for lk in total.missed] == ["b"]
