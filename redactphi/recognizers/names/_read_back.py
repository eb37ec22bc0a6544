"""Names read back from the cue after them (a phone label, a verb, a relation in brackets).

A pattern that starts at every word of a note and fails at nearly all of them costs more than
finding the cue first and reading the name back over a short stretch before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex


def names_before(
    text: str, cues: Iterable[regex.Match[str]], name: regex.Pattern[str], lookback: int
) -> Iterator[regex.Match[str]]:
    """The match of ``name`` (a pattern anchored with ``\\Z``) ending where each cue starts.

    Matches do not overlap: a cue whose name was read is taken, and the next one reads back no
    further than its end. The stretch read starts before the blanks at the cue (a long run of
    them is crossed once) and never inside a word.
    """
    taken = 0
    for cue in cues:
        gap = cue.start()
        while gap > taken and text[gap - 1] in " \t":
            gap -= 1
        begin = max(taken, gap - lookback)
        while begin > taken and text[begin - 1].isalpha():
            begin -= 1
        m = name.search(text, begin, cue.start())
        if m is not None:
            taken = cue.end()
            yield m
