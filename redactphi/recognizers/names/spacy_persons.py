"""spaCy's PERSON entities where they can add a name, checked against everyday words. Score 0.55.

spaCy's NER costs more than every rule together, and beside the rules and the tagger it adds
names only around a word the name tables know that no rule has claimed. So it reads only those
windows (a stretch of the word's line), not the note. In mixed-case text every word of an
entity must be capitalised and at least one a real name word, so that "Follow Wean" or "Cool
Neb" stay; in one-case text every word must pass the weak-cue test.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

import regex
from spacy.language import Language

from redactphi.allowlist import before_eponym_noun
from redactphi.blas import use_numpy_blas
from redactphi.models import Evidence
from redactphi.nlp import tokenizable
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit

SCORE = 0.55
EVIDENCE = Evidence.MODEL
# Characters of context each side of a candidate word: wider than the model's view of a token.
_REACH = 80
_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
# Windows per model call: a batch of notes has a few dozen.
_BATCH = 256
# The longest stretch merged into one window. One Doc as long as a 1 MB line of names cost the
# model 36-41 ms/KB, capped windows 22-26, a hundred 10 KB notes 25-28; a clinical line is far
# shorter (427 characters at most in 2,050 notes), so only a page-long run of names reaches it.
_MAX_WINDOW = 10_000

Word = tuple[str, int]  # text, offset in the note


class PersonEntities:
    """Runs spaCy's NER component over chosen windows of a note (the pipeline leaves it off),
    multiplying on numpy's BLAS unless ``blas="blis"`` (``redactphi.blas``)."""

    def __init__(self, nlp: Language, blas: Literal["numpy", "blis"] = "numpy") -> None:
        self._nlp = nlp
        self._ner: Any = nlp.get_pipe("ner") if "ner" in nlp.component_names else None
        model: Any = getattr(self._ner, "model", None)
        if model is not None and blas == "numpy":
            use_numpy_blas(model)

    def find(self, text: str, windows: Sequence[tuple[int, int]]) -> Iterator[list[Word]]:
        """The alphabetic words of each PERSON entity inside ``windows``."""
        yield from self.find_many([(text, windows)])[0]

    def find_many(
        self, notes: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[list[list[Word]]]:
        """``find`` for several notes in one call to the model.

        A call has a fixed cost several times that of a window, so a batch's windows go
        together; each window is still its own ``Doc``, so what the model sees is unchanged.
        """
        out: list[list[list[Word]]] = [[] for _ in notes]
        if self._ner is None:
            return out
        spans = [(i, start) for i, (_, wins) in enumerate(notes) for start, _ in wins]
        # The same guard as the note's own pass: a long punctuation run reads as blanks.
        docs = (self._nlp.make_doc(tokenizable(text[a:b])) for text, wins in notes for a, b in wins)
        seen: set[tuple[int, int, int]] = set()  # overlapping windows find some entities twice
        for (i, start), doc in zip(spans, self._ner.pipe(docs, batch_size=_BATCH), strict=True):
            for ent in doc.ents:
                key = (i, start + ent.start_char, start + ent.end_char)
                if ent.label_ == "PERSON" and key not in seen:
                    seen.add(key)
                    out[i].append([(t.text, start + t.idx) for t in ent if t.is_alpha])
        return out


def find(ctx: Context, persons: PersonEntities | None, hits: Sequence[Hit]) -> list[Hit]:
    return find_many([ctx], persons, [hits])[0]


def find_many(
    contexts: Sequence[Context], persons: PersonEntities | None, hits: Sequence[Sequence[Hit]]
) -> list[list[Hit]]:
    """``find`` for a batch of notes, with one model call for all their windows."""
    if persons is None:
        return [[] for _ in contexts]
    notes = [(ctx.text, windows(ctx, h)) for ctx, h in zip(contexts, hits, strict=True)]
    found = persons.find_many(notes)
    return [_accepted(ctx, entities) for ctx, entities in zip(contexts, found, strict=True)]


def _accepted(ctx: Context, entities: Sequence[list[Word]]) -> list[Hit]:
    out = []
    w = ctx.words
    for words in entities:
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
    """Stretches of lines around each name-table word no hit covers, cut at spaces, merged up
    to ``_MAX_WINDOW`` characters."""
    text = ctx.text
    covered = sorted((h.start, h.end) for h in hits)
    out: list[tuple[int, int]] = []
    i = 0
    for m in _WORD.finditer(text):
        if not lx.is_name_word(m.group()):
            continue  # every candidate is a name-table word (see _candidate); the cheap test first
        start = m.start()
        while i < len(covered) and covered[i][1] <= start:
            i += 1
        if i < len(covered) and covered[i][0] <= start:
            continue
        if out and start < out[-1][1]:
            continue
        if not _candidate(ctx, m.group(), start):
            continue
        if before_eponym_noun(text, m.end()):
            # The allow layer keeps a model's name that ends before an eponym's noun, so
            # reading it would change nothing ("Hill-Ferguson retractor", "Allen test").
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        lo = max(line_start, start - _REACH)
        hi = min(line_end, m.end() + _REACH)
        # Cut at the nearest space outwards, within reach: a line with no space for thousands
        # of characters (a run of commas) must not become one window.
        if lo > line_start:
            space = text.rfind(" ", max(line_start, lo - _REACH), lo)
            lo = space + 1 if space >= 0 else max(line_start, lo - _REACH)
        space = text.find(" ", hi, min(line_end, hi + _REACH))
        hi = space if space >= 0 else min(line_end, hi + _REACH)
        if out and lo <= out[-1][1] and hi - out[-1][0] <= _MAX_WINDOW:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))  # past the cap it overlaps the last window: full context
    return out


def _candidate(ctx: Context, word: str, start: int) -> bool:
    """A word an accepted PERSON entity must contain (see ``find``)."""
    w = ctx.words
    if ctx.styles.at(start) == "mixed":
        return word[:1].isupper() and _real_name(ctx, word) and not w.blocked(word)
    return w.weak_ok(word)


def _real_name(ctx: Context, word: str) -> bool:
    return lx.is_first_name(word) or (lx.is_name_word(word) and not ctx.words.everyday(word))
