"""``Lopie Certusi cell# 410-...``: one or two non-dictionary words before a phone label. 0.6."""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers.names._context import WORD_FIRST_PIECE, WORD_START, Context, Hit
from redactphi.recognizers.names._read_back import names_before

SCORE = 0.6
EVIDENCE = Evidence.HINT
# The label is found first and the name read back from it: a pattern that starts at every word
# of the note and fails at nearly all of them cost 8% of all analysis time.
_PHONE_LABEL = regex.compile(
    r"\b(?i:cell|home|work|phone|ph|tel|mobile|pager)\b[ \t]*#?[ \t]*:?[ \t]*\(?\d"
)
# The name starts a word, and blank runs are crossed possessively: a long word or a long run
# of blanks is read once, not once per character.
_NAME_BEFORE = regex.compile(
    rf"{WORD_START}(?P<name>{WORD_FIRST_PIECE}(?:[ \t]++{WORD_FIRST_PIECE})?)[ \t]*+"
    r"(?:\([^)\n]{1,20}\))?[ \t]*+,?[ \t]*+\Z"
)
# How far back from the label a name may start: two name words, a short note in brackets.
_LOOKBACK = 120


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    text = ctx.text
    for m in names_before(text, _PHONE_LABEL.finditer(text), _NAME_BEFORE, _LOOKBACK):
        words = m.group("name").split()
        style = ctx.styles.at(m.start())
        if all(
            not w.blocked(x) and not w.everyday(x) and (style != "mixed" or x[:1].isupper())
            for x in words
        ):
            out.append(
                Hit(m.start("name"), m.end("name"), SCORE, "before_phone", evidence=EVIDENCE)
            )
    return out
