"""A name followed by its relation in parentheses: ``Maria (daughter)``, ``R. Okafor (husband)``,
``okafor, rudolf (pt's son)``, ``Ellen Ray (HCP)``.

Evidence: a kinship or proxy word alone in parentheses right after one to three name-like words.
Score 0.85, role RELATIVE.
"""

from __future__ import annotations

import regex

from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._read_back import names_before
from redactphi.recognizers.names._tokens import INITIAL, KIN, WORD
from redactphi.vocabulary import Role

SCORE = 0.85
ROLE = Role.RELATIVE
_NAME = rf"(?:{INITIAL}[ \t]?)?{WORD}(?:[ \t]*,?[ \t]+(?:{INITIAL}|{WORD})){{0,2}}"
# The relation is found first and the name read back from it: a pattern that starts at every
# word of the note fails at nearly all of them.
_RELATION = regex.compile(
    r"(?<=[\p{L}'’.])[ \t]*\([ \t]*(?i:(?:pt'?s|patient'?s|her|his)[ \t]+)?"
    rf"(?i:{KIN})[ \t]*\)"
)
_NAME_BEFORE = regex.compile(rf"(?P<name>{_NAME})\Z")
_WORD_AND_BLANKS = regex.compile(r"[^ \t]+[ \t]*")
# How far back from the relation a name may start: three words and an initial.
_LOOKBACK = 120


def find(ctx: Context) -> list[Hit]:
    out = []
    w = ctx.words
    text = ctx.text
    for m in names_before(text, _RELATION.finditer(text), _NAME_BEFORE, _LOOKBACK):
        words = [x.strip(",.") for x in m.group("name").split()]
        style = ctx.styles.at(m.start())
        # Keep only the trailing run of name-like words ("called Maria" -> "Maria").
        keep = 0
        for word in reversed(words):
            if not word or w.blocked(word) or w.ends_name(word):
                break
            if style == "mixed" and not word[:1].isupper():
                break
            if w.everyday(word) and not word[:1].isupper():
                break
            keep += 1
        if keep == 0:
            continue
        tail = words[-keep:]
        if all(len(x) == 1 for x in tail):
            continue  # an initial alone
        start = _start_of(m, len(words) - keep)
        out.append(Hit(start, m.end("name"), SCORE, "relation", ROLE))
    return out


def _start_of(m: regex.Match[str], skip: int) -> int:
    """Offset of the word after the first ``skip`` words of the name group."""
    text, pos = m.group("name"), 0
    for _ in range(skip):
        word = _WORD_AND_BLANKS.match(text, pos)
        assert word is not None
        pos = word.end()
    return m.start("name") + pos
