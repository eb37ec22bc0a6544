"""spaCy's NER in the name rules: read only around unclaimed name-table words, checked after.

The pipeline never runs NER over a whole note; these tables pin where the windows open (a
name-table word no rule claimed) and where they must not (everyday and clinical words, words a
rule already covers), and that what NER finds there still passes the word checks.
"""

from __future__ import annotations

import itertools

import pytest

from redactphi import Redactor
from redactphi.recognizers._casing import line_styles
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._words import WordTests
from redactphi.recognizers.names.spacy_persons import _MAX_WINDOW, PersonEntities, find, windows


def context(text: str) -> Context:
    return Context(text, line_styles(text), WordTests())


@pytest.fixture(scope="module")
def persons(redactor: Redactor) -> PersonEntities:
    return PersonEntities(redactor._nlp_engine.get_nlp("en"))


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        pytest.param("Met with Aoife Byrne today.", ["Byrne"], id="surname-in-prose"),
        pytest.param("Tolerated diet.\nKevin called at 1900.", ["Kevin"], id="first-name"),
        pytest.param("ALL QUIET. OKAFOR AT BEDSIDE.", ["OKAFOR"], id="one-case-rare-word"),
    ],
)
def test_a_window_opens_around_an_unclaimed_name_word(text: str, inside: list[str]) -> None:
    spans = windows(context(text), [])
    for word in inside:
        at = text.index(word)
        assert any(lo <= at and at + len(word) <= hi for lo, hi in spans), word


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Follow up in clinic. Wean as tolerated.", id="everyday-capitalised"),
        pytest.param("Foley catheter removed; Lasix given.", id="clinical-terms"),
        pytest.param("Pt to follow with kevin? No.", id="lower-case-word-in-mixed-text"),
    ],
)
def test_no_window_over_everyday_or_clinical_words(text: str) -> None:
    assert windows(context(text), []) == []


def test_a_word_a_rule_claimed_opens_no_window() -> None:
    text = "Met with Aoife Byrne today."
    at = text.index("Aoife")
    assert windows(context(text), [Hit(at, at + len("Aoife Byrne"), 0.9, "rule")]) == []


def test_windows_stay_on_their_line_and_cut_at_spaces() -> None:
    text = "x" * 200 + "\n" + "word " * 30 + "Byrne" + " word" * 30 + "\nnext line"
    ((lo, hi),) = windows(context(text), [])
    assert text[lo - 1] == "\n" or text[lo - 1] == " "
    assert "\n" not in text[lo:hi]
    assert hi - lo < 200  # a stretch of the line, not all of it


def test_persons_found_in_a_window_pass_the_word_checks(persons: PersonEntities) -> None:
    text = "Met with Aoife Byrne and her son Kevin today."
    found = {text[h.start : h.end] for h in find(context(text), persons, [])}
    assert "Kevin" in found
    assert any("Byrne" in f for f in found)
    assert "today" not in " ".join(found)


def test_without_the_ner_component_nothing_is_added() -> None:
    import spacy

    blank = PersonEntities(spacy.blank("en"))
    assert find(context("Met with Aoife Byrne today."), blank, []) == []
    assert find(context("Met with Aoife Byrne today."), None, []) == []


def test_ner_is_never_a_pipeline_step(redactor: Redactor) -> None:
    nlp = redactor._nlp_engine.get_nlp("en")
    assert "ner" not in nlp.pipe_names and "ner" in nlp.component_names
    artifacts = redactor._nlp_engine.process_text("Met with Aoife Byrne today.", "en")
    assert list(artifacts.entities) == []
    assert artifacts.tokens_indices == [t.idx for t in artifacts.tokens]


NOTES = [
    "Met with Aoife Byrne and her son Kevin today.",
    "Tolerated diet. No visitors.",
    "ALL QUIET. OKAFOR AT BEDSIDE.\nDaughter Siobhan called; update given.",
    "",
]


def test_a_batch_reads_every_window_in_one_call_and_finds_what_each_note_finds(
    persons: PersonEntities,
) -> None:
    notes = [(text, windows(context(text), [])) for text in NOTES]
    alone = [list(persons.find(text, wins)) for text, wins in notes]
    assert any(alone)
    assert persons.find_many(notes) == alone


def test_a_prepared_batch_gives_each_note_the_names_it_would_get_alone(redactor: Redactor) -> None:
    from redactphi.recognizers.names import NameRecognizer

    (names,) = [r for r in redactor._registry.recognizers if isinstance(r, NameRecognizer)]

    def spans(text: str) -> list[tuple[int, int, float]]:
        return sorted((r.start, r.end, r.score) for r in names.analyze(text, [], None))

    alone = [spans(text) for text in NOTES]
    names.prepare(NOTES)
    assert [spans(text) for text in NOTES] == alone
    assert names._local.prepared == {}  # each note took its own entry
    names.prepare(NOTES[:1])
    names.prepare(NOTES[1:2])  # a later batch drops what an earlier one left
    assert list(names._local.prepared) == NOTES[1:2]


@pytest.mark.parametrize("run", [",", "-", "x"])
def test_a_line_without_spaces_gives_a_window_of_bounded_length(
    persons: PersonEntities, run: str
) -> None:
    # A name beside thousands of characters with no space: the window stops within reach of
    # the word instead of running to the end of the line (spaCy's tokenizer is cubic in a
    # punctuation run, and the model reads what the window holds).
    text = "Met with Aoife Byrne" + run * 5000 + " today.\n"
    (span,) = windows(context(text), [])
    assert span[1] - span[0] < 400
    assert text.index("Byrne") >= span[0] and text.index("Byrne") + 5 <= span[1]
    persons.find_many([(text, [span])])  # the model reads it (through the same guard)


def test_a_long_line_of_names_is_read_in_windows_of_bounded_length() -> None:
    # One line of names as long as a page: merging every candidate's stretch would hand the
    # model one Doc as long as the input, whose arrays outgrow the CPU caches.
    names = "Aoife Byrne, Kevin Okafor, Siobhan Walsh, "
    text = "Seen by " + names * (3 * _MAX_WINDOW // len(names)) + "today.\n"
    spans = windows(context(text), [])
    assert len(spans) >= 3
    assert all(hi - lo <= _MAX_WINDOW for lo, hi in spans)
    for word in ("Byrne", "Okafor", "Walsh"):
        at = -1
        while (at := text.find(word, at + 1)) >= 0:
            assert any(lo <= at and at + len(word) <= hi for lo, hi in spans), at
    # Each window after the first starts inside the one before: its first name keeps the
    # context on its left.
    assert all(b[0] < a[1] for a, b in itertools.pairwise(spans))


def test_an_entity_two_overlapping_windows_find_is_reported_once(
    persons: PersonEntities,
) -> None:
    text = "Met with Aoife Byrne and her son Kevin today."
    whole = (0, len(text))
    once = list(persons.find(text, [whole]))
    assert once
    assert list(persons.find(text, [whole, whole])) == once
