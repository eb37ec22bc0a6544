"""Titles before a name: ``Dr. Okafor``, ``Mrs Lee``, ``dr healey``; soft titles ``NP Lee``.

Evidence: a courtesy or academic title (strong, 0.9), or a role word used as a title (``NP``,
``RN``, ``attending``, ``pt``: 0.7), then a run of name-like words. "MS" and "ms" without a
period are mental status or morphine in notes; "Ms" and "Ms." are titles.
"""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import PARTICLE_RUN, TITLES, TOKEN, is_credential
from redactphi.vocabulary import people

STRONG_SCORE = 0.9
SOFT_SCORE = 0.7
INITIAL_SCORE = 0.8
# A role word as a title ("NP Lee") or an initial after a title ("Mr I") only hints at a name.
HINT = Evidence.HINT
# Role words written as titles: "NP Lee", "RRT Okafor", "house officer Quist", "chaplain Ray".
# Not "PA", "RT", "HO": in ICU notes they are pulmonary artery, right and house officer notified.
# Credentials used this way are flagged soft_title in the vocabulary.
SOFT_TITLES = (
    r"nurse|attending|resident|fellow|intern|housestaff|house\s+staff|pt|patient"
    r"|coordinator|interpreter|house\s+officer|rabbi|chaplain|imam|pastor"
    r"|reverend|rev|social\s+worker|pharmacist|case\s+manager|dietitian|"
    + people.words_pattern(people.credentials("soft_title"))
)
_TITLE = regex.compile(
    rf"(?i)\b(?:(?!ms\b)(?:{TITLES})\b|(?-i:Ms)\b|ms\.)(?:\.[ \t]*|[ \t]+)"
    r"(?=(?P<rest>[^\n]{1,80}))"
)
# "Drs. Lee and Kim", "Drs' Okafor, Quist": a plural title before several surnames.
_PLURAL_TITLE = regex.compile(r"(?i)\bdrs\b[.'’]?[ \t]*(?=(?P<rest>[^\n]{1,80}))")
_JOIN = regex.compile(r"[ \t]*(?:,|&|and|/)[ \t]*(?:and[ \t]+)?")
_SOFT_TITLE = regex.compile(rf"(?i)\b(?:{SOFT_TITLES})\b\.?[ \t]+(?=(?P<rest>[^\n]{{1,60}}))")


def find(ctx: Context) -> list[Hit]:
    out = []
    text, w = ctx.text, ctx.words
    for rx, strong in ((_TITLE, True), (_SOFT_TITLE, False)):
        score = STRONG_SCORE if strong else SOFT_SCORE
        evidence = Evidence.CUE if strong else HINT
        for m in rx.finditer(text):
            start = m.start("rest")
            style = ctx.styles.at(start)
            first = TOKEN.match(text, start)
            if not first:
                continue
            word = first.group().rstrip(".")
            if PARTICLE_RUN.match(text, start):
                span = ctx.name_run(start, m.end("rest"), max_tokens=3, style=style, strong=True)
                if span:
                    out.append(Hit(span[0], span[1], score, "title", evidence=evidence))
                continue
            if strong and len(word) == 1 and word.isupper():
                # "Mr I" / "Ms S." : an initial standing for the name.
                out.append(
                    Hit(
                        first.start(),
                        first.start() + 1,
                        INITIAL_SCORE,
                        "title_initial",
                        evidence=HINT,
                    )
                )
                continue
            if (w.ends_name(word) if strong else w.blocked(word)) or is_credential(word):
                continue
            if not strong and not (
                w.weak_ok(word)
                or (style == "mixed" and word[:1].isupper() and lx.zipf(word) < 3.0)
                # a capital stands out in a lower-case line
                or (style == "lower" and word.istitle() and not w.everyday(word))
            ):
                continue
            cue = text[m.start() : start].strip(" \t.").lower()
            patient_cue = cue in ("pt", "patient")
            if patient_cue and not (
                lx.is_first_name(word) and not w.everyday(word) and len(word) > 2
            ):
                continue
            if (
                style == "mixed"
                and not word[:1].isupper()
                and not ((strong or patient_cue) and lx.is_name_word(word))
            ):
                continue
            if len(word) == 1 and not (strong and word.isupper()):
                continue
            span = ctx.name_run(start, m.end("rest"), max_tokens=3, style=style, strong=True)
            if span:
                out.append(Hit(span[0], span[1], score, "title", evidence=evidence))
    out += _plural(ctx)
    return out


def _plural(ctx: Context) -> list[Hit]:
    out = []
    text, w = ctx.text, ctx.words
    for m in _PLURAL_TITLE.finditer(text):
        cursor, end = m.start("rest"), m.end("rest")
        style = ctx.styles.at(cursor)
        for _ in range(4):
            tok = TOKEN.match(text, cursor)
            if not tok or w.ends_name(tok.group()) or w.blocked(tok.group().rstrip(".")):
                break
            span = ctx.name_run(cursor, end, max_tokens=2, style=style, strong=True)
            if not span:
                break
            out.append(Hit(span[0], span[1], STRONG_SCORE, "title"))
            nxt = _JOIN.match(text, span[1], end)
            if not nxt or nxt.end() == span[1]:
                break
            cursor = nxt.end()
    return out
