"""Which words of a found name are worth finding again: in the same note (propagation) or in the
patient's other notes (patient memory)."""

from __future__ import annotations

from collections.abc import Iterable

from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._tokens import PARTICLE_WORD, TOKEN
from redactphi.recognizers.names._words import WordTests

# Everyday words are recalled only from names this sure: a header, title, credential or kinship cue.
STRONG_CUE = 0.7


def recallable(
    text: str,
    spans: Iterable[tuple[int, int, float]],
    words: WordTests,
    *,
    keep_blocked_names: bool,
) -> tuple[set[str], set[str]]:
    """Lower-cased words of the name ``spans`` (start, end, score): those no dictionary knows
    ("okafor"), recalled in any case, and everyday ones ("rose"), recalled only capitalised.

    A word never a name ("patient", "dr") is not recalled, except, with ``keep_blocked_names``,
    one the name tables hold that a strong cue found ("Hope" after "Wife:").
    """
    rare: set[str] = set()
    capitalised: set[str] = set()
    for start, end, score in spans:
        for tok in TOKEN.finditer(text, start, end):
            word = tok.group().rstrip(".")
            if len(word) < 2 or PARTICLE_WORD.fullmatch(word) or words.ends_name(word):
                continue
            blocked = words.blocked(word)
            if not (words.everyday(word) or blocked):
                rare.add(word.lower())
            elif score >= STRONG_CUE and not (
                blocked and not (keep_blocked_names and lx.is_name_word(word))
            ):
                capitalised.add(word.lower())
    return rare, capitalised
