"""spaCy's tokenizer as the engine configures it (redactphi/nlp.py, ``cache_every_chunk``).

The same tokens as the stock tokenizer, on fixed rows and on generated text full of blanks
and special cases; a chunk is split by the affix rules once, then read from the cache, even
after a line break; the start-up warm-up leaves every warmed word in the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from redactphi.config import DEFAULT_MODEL, Settings
from redactphi.nlp import ClinicalNlpEngine
from redactphi.service.memory import MemoryZones, blank_runs


@pytest.fixture(scope="module")
def engine() -> ClinicalNlpEngine:
    engine = ClinicalNlpEngine(DEFAULT_MODEL, Settings().tokenizer_cache)
    engine.load()
    return engine


@pytest.fixture(scope="module")
def stock() -> Any:
    return spacy.load(DEFAULT_MODEL, exclude=["parser", "senter"])


def tokens(nlp: Any, text: str) -> list[tuple[int, str, str, str, bool]]:
    return [(t.idx, t.text, t.whitespace_, t.norm_, t.is_space) for t in nlp.make_doc(text)]


ROWS = [
    "OPERATIVE REPORT\n\nNAME:  Bennett-Cole, Laurie \nMRN:\t 021-88-41\r\n",
    "Seen by Dr. Lee  at 3 o'clock;\tCrohn's  disease\xa0(K50.913).\n \n",
    "a  b   c\t\td \n e\u2028f\u3000g\x0bh\x0ci \xa0 j",
    "  leading blanks, trailing blanks  ",
    "\n",
    " ",
    "\t",
]


@pytest.mark.parametrize("text", ROWS)
def test_tokens_are_the_stock_tokenizers(engine: ClinicalNlpEngine, stock: Any, text: str) -> None:
    assert tokens(engine.nlp["en"], text) == tokens(stock, text)  # type: ignore[index]


_PIECES = ["Dr.", "Crohn's", "don't", "o'clock", "K60.321", "(CPT", "0263T),", "fistula.",
           "Lee", "the", "MRN:", "e.g.", "3:45pm", "10/19/1962", "-", "x"]  # fmt: skip
_BLANKS = [" ", "  ", "   ", "\n", "\n\n", "\r\n", "\t", " \t", "\xa0", " \xa0 ", "\u2003", ""]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_BLANKS)), max_size=30))
def test_tokens_are_the_stock_tokenizers_on_generated_text(
    engine: ClinicalNlpEngine, stock: Any, pieces: list[tuple[str, str]]
) -> None:
    text = "".join(piece + blank for piece, blank in pieces)
    assert tokens(engine.nlp["en"], text) == tokens(stock, text)  # type: ignore[index]


def test_the_cache_holds_the_configured_number_of_chunks(engine: ClinicalNlpEngine) -> None:
    assert engine.nlp["en"].tokenizer.max_cache_size == Settings().tokenizer_cache  # type: ignore[index]


@pytest.fixture()
def splits(engine: ClinicalNlpEngine) -> Iterator[Callable[[], int]]:
    """How many times the affix rules have run: a chunk read from the cache runs none. Setting
    the rule empties the cache, so each test starts from nothing cached."""
    tokenizer = engine.nlp["en"].tokenizer  # type: ignore[index]
    search = tokenizer.suffix_search
    calls = [0]

    def counted(text: str) -> Any:
        calls[0] += 1
        return search(text)

    tokenizer.suffix_search = counted
    yield lambda: calls[0]
    tokenizer.suffix_search = search


def test_chunks_after_a_line_break_are_cached(engine: ClinicalNlpEngine, splits) -> None:
    nlp = engine.nlp["en"]  # type: ignore[index]
    note = "OPERATIVE NOTE\nPatient\ttolerated  the procedure, then left.\n"
    nlp.make_doc(note)
    assert splits() > 0
    before = splits()
    nlp.make_doc(note)
    assert splits() == before, "a chunk after a line break was split again"


def test_the_warm_up_caches_every_word(engine: ClinicalNlpEngine, splits) -> None:
    nlp = engine.nlp["en"]  # type: ignore[index]
    # A special case early in the list ("don't") must not keep the words after it uncached.
    words = ["don't", "Dr.", "alpha", "beta"] + [f"warm{chr(97 + i)}word" for i in range(26)]
    assert MemoryZones(nlp).make_permanent([*words, *blank_runs()])
    before = splits()
    with nlp.memory_zone():  # as in the service: nothing new is cached inside a zone
        nlp.make_doc(" ".join(words[2:]) + "\n \n" + " ".join(words[:2]) + "\r\n\talpha  beta\n")
    assert splits() == before, "a warmed word or blank run was split again"


def test_chunks_recurring_in_notes_are_cached_when_their_zone_ends(
    engine: ClinicalNlpEngine, splits
) -> None:
    nlp = engine.nlp["en"]  # type: ignore[index]
    gate = MemoryZones(nlp, renew_after=3)
    gate.learn_recurring(budget=100)
    notes = [f"Dr. {name}, the quorvexal, approach." for name in ("Zyblonski", "Zyblonski", "Ott")]

    def analyse(note: str) -> None:  # as the service does: the name is a finding each time
        nlp.make_doc(note)
        gate.observe(note, [(note.index(" ") + 1, note.index(","))])

    for note in notes:  # the third note ends the zone
        gate.run(lambda note=note: analyse(note))
    assert gate.zones_closed == 1
    before = splits()
    with nlp.memory_zone():
        nlp.make_doc("quorvexal, approach. quorvexal,")
    assert splits() == before, "a learnt chunk was split again"
    with nlp.memory_zone():
        nlp.make_doc("Zyblonski,")
    assert splits() > before, "a found name's chunk was learnt"
    assert "Zyblonski" not in nlp.vocab.strings


def test_only_a_learning_gate_starts_with_short_zones(engine: ClinicalNlpEngine) -> None:
    gate = MemoryZones(engine.nlp["en"], renew_after=256, first_zone=32)  # type: ignore[index]
    assert gate.zone_length == 256
    gate.learn_recurring(budget=100)
    lengths = []
    for closed in range(6):
        gate.zones_closed = closed
        lengths.append(gate.zone_length)
    assert lengths == [32, 64, 128, 256, 256, 256]
    gate.learn_recurring(budget=0)
    assert gate.zone_length == 256
