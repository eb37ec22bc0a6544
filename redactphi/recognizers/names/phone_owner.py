"""``Lopie Certusi cell# 410-...``: one or two non-dictionary words before a phone label. 0.6."""

from __future__ import annotations

import regex

from redactphi.recognizers.names._context import WORD_FIRST_PIECE, WORD_START, Context, Hit

SCORE = 0.6
# The name starts a word (a match inside a word would start earlier), and blank runs are crossed
# possessively: a long word or a long run of blanks is read once, not once per character.
_BEFORE_PHONE = regex.compile(
    rf"{WORD_START}(?P<name>{WORD_FIRST_PIECE}(?:[ \t]++{WORD_FIRST_PIECE})?)[ \t]*+(?:\([^)\n]{{1,20}}\))?"
    r"[ \t]*+,?[ \t]*+\b(?i:cell|home|work|phone|ph|tel|mobile|pager)\b[ \t]*+#?[ \t]*+:?[ \t]*+\(?\d"
)


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _BEFORE_PHONE.finditer(ctx.text):
        words = m.group("name").split()
        style = ctx.styles.at(m.start())
        if all(
            not w.blocked(x) and not w.everyday(x) and (style != "mixed" or x[:1].isupper())
            for x in words
        ):
            out.append(Hit(m.start("name"), m.end("name"), SCORE, "before_phone"))
    return out
