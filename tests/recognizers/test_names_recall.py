"""Which words of a found name are recalled: one rule for propagation and patient memory."""

from __future__ import annotations

import pytest

from redactphi.recognizers.names._recall import STRONG_CUE, recallable
from redactphi.recognizers.names._words import WordTests

WORDS = WordTests()

# (name, score, keep_blocked_names, rare, capitalised)
TABLE = [
    ("Lena Okafor", 0.5, False, {"lena", "okafor"}, set()),  # no dictionary word: any case
    ("Will Okafor", STRONG_CUE, True, {"okafor"}, {"will"}),  # propagation: a name-table word
    ("Will Okafor", STRONG_CUE, False, {"okafor"}, set()),  # memory never recalls a blocked word
    ("Will Okafor", 0.6, True, {"okafor"}, set()),  # everyday words need a strong cue
    ("Dr. Okafor", STRONG_CUE, True, {"okafor"}, set()),  # titles end nothing but are never names
    ("de la Okafor", STRONG_CUE, True, {"okafor"}, set()),  # particles are skipped
]


@pytest.mark.parametrize(("name", "score", "keep", "rare", "capitalised"), TABLE)
def test_recallable_words(
    name: str, score: float, keep: bool, rare: set[str], capitalised: set[str]
) -> None:
    found = recallable(name, [(0, len(name), score)], WORDS, keep_blocked_names=keep)
    assert found == (rare, capitalised)
