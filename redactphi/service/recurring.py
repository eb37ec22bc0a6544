"""Chunks that recur from note to note, learnt so that a memory zone need not split them afresh.

Inside a memory zone spaCy's tokenizer caches nothing, so a chunk (a run between blanks) that
the start-up warm-up did not hold, such as "procedure," "0.25%" or "(CPT", goes through the
affix rules again in every request: about 1.5 ms of a 3 KB op note's 2 ms of tokenizing.
``RecurringChunks`` counts the chunks of the first ``sample`` notes of each zone (32; counting
costs about 0.2 ms a note, noting what the findings touched 0.05 ms); when the zone ends, those
seen in ``min_notes`` notes or more become permanent (``MemoryZones``), up to ``budget`` chunks
in all. A chunk a template or the language repeats is learnt; one patient's words are not,
since the findings veto them:

- a chunk a finding touched anywhere in the zone is never kept (the zone holds its hash only);
- nor one with four digits or more (a year, an id the rules missed) or longer than
  ``LONGEST`` characters.

What was counted lives as long as the zone's own transient words and goes with them.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

LONGEST = 40  # characters; longer chunks are ids, URLs or rules, not recurring words
MOST_DIGITS = 3


def keepable(chunk: str) -> bool:
    """Whether a chunk may be kept at all, whatever its count (see the module docstring)."""
    return len(chunk) <= LONGEST and sum(c.isdigit() for c in chunk) <= MOST_DIGITS


def touched_chunks(text: str, start: int, end: int) -> list[str]:
    """The chunks of ``text`` that the span ``start:end`` overlaps, whole, as long as they can
    be kept (a longer one is cut at ``LONGEST + 1`` characters, which keeps it unkeepable)."""
    left = text[max(0, start - LONGEST - 1) : start]
    right = text[end : end + LONGEST + 1]
    head = left.split()[-1] if left and not left[-1].isspace() else ""
    tail = right.split()[0] if right and not right[0].isspace() else ""
    return (head + text[start:end] + tail).split()


class RecurringChunks:
    def __init__(self, budget: int = 20_000, min_notes: int = 3, sample: int = 32) -> None:
        self.budget = budget
        self.min_notes = min_notes
        self.sample = sample  # notes counted per zone: what recurs shows in the first few dozen
        self.kept = 0
        self._observed = 0
        self._lock = threading.Lock()  # analyses in several threads report at once
        self._notes: Counter[str] = Counter()  # chunk -> notes of this zone that held it
        self._touched: set[int] = set()  # hashes of chunks a finding touched in this zone

    @property
    def full(self) -> bool:
        return self.kept >= self.budget

    def observe(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        """Count one analysed note's chunks; ``spans`` are its findings' offsets. Past the
        zone's first ``sample`` notes only what the findings touched is noted (it vetoes the
        chunks counted before); once the budget is spent, nothing is."""
        if self.full:
            return
        touched = {chunk for start, end in spans for chunk in touched_chunks(text, start, end)}
        counted = self._observed < self.sample
        chunks = set(text.split()) - touched if counted else set()
        with self._lock:
            self._observed += counted
            self._notes.update(chunks)
            self._touched.update(map(hash, touched))

    def take(self, known: set[int]) -> list[str]:
        """The chunks to make permanent now, commonest first, none whose hash is in ``known``
        (already permanent); the zone's counts start again."""
        with self._lock:
            notes, touched = self._notes, self._touched
            self._notes, self._touched, self._observed = Counter(), set(), 0
        room = self.budget - self.kept
        chosen: list[str] = []
        for chunk, count in notes.most_common():
            if count < self.min_notes or len(chosen) >= room:
                break
            key = hash(chunk)
            if key not in touched and key not in known and keepable(chunk):
                chosen.append(chunk)
        self.kept += len(chosen)
        return chosen
