"""Credentials after a name: ``Lena Okafor, MD``, ``W. Quist CRNA``, ``kim lee, rn`` (lower notes).

Evidence: a credential written in capitals (in a lower-case note also ``, rn``), read backwards
over up to three name-like words. Score 0.9, strong.
"""

from __future__ import annotations

import regex

from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import (
    CREDENTIALS,
    INITIAL,
    PARTICLE_WORD,
    TOKEN,
    WORD,
)
from redactphi.vocabulary import people

SCORE = 0.9
# A blank run is entered at its first character (or where the search resumed) and crossed
# possessively, so a long run is read once rather than once per character.
_CREDENTIAL = regex.compile(rf"(?:,[ \t]*+|(?:(?<![ \t])|\G)[ \t]++)(?i:{CREDENTIALS})(?![A-Za-z])")
_WORD_BEFORE = regex.compile(rf"(?:{INITIAL}|{WORD})[ \t]*$")
_NOT_AFTER = regex.compile(r"[ \t]+not\b")
_INITIAL_OR_WORD = regex.compile(rf"{INITIAL}|{WORD}")
_WORD_BLANKS_END = regex.compile(rf"({WORD})[ \t]+(?:\p{{L}}\.?[ \t]+)?$")


def find(ctx: Context) -> list[Hit]:
    out = []
    text = ctx.text
    for m in _CREDENTIAL.finditer(text):
        # Credentials are written in capitals; "do" or "pt" in prose are words.
        cred = m.group().strip(" ,\t")
        style = ctx.styles.at(m.start())
        if not cred[:1].isupper() and not (
            style == "lower"
            and m.group().lstrip().startswith(",")
            and cred in people.credentials("lower")
            and not _NOT_AFTER.match(text[m.end() : m.end() + 5])
        ):
            continue
        tokens = _name_before(ctx, m.start(), style)
        if tokens:
            last_tok = TOKEN.match(text, tokens[0])
            assert last_tok is not None
            out.append(Hit(tokens[-1], last_tok.end(), SCORE, "credential", strong=True))
    return out


def _name_before(ctx: Context, end: int, style: str) -> list[int]:
    """Starts of the name words before a credential, nearest first."""
    text, w = ctx.text, ctx.words
    tokens: list[int] = []
    pos = end
    while len(tokens) < 3:
        prev = _WORD_BEFORE.search(text[max(0, pos - 40) : pos])
        if not prev:
            break
        s = max(0, pos - 40) + prev.start()
        word = prev.group().strip().rstrip(".")
        # In one-case text a word before a credential must look like a name:
        # "MEDICATION, RN" or "2 LITERS NP" are not people.
        capitalised = word.istitle() and style == "lower"
        if (
            style != "mixed"
            and len(word) > 1
            and not capitalised
            and not (lx.is_name_word(word) or lx.zipf(word) < 2.5)
        ):
            break
        if style == "mixed" and len(word) > 1 and word.isupper() and w.everyday(word):
            break
        # A one-letter token is an initial only when it stands alone ("J."), not the
        # end of a word before a full stop ("COAGS.").
        if len(word) == 1 and s > 0 and text[s - 1].isalpha():
            break
        if len(word) > 1 and prev.group().strip().endswith("."):
            break
        if PARTICLE_WORD.fullmatch(word) and tokens:
            tokens.append(s)
            pos = s
            continue
        if (style == "mixed" and not word[:1].isupper()) or w.ends_name(word):
            break
        if lx.is_clinical(word) and not _beside_first_name(text, s):
            break
        if not tokens and len(word) == 1:
            break
        tokens.append(s)
        pos = s
        if text[max(0, s - 1) : s] not in {" ", "\t"}:
            break
    if tokens and style != "mixed":
        # In one-case text everyday words ("CARE RN", "TELL RN") are names only beside
        # a first name, an initial or a word no dictionary knows.
        words = [_INITIAL_OR_WORD.match(text, t) for t in tokens]
        if all(
            m is not None
            and len(m.group()) > 2
            and w.everyday(m.group())
            and not lx.is_first_name(m.group())
            for m in words
        ):
            return []
    return tokens


def _beside_first_name(text: str, start: int) -> bool:
    """A clinical word is a surname next to a first name: "Kevin J. Hand", "Suzanne Graves"."""
    before = _WORD_BLANKS_END.search(text[max(0, start - 30) : start])
    if not before:
        return False
    word = before.group(1)
    return lx.is_first_name(word) or (
        word.istitle() and not lx.is_name_word(word) and lx.zipf(word) < 3
    )
