"""Memory stays bounded under load: text the service has never seen leaves nothing behind."""

from __future__ import annotations

import random
import string

import httpx

from redactphi import Redactor


def unseen_note(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 10)))

    words = " ".join(word() for _ in range(30))
    return (
        f"Patient: {word().title()} {word().title()}    MRN: {rng.randint(10**7, 10**8)}\n"
        f"Email: {word()}@{word()}.org. {words}.\n"
    )


def test_unseen_words_do_not_grow_the_vocabulary(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    strings = redactor._nlp_engine.nlp["en"].vocab.strings  # type: ignore[attr-defined]
    rng = random.Random(20251130)
    open_client.post("/v1/redact", json={"text": unseen_note(rng)})  # warm-up
    before = len(strings)
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
    # Each note brings ~40 new strings; today none of them stays once the analysis is done.
    assert len(strings) - before < 20, len(strings) - before


def test_the_word_frequency_cache_is_bounded() -> None:
    from redactphi.recognizers import lexicons

    assert lexicons.zipf.cache_info().maxsize is not None
