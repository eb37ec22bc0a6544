"""``placed by Arjun Heart``: a capitalised two-word name after "by" in mixed-case text. 0.6."""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import PARTICLE

SCORE = 0.6
EVIDENCE = Evidence.HINT
_BY_NAME = regex.compile(
    rf"\bby[ \t]+(?P<name>(?P<first>\p{{Lu}}\p{{Ll}}[\p{{L}}'’\-]*)[ \t]+(?:\p{{Lu}}\.?[ \t]+)?"
    rf"(?:(?i:{PARTICLE})[ \t]+)*(?P<last>\p{{Lu}}[\p{{L}}'’\-]+))\b"
)


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _BY_NAME.finditer(ctx.text):
        first, last = m.group("first"), m.group("last")
        if ctx.styles.at(m.start()) != "mixed" or w.ends_name(last) or w.blocked(first):
            continue
        if (lx.is_first_name(first) or lx.zipf(first) < 3.5) and not w.everyday(first):
            out.append(Hit(m.start("name"), m.end("name"), SCORE, "by_name", evidence=EVIDENCE))
    return out
