"""spaCy's PERSON entities where they can add a name, checked against everyday words. Score 0.55.

spaCy's NER costs more than every rule together, and beside the rules and the tagger it adds
names only around a word the name tables know that no rule has claimed. So it reads only those
windows (a stretch of the word's line), not the note. In mixed-case text every word of an
entity must be capitalised and at least one a real name word, so that "Follow Wean" or "Cool
Neb" stay; in one-case text every word must pass the weak-cue test.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import regex
from spacy.language import Language

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit

SCORE = 0.55
EVIDENCE = Evidence.MODEL
# Characters of context each side of a candidate word: wider than the model's view of a token.
_REACH = 80
_WORD = regex.compile(r"\p{L}[\p{L}'’]*")

Word = tuple[str, int]  # text, offset in the note


class PersonEntities:
    """Runs spaCy's NER component over chosen windows of a note (the pipeline leaves it off)."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._ner: Any = nlp.get_pipe("ner") if "ner" in nlp.component_names else None

    def find(self, text: str, windows: Sequence[tuple[int, int]]) -> Iterator[list[Word]]:
        """The alphabetic words of each PERSON entity inside ``windows``."""
        if self._ner is None or not windows:
            return
        docs = (self._nlp.make_doc(text[start:end]) for start, end in windows)
        for (start, _), doc in zip(windows, self._ner.pipe(docs), strict=True):
            for ent in doc.ents:
                if ent.label_ == "PERSON":
                    yield [(t.text, start + t.idx) for t in ent if t.is_alpha]


def find(ctx: Context, persons: PersonEntities | None, hits: Sequence[Hit]) -> list[Hit]:
    if persons is None:
        return []
    out = []
    w = ctx.words
    for words in persons.find(ctx.text, windows(ctx, hits)):
        if not words or any(w.blocked(t) for t, _ in words):
            continue
        if ctx.styles.at(words[0][1]) == "mixed":
            if not all(t[:1].isupper() for t, _ in words):
                continue
            if len(words) == 1 and w.everyday(words[0][0]):
                continue
            if not any(_real_name(ctx, t) for t, _ in words):
                continue
        elif not all(w.weak_ok(t) for t, _ in words):
            continue
        end = words[-1][1] + len(words[-1][0])
        out.append(Hit(words[0][1], end, SCORE, "spacy", evidence=EVIDENCE))
    return out


def windows(ctx: Context, hits: Sequence[Hit]) -> list[tuple[int, int]]:
    """Stretches of lines around each name-table word no hit covers, merged, cut at spaces."""
    text = ctx.text
    covered = sorted((h.start, h.end) for h in hits)
    out: list[tuple[int, int]] = []
    i = 0
    for m in _WORD.finditer(text):
        start = m.start()
        while i < len(covered) and covered[i][1] <= start:
            i += 1
        if i < len(covered) and covered[i][0] <= start:
            continue
        if out and start < out[-1][1]:
            continue
        if not _candidate(ctx, m.group(), start):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        lo = max(line_start, start - _REACH)
        hi = min(line_end, m.end() + _REACH)
        lo = max(line_start, text.rfind(" ", line_start, lo) + 1) if lo > line_start else lo
        space = text.find(" ", hi, line_end)
        hi = line_end if space < 0 else space
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _candidate(ctx: Context, word: str, start: int) -> bool:
    """A word an accepted PERSON entity must contain (see ``find``)."""
    w = ctx.words
    if ctx.styles.at(start) == "mixed":
        return word[:1].isupper() and _real_name(ctx, word) and not w.blocked(word)
    return w.weak_ok(word)


def _real_name(ctx: Context, word: str) -> bool:
    return lx.is_first_name(word) or (lx.is_name_word(word) and not ctx.words.everyday(word))
