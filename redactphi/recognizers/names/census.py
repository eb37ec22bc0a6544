"""Names from the name tables alone, with no cue word.

- ``full_name``: a census first name, an optional initial or particles, and a census surname
  (``Edward Baker``, ``Rachel von Stein``), both written alike. Score 0.6, or 0.5 when the
  surname is an everyday word.
- ``initial_surname``: a lone initial and a census surname (``W. Marotta``, ``q. lander``). 0.6.
- ``first_rare``: a census first name and a rare word no dictionary knows (``Leona Labowich``). 0.5.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import PARTICLE, WORD, is_credential

# Both pairs read as ``\b(?P<first>{WORD})`` + the rest, tried at every word boundary (overlapped:
# "John Smith Jones" gives "John Smith" and "Smith Jones"). See _pairs for how they are run.
_FULL_REST = regex.compile(
    rf"(?:[ \t]+(?P<mid>\p{{L}}\.?))?[ \t]+(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD})\b"
)
_INITIAL_SURNAME = regex.compile(
    rf"(?<![A-Za-z0-9.'’/&]|\d[ \t])[A-Za-z]\.[ \t]?(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD})"
)
_RARE_REST = regex.compile(rf"[ \t]+(?:[A-Za-z]\.?[ \t]+)?(?P<last>{WORD})\b")
_WORDS = regex.compile(WORD)
_FIRST_START = regex.compile(r"\b\p{L}")


def _pairs(
    text: str, rest: regex.Pattern[str], first_ok: Callable[[str], bool]
) -> Iterator[tuple[int, str, regex.Match[str]]]:
    """(start, first, rest match) for each match of ``\b(?P<first>{WORD})`` + ``rest``, overlapped,
    whose first word passes ``first_ok`` (a test the caller makes anyway, made here so that a
    plain word fails before the rest is matched).

    A first word ends where its whole hyphenated word ends (the rest starts with a blank), so it
    starts at any word boundary inside that word ("Mary-Jane Smith" also gives "Jane Smith") and
    the rest is the same for all those starts: matched once per word, so a long hyphen chain is
    read once rather than once per piece.
    """
    for word in _WORDS.finditer(text):
        token = word.group()
        # No apostrophe or hyphen: the word itself is the only first word it holds, and the
        # cheap test goes first. Otherwise the rest is matched first, so the first words of a
        # long hyphen chain are cut out only when a name could follow it.
        if token.isalpha() and not first_ok(token):
            continue
        after = rest.match(text, word.end())
        if after is None:
            continue
        for start in _FIRST_START.finditer(text, word.start(), word.end()):
            first = text[start.start() : word.end()]
            if first_ok(first):
                yield start.start(), first, after


EVIDENCE = Evidence.LEXICON


def full_name(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for start, first, m in _pairs(ctx.text, _FULL_REST, lx.is_first_name):
        last = m.group("last")
        style = ctx.styles.at(start)
        if first.istitle() != last.istitle() or first.isupper() != last.isupper():
            continue
        if style == "mixed" and not first[:1].isupper():
            continue
        if not lx.is_last_name(last):
            continue
        middle = m.group("mid")
        if w.blocked(first) or w.ends_name(last):
            continue
        if w.everyday(first) and not (middle and first.istitle() and last[:1].isupper()):
            continue
        if style != "mixed" and w.blocked(last):
            continue  # "ART LINE"
        strong_last = not w.everyday(last) and not w.blocked(last)
        if not strong_last and (
            (first.islower() and style == "mixed") or len(last) < 3 or style == "upper"
        ):
            continue  # "ASA HELD" in a note written in capitals
        out.append(Hit(start, m.end(), 0.6 if strong_last else 0.5, "census", evidence=EVIDENCE))
    return out


def initial_surname(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for m in _INITIAL_SURNAME.finditer(ctx.text):
        last = m.group("last")
        style = ctx.styles.at(m.start())
        if w.ends_name(last) or not lx.is_last_name(last):
            continue
        capitalised = last.istitle() or (last.isupper() and len(last) > 2)
        if (w.blocked(last) or w.everyday(last)) and not (capitalised and m.group()[:1].isupper()):
            continue
        if style == "mixed" and not last[:1].isupper():
            continue
        if len(last) < 3 and not (style == "mixed" and last.istitle()):
            continue
        out.append(Hit(m.start(), m.end(), 0.6, "initial_surname", evidence=EVIDENCE))
    return out


def first_rare(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    for start, first, m in _pairs(ctx.text, _RARE_REST, _in_first_names):
        last = m.group("last")
        style = ctx.styles.at(start)
        if style == "mixed" and not (first[:1].isupper() and last[:1].isupper()):
            continue
        if style != "mixed" and (first.isupper() != last.isupper()):
            continue
        if w.everyday(first):
            continue
        if w.blocked(last) or len(last) < 3 or lx.zipf(last) >= 2.5:
            continue
        if is_credential(last) or (last.isupper() and not first.isupper()):
            continue
        out.append(Hit(start, m.end(), 0.5, "first_rare", evidence=EVIDENCE))
    return out


def _in_first_names(word: str) -> bool:
    return word.lower() in lx.first_names()
