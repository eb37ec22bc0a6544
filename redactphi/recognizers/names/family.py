"""``the Romero family``: a census surname before "family". Score 0.6."""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import WORD_START, WORD_WHOLE, Context, Hit

SCORE = 0.6
EVIDENCE = Evidence.HINT
_FAMILY_OF = regex.compile(rf"{WORD_START}(?P<name>{WORD_WHOLE})[ \t]++(?i:family)\b")


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _FAMILY_OF.finditer(ctx.text):
        word = m.group("name")
        mixed_title = word.istitle() and ctx.styles.at(m.start()) == "mixed"
        if lx.is_last_name(word) and not w.blocked(word) and (mixed_title or not w.everyday(word)):
            out.append(Hit(m.start("name"), m.end("name"), SCORE, "family_of", evidence=EVIDENCE))
    return out
