"""Every other occurrence, in the same note, of a name word another rule found.

A word no dictionary knows ("Okafor") is found in any case. An everyday word ("Max", "Jackson",
"Hess") is found only capitalised, and only when a strong cue (score >= 0.7: a header field, a
title, a credential, a kinship word) found it first. Score 0.5.
"""

from __future__ import annotations

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit, SpanCover
from redactphi.recognizers.names._recall import recallable
from redactphi.recognizers.names._tokens import TOKEN

SCORE = 0.5
EVIDENCE = Evidence.MEMORY


def find(ctx: Context, hits: list[Hit]) -> list[Hit]:
    text = ctx.text
    rare, capitalised = recallable(
        text, ((h.start, h.end, h.score) for h in hits), ctx.words, keep_blocked_names=True
    )
    if not rare and not capitalised:
        return []
    covered = SpanCover((h.start, h.end) for h in hits)
    out = []
    for tok in TOKEN.finditer(text):
        word = tok.group().rstrip(".")
        key = word.lower()
        if key not in rare and not (
            key in capitalised
            and (
                word.istitle()
                or (
                    word.isupper() and ctx.styles.at(tok.start()) == "upper" and lx.zipf(word) < 4.5
                )
            )
        ):
            continue
        s, e = tok.start(), tok.start() + len(word)
        if not covered.covers(s, e):
            out.append(Hit(s, e, SCORE, "propagated", evidence=EVIDENCE))
    return out
