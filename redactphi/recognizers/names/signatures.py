"""Signatures: ``-- D.R.`` or ``-- Chase`` closing a note, ``JT/es`` transcription initials, and a
first name alone closing a line after a sentence (a nurse's sign-off: ``... 1400U/HR. SUSAN``).
"""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import WORD

_SIGN_OFF = regex.compile(
    rf"(?m)(?:^|\|)[ \t]*--[ \t\u00a0]*(?P<v>(?:\p{{L}}\.[ \t]?){{1,3}}(?:{WORD})?|{WORD}"
    rf"(?:[ \t]+{WORD})?)[ \t\r]*(?:$|\|)"
)
_TRANSCRIPTION = regex.compile(
    r"(?m)(?:^|\|)[ \t]*(?P<a>[A-Za-z]{2,3})/(?P<b>[A-Za-z]{2,3})[ \t]*(?:$|\|)"
)
_LINE_END_FIRST = regex.compile(rf"(?m)(?<=[.!][ \t]{{1,4}})(?P<v>{WORD})[ \t]*$")
EVIDENCE = Evidence.HINT


def sign_off(ctx: Context) -> list[Hit]:
    out = []
    for m in _SIGN_OFF.finditer(ctx.text):
        value = m.group("v")
        if len(value) > 3 and ctx.words.blocked(value.rstrip(".")):
            continue
        out.append(Hit(m.start("v"), m.end("v"), 0.7, "sign_off", evidence=EVIDENCE))
    for m in _TRANSCRIPTION.finditer(ctx.text):
        out.append(Hit(m.start("a"), m.end("a"), 0.6, "transcription", evidence=EVIDENCE))
        out.append(Hit(m.start("b"), m.end("b"), 0.6, "transcription", evidence=EVIDENCE))
    return out


def line_end_first(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _LINE_END_FIRST.finditer(ctx.text):
        word = m.group("v")
        if lx.is_first_name(word) and not w.everyday(word) and not w.blocked(word):
            out.append(Hit(m.start("v"), m.end("v"), 0.55, "line_end_first", evidence=EVIDENCE))
    return out
