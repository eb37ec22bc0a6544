"""Names beside verbs of contact: ``spoke with Okafor``, ``paged Dr Lee``, ``Quist aware``.

Evidence: a contact verb before or after one or two name words that no dictionary claims as an
everyday word. Score 0.6 (weak: the verb says someone was contacted, not that a name follows).
"""

from __future__ import annotations

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import WORD_START, WORD_WHOLE, Context, Hit
from redactphi.recognizers.names._read_back import names_before
from redactphi.recognizers.names._tokens import TOKEN, WORD

SCORE = 0.6
EVIDENCE = Evidence.HINT
# Below this Zipf frequency a word is unknown to everyday English ("Quellmatz", "Okonjo").
RARE_ZIPF = 2.0
CONTACT_BEFORE = (
    r"spoke\s+(?:with|to)|discussed\s+(?:with|w/)|talked\s+(?:with|to)|paged|notified|informed"
    r"|called|seen\s+by|evaluated\s+by|examined\s+by|consulted|reported\s+to|d/w|per|updated"
    r"|asked|told|case\s+discussed\s+with|signed\s+out\s+to|report\s+(?:given\s+)?to"
    r"|[a-z]+ed\s+by|read\s+by|seen\s+by|(?:follow[- ]?up|f/u|appointment|appt|visit)\s+with|f/u"
)
CONTACT_AFTER = (
    r"aware|notified|paged|made\s+aware|informed|at\s+(?:the\s+)?bedside|in\s+to\s+(?:see|visit)"
    r"|called|returned|updated|visited|present|consented|here"
)
_BEFORE = regex.compile(rf"(?i)\b(?:{CONTACT_BEFORE})[ \t]+(?=(?P<rest>[^\n]{{1,60}}))")
# The verb after a name is found first and the name read back from it: a pattern that starts at
# every word of the note fails at nearly all of them.
_AFTER = regex.compile(rf"(?i)(?<=[\p{{L}}'’])[ \t]+(?:{CONTACT_AFTER})\b")
_NAME_BEFORE = regex.compile(
    rf"(?i)(?:(?<![\p{{L}}\p{{N}}.'’&])(?P<init>\p{{L}})\.?[ \t]+)?{WORD_START}"
    rf"(?P<name>{WORD_WHOLE})\Z"
)
# How far back from the verb the name may start: an initial and one word.
_LOOKBACK = 60
# "per x okafor", "d/w J Quist": an initial without its period before a surname.
_INITIAL_THEN = regex.compile(rf"\p{{L}}\.?[ \t]+(?P<last>{WORD})")


def find(ctx: Context) -> list[Hit]:
    out = []
    text, w = ctx.text, ctx.words
    for m in _BEFORE.finditer(text):
        start = m.start("rest")
        style = ctx.styles.at(start)
        tok = TOKEN.match(text, start)
        if not tok:
            continue
        word = tok.group()
        initial = _INITIAL_THEN.match(text, start) if _is_initial(word) else None
        if initial and _surname_ok(ctx, initial.group("last"), style):
            out.append(Hit(start, initial.end(), SCORE, "contact", evidence=EVIDENCE))
            continue
        if not w.weak_ok(word) or (style == "mixed" and not word[:1].isupper()):
            continue
        if len(word) < 3 and (style != "mixed" or word.isupper()):
            continue  # "per NG", "per MD"
        span = ctx.name_run(start, m.end("rest"), max_tokens=2, style=style, strong=False)
        if span:
            out.append(Hit(span[0], span[1], SCORE, "contact", evidence=EVIDENCE))
    for m in names_before(text, _AFTER.finditer(text), _NAME_BEFORE, _LOOKBACK):
        word = m.group("name")
        style = ctx.styles.at(m.start())
        if m.group("init") and _is_initial(m.group("init")) and _surname_ok(ctx, word, style):
            out.append(Hit(m.start("init"), m.end("name"), SCORE, "contact", evidence=EVIDENCE))
        elif w.weak_ok(word) and (style != "mixed" or word[:1].isupper()):
            out.append(Hit(m.start("name"), m.end("name"), SCORE, "contact", evidence=EVIDENCE))
    return out


def _is_initial(word: str) -> bool:
    # "a" and "I" are words; "A." with its period is an initial.
    return len(word.rstrip(".")) == 1 and (word.endswith(".") or word.lower() not in ("a", "i"))


def _surname_ok(ctx: Context, word: str, style: str) -> bool:
    """After an initial a census surname may be an everyday word if written as a name."""
    w = ctx.words
    if w.blocked(word) or w.ends_name(word) or len(word) < 2:
        return False
    if style == "mixed" and not word[:1].isupper():
        return False
    if w.weak_ok(word) or (lx.is_last_name(word) and (word.istitle() or word.isupper())):
        return True
    return not w.everyday(word) and lx.zipf(word) < RARE_ZIPF  # a word no dictionary knows
