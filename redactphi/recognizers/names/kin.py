"""Relatives and contacts named by a kinship word: ``son bill``, ``daughter Maria``,
``Sons Smokey, Morris and Roger``; also ``name is``/``goes by`` and ``Social: husband Ray``.

Evidence: a kinship word, a naming phrase or a social-history label, then up to four names joined
by commas or "and". Score 0.85, role RELATIVE.
"""

from __future__ import annotations

import regex

from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import KIN, MONTHS, TOKEN
from redactphi.vocabulary import Role

SCORE = 0.85
ROLE = Role.RELATIVE
_KIN = regex.compile(
    rf"(?i)\b(?:{KIN})\b(?:'s)?(?:[ \t]*(?:\(|,|:|-{{1,3}}|named|name\s+is|is)[ \t]*|[ \t]+)"
    r"(?=(?P<rest>[^\n]{1,80}))"
)
_NAME_IS = regex.compile(r"(?i)\b(?:name\s+is|named|goes\s+by)[ \t]+(?=(?P<rest>[^\n]{1,60}))")
_SOCIAL = regex.compile(r"(?i)\bsocial[ \t]*(?:[:;]|-+>?)[ \t]*(?=(?P<rest>[^\n]{1,60}))")
_JOIN = regex.compile(r"[ \t]*(?:,|&|and)[ \t]*(?:and[ \t]+)?")


def find(ctx: Context) -> list[Hit]:
    out = []
    text = ctx.text
    for rx in (_KIN, _NAME_IS, _SOCIAL):
        for m in rx.finditer(text):
            start = m.start("rest")
            style = ctx.styles.at(start)
            cursor = start
            for _ in range(4):  # "Sons Smokey, Morris and Roger"
                tok = TOKEN.match(text, cursor)
                if not tok:
                    break
                word = tok.group().rstrip(".")
                if not _kin_ok(ctx, word, style):
                    break
                if rx is _SOCIAL and not lx.is_first_name(word):
                    break  # "Social: Anxious and upset", "Social- Friends in"
                span = ctx.name_run(
                    tok.start(), m.end("rest"), max_tokens=3, style=style, strong=True
                )
                if not span:
                    break
                out.append(Hit(span[0], span[1], SCORE, "kin", ROLE))
                nxt = _JOIN.match(text[span[1] :])
                if not nxt or nxt.end() == 0:
                    break
                cursor = span[1] + nxt.end()
    return out


def _kin_ok(ctx: Context, word: str, style: str) -> bool:
    w = ctx.words
    if word.istitle() and word.lower() in MONTHS:
        return True  # "nephew June"
    if w.blocked(word) or len(word) < 2:
        return False
    if word.istitle() and style == "lower" and not w.everyday(word):
        return True  # a capital stands out in a lower-case note
    if word.lower() in lx.first_names():
        return True
    if style == "mixed" and not (word.isupper() and len(word) > 1):
        return word[:1].isupper()
    if w.everyday(word) and not lx.is_first_name(word):
        return False
    return lx.is_name_word(word) or lx.zipf(word) < 3.0
