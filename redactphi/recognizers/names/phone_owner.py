"""``Lopie Certusi cell# 410-...``: one or two non-dictionary words before a phone label. 0.6."""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import WORD

SCORE = 0.6
EVIDENCE = Evidence.HINT
_BEFORE_PHONE = regex.compile(
    rf"(?P<name>{WORD}(?:[ \t]+{WORD})?)[ \t]*(?:\([^)\n]{{1,20}}\))?[ \t]*,?[ \t]*"
    r"\b(?i:cell|home|work|phone|ph|tel|mobile|pager)\b[ \t]*#?[ \t]*:?[ \t]*\(?\d"
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
            out.append(
                Hit(m.start("name"), m.end("name"), SCORE, "before_phone", evidence=EVIDENCE)
            )
    return out
