"""Memory stays bounded under load: text the service has never seen leaves nothing behind;
what start-up prepared (common words, a frozen heap) stays."""

from __future__ import annotations

import contextlib
import gc
import random
import string
import threading
from collections.abc import Iterator
from typing import Any

import httpx

from redactphi import Redactor
from redactphi.service.app import GC_YOUNG_THRESHOLD
from redactphi.service.memory import MemoryZones, warm_vocabulary, zones_for


def unseen_note(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 10)))

    words = " ".join(word() for _ in range(30))
    return (
        f"Patient: {word().title()} {word().title()}    MRN: {rng.randint(10**7, 10**8)}\n"
        f"Email: {word()}@{word()}.org. {words}.\n"
    )


@contextlib.contextmanager
def fresh_zones(
    client: httpx.Client, redactor: Redactor, length: int, rng: random.Random
) -> Iterator[MemoryZones]:
    """The served gate with zones of ``length`` analyses (256 in service: too long for a test),
    once the zone open before the test has ended."""
    gate = zones_for(redactor)
    assert gate is not None
    renew_after, gate.renew_after = gate.renew_after, length
    try:
        closed = gate.zones_closed
        while gate.zones_closed == closed:
            assert client.post("/v1/redact", json={"text": unseen_note(rng)}).is_success
        yield gate
    finally:
        gate.renew_after = renew_after


def test_unseen_words_are_freed_each_time_the_zone_is_renewed(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    strings = redactor._nlp_engine.nlp["en"].vocab.strings  # type: ignore[attr-defined]
    rng = random.Random(20251130)
    with fresh_zones(open_client, redactor, 4, rng) as gate:
        before, closed = len(strings), gate.zones_closed
        for i in range(12):
            note = unseen_note(rng)
            if i % 3 == 0:
                resp = open_client.post("/v1/analyze", json={"text": note})
            elif i % 3 == 1:
                resp = open_client.post("/v1/redact", json={"text": note, "policy": "mask"})
            else:
                docs = [{"id": "a", "text": note}, {"id": "b", "text": unseen_note(rng)}]
                resp = open_client.post("/v1/redact/batch", json={"documents": docs})
            assert resp.status_code == 200
            if i == 1:
                assert len(strings) > before  # held by the open zone meanwhile
    # One zone per 4 analyses; each note brought ~40 new strings, and none outlived its zone.
    assert gate.zones_closed - closed == 3
    assert len(strings) - before < 20, len(strings) - before


def test_a_chunk_recurring_in_notes_outlives_its_zone_and_a_found_name_does_not(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    strings = redactor._nlp_engine.nlp["en"].vocab.strings  # type: ignore[attr-defined]
    rng = random.Random(20261201)
    with fresh_zones(open_client, redactor, 4, rng) as gate:
        names: list[str] = []
        closed = gate.zones_closed
        while gate.zones_closed == closed:
            note = unseen_note(rng)
            names.extend(note.split("\n")[0].split()[1:3])
            note += "The quorvexal, approach was used.\n"
            assert open_client.post("/v1/redact", json={"text": note}).is_success
    assert gate.zones_closed == closed + 1  # no zone is open now: what remains is permanent
    assert "quorvexal" in strings
    assert not [name for name in names if name in strings]


def test_the_word_frequency_cache_is_bounded() -> None:
    from redactphi.recognizers import lexicons

    assert lexicons.zipf.cache_info().maxsize is not None


def test_start_up_makes_common_words_permanent_and_a_notes_own_words_still_go(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    vocab = redactor._nlp_engine.nlp["en"].vocab  # type: ignore[attr-defined]
    gate = zones_for(redactor)
    assert gate is not None
    note = "The patient tolerated the procedure well. Seen by Dr. Xavrotnik Quellbaum."
    renew_after, gate.renew_after = gate.renew_after, 1  # the zone ends with this request
    try:
        resp = open_client.post("/v1/redact", json={"text": note})
    finally:
        gate.renew_after = renew_after
    assert resp.status_code == 200
    # A loaded model knows these strings but has no lexeme for them: each note used to make one.
    for word in ("procedure", "Procedure", "PROCEDURE", "tolerated", "patient"):
        assert word in vocab, word
    for word in ("Xavrotnik", "Quellbaum"):
        assert word not in vocab.strings, word


def test_the_warm_up_waits_for_no_zone_and_never_runs_inside_one(
    serve_app: Any,
    service_settings: Any,
    redactor: Redactor,
    faulty_redactor_class: Any,
    triggers: Any,
) -> None:
    faulty = faulty_redactor_class(redactor)
    server = serve_app(service_settings(), faulty)
    answers: list[int] = []

    def post() -> None:
        with server.client() as client:
            answers.append(client.post("/v1/analyze", json={"text": triggers.block}).status_code)

    poster = threading.Thread(target=post)
    poster.start()
    try:
        assert faulty.entered.wait(60)
        # An analysis holds the zone: words added now would be freed with it.
        assert warm_vocabulary(redactor) is False
    finally:
        faulty.release.set()
        poster.join(60)
    assert answers == [200]
    assert warm_vocabulary(redactor) is True


def test_start_up_freezes_the_loaded_heap(open_server: Any) -> None:
    # What start-up built is out of the cyclic collector's reach, and young collections are rarer.
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
