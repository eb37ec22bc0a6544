"""Quoted nicknames and preferred names: ``John "Jack" Smith``, ``Okafor, Robert ("Bobby")``,
``prefers to be called "Bo"``, ``goes by 'Tink'``, ``aka Mimi``.

Evidence: a quoted word between or right after name words, or a preferred-name phrase. The quote
marks are the cue, so the word may be an everyday one ("Bunny"). Score 0.85.
"""

from __future__ import annotations

import regex

from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import WORD_START, WORD_WHOLE, Context, Hit
from redactphi.recognizers.names._tokens import WORD

SCORE = 0.85
_Q = "\"'“”‘’"
# "John "Jack" Smith" / "Smith, Robert ("Bobby")"
_BESIDE_NAME = regex.compile(
    rf"{WORD_START}(?P<before>{WORD_WHOLE}),?[ \t]++\(?[{_Q}](?P<nick>{WORD}(?:[ \t]+{WORD})?)[{_Q}]\)?"
)
# The blank and quote _BESIDE_NAME needs somewhere: one cheap scan spares most notes the full one.
_BLANK_QUOTE = regex.compile(rf"[ \t]\(?[{_Q}]")
_PREFERRED = regex.compile(
    rf"(?i)\b(?:prefers?[ \t]+(?:to[ \t]+be[ \t]+called|being[ \t]+called|the[ \t]+name)"
    rf"|likes?[ \t]+to[ \t]+be[ \t]+called|goes[ \t]+by|known[ \t]+as|a\.?k\.?a\.?|nicknamed?"
    rf"|preferred[ \t]+name[ \t]*:?)[ \t]+[{_Q}]?(?P<nick>(?-i:{WORD}))[{_Q}]?"
)


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    beside = _BESIDE_NAME.finditer(ctx.text) if _BLANK_QUOTE.search(ctx.text) else ()
    for m in beside:
        before, nick = m.group("before"), m.group("nick")
        mixed = ctx.styles.at(m.start()) == "mixed"
        # Beside a name, not quoted speech ('c/o "CAN'T BREATHE"', 'severe "TROUBLE BREATHING"').
        if len(before) < 2 or w.blocked(before) or w.everyday(before):
            continue
        if not (lx.is_name_word(before) or (mixed and before.istitle())):
            continue
        if any(w.blocked(x) for x in nick.split()) or not nick[:1].isupper():
            continue
        if not mixed and any(w.everyday(x) for x in nick.split()):
            continue
        out.append(Hit(m.start("nick"), m.end("nick"), SCORE, "nickname"))
    for m in _PREFERRED.finditer(ctx.text):
        nick = m.group("nick")
        if w.blocked(nick) or w.ends_name(nick):
            continue
        quoted = m.group().rstrip()[-1:] in _Q
        if not quoted and not (lx.is_name_word(nick) or nick[:1].isupper()):
            continue
        out.append(Hit(m.start("nick"), m.end("nick"), SCORE, "nickname"))
    return out
