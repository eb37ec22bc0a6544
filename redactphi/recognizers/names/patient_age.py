"""Telegraphic patient lines: ``pt Long 84yoF s/p 0489T``, ``pt renee smith-jones 28yF``.

Evidence: "pt"/"patient", up to three words, then an age. Score 0.8, role PATIENT.
"""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import WORD
from redactphi.vocabulary import Role

SCORE = 0.8
EVIDENCE = Evidence.HINT
_PT_AGE = regex.compile(
    rf"(?i)\b(?:pt|patient)[ \t]+(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})[ \t]+"
    r"(?=\d{1,3}[ \t]*(?:yo|y/o|y\.o\.|yr|years?|y)[ \t]*(?:[mf]|male|female|old)?\b)"
)


def find(ctx: Context) -> list[Hit]:
    out = []
    for m in _PT_AGE.finditer(ctx.text):
        if not any(ctx.words.ends_name(x) for x in m.group("name").split()):
            out.append(
                Hit(
                    m.start("name"),
                    m.end("name"),
                    SCORE,
                    "patient_age",
                    Role.PATIENT,
                    evidence=EVIDENCE,
                )
            )
    return out
