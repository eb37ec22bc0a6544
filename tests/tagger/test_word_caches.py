"""The tagger's per-word feature caches stay bounded however many new words a process meets
(a long-running service sees every name and id once); what they return does not change."""

from __future__ import annotations

import functools
import itertools
import string
import tracemalloc

from redactphi.tagger import features


def unseen_words(count: int) -> list[str]:
    letters = string.ascii_lowercase
    return ["".join(p) for p in itertools.islice(itertools.product(letters, repeat=4), count)]


def test_every_per_word_cache_is_bounded() -> None:
    caches = [
        value
        for value in vars(features).values()
        if isinstance(value, functools._lru_cache_wrapper)  # type: ignore[attr-defined]
        and value.__module__ == features.__name__  # imported tables are fixed in size
    ]
    assert len(caches) >= 4
    for cache in caches:
        maxsize = cache.cache_info().maxsize
        assert maxsize is not None and maxsize <= features.CACHED_WORDS * len(features._OFFSETS)


def test_more_new_words_than_the_caches_hold_leave_them_full_not_larger() -> None:
    known = features.KnownFeatures(frozenset({"w=aaaa", "-1:w=aaaa", "case=lower"}))
    words = unseen_words(features.CACHED_WORDS + 500)
    first = known.view(words[0])
    tracemalloc.start()
    try:
        for word in words:
            known.view(word)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # What a worker may hold for words it has seen once: at 200,000 words this was ~900 MiB.
    assert held < 200 * 2**20, held
    assert known.view.cache_info().currsize == features.CACHED_WORDS
    assert features._view.cache_info().currsize <= features.CACHED_WORDS
    assert features.word_features.cache_info().currsize <= features.CACHED_WORDS
    # The first word was evicted long ago; computed again, its features are the same.
    assert known.view(words[0]) == first
