"""``BURNS, MICHAEL B`` opening a line (or a table cell): a census surname, a comma, a first name.

Evidence: the line layout of EHR banners and lists. Score 0.7.
"""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import PARTICLE, WORD

SCORE = 0.7
EVIDENCE = Evidence.PATTERN
_LINE_LAST_FIRST = regex.compile(
    rf"(?m)(?:^|\|)[ \t]*(?P<name>(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD})[ \t]*,[ \t]*(?P<first>{WORD})"
    r"(?:[ \t]+\p{L}\.?)?)"
    r"(?=[ \t]{2,}|\t|[ \t]*$|[ \t]*\()"
)


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _LINE_LAST_FIRST.finditer(ctx.text):
        last, first = m.group("last"), m.group("first")
        known_last = lx.is_last_name(last) or not (w.everyday(last) or w.blocked(last))
        if (
            known_last
            and (lx.is_first_name(first) or lx.is_last_name(last))
            and not (w.blocked(last) and w.blocked(first))
            and not w.ends_name(first)
        ):
            out.append(Hit(m.start("name"), m.end("name"), SCORE, "last_first", evidence=EVIDENCE))
    return out
