"""Token features for the PHI tagger, shared by training and tagging.

A token is described by its own form (lower case, shape, affixes, casing), what the project's
lexicons say of it (census first name or surname, everyday-English frequency, clinical term,
function word, US place, month), its neighbours within two tokens, and where it sits on its
line. Word identity is one feature among many: training re-surrogates every PHI span, so the
weights that matter are those of contexts and word classes, not of particular names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from spacy.attrs import IDX, IS_SPACE, LENGTH

from redactphi.recognizers import lexicons as lx
from redactphi.vocabulary.dates import month_numbers

# Longest sequence given to the CRF at once; longer notes are cut at line ends.
MAX_SEQUENCE = 400
# Month names and their abbreviations ("sept" too), from the names rules' one month table.
_MONTHS = frozenset(month_numbers())
_SHAPE_UPPER = re.compile(r"[A-Z]")
_SHAPE_LOWER = re.compile(r"[a-z]")
_SHAPE_DIGIT = re.compile(r"[0-9]")
_SQUEEZE = re.compile(r"(.)\1+")


# Distinct words each per-word cache below keeps (least recently used go first). Every unseen
# word (a name, an id) costs about 5.6 KB across them, so 200,000 had grown a long-running
# service by ~900 MiB; 25,000 words cover all of 1,450 ICU notes (19,511 distinct tokens) and
# about 97% of a Zipfian text's tokens, for at most ~140 MiB.
CACHED_WORDS = 25_000


class Token(NamedTuple):
    """A non-space token: its text, character offsets, and whether a line break precedes it.

    A named tuple: a note has thousands, and a tuple is several times cheaper to build.
    """

    text: str
    start: int
    end: int
    line_start: bool


def shape(word: str) -> str:
    s = _SHAPE_DIGIT.sub("d", _SHAPE_LOWER.sub("x", _SHAPE_UPPER.sub("X", word)))
    return s if len(s) <= 8 else s[:8] + "+"


@functools.lru_cache(maxsize=CACHED_WORDS)
def short_shape(word: str) -> str:
    return _SQUEEZE.sub(r"\1", shape(word).rstrip("+"))


def casing(word: str) -> str:
    if not any(c.isalpha() for c in word):
        return "digit" if any(c.isdigit() for c in word) else "punct"
    if word.isupper():
        return "upper" if len(word) > 1 else "cap1"
    if word.islower():
        return "lower"
    if word[0].isupper() and word[1:].islower():
        return "title"
    return "mixed"


@functools.lru_cache(maxsize=CACHED_WORDS)
def word_features(word: str) -> tuple[str, ...]:
    """Features of the word alone (cached: notes repeat their words)."""
    lower = word.lower()
    alpha = lower.strip(".'’-")
    feats = [
        "w=" + lower,
        "sh=" + shape(word),
        "ssh=" + short_shape(word),
        "case=" + casing(word),
        "len=" + str(min(len(word), 8)),
        "p1=" + lower[:1],
        "p2=" + lower[:2],
        "s2=" + lower[-2:],
        "s3=" + lower[-3:],
    ]
    if alpha.isalpha():
        feats.append(f"z={int(lx.zipf(alpha))}")
        if lx.is_first_name(alpha):
            feats.append("fn")
            if alpha in lx.common_first_names():
                feats.append("cfn")
        if lx.is_last_name(alpha):
            feats.append("ln")
        if lx.is_clinical(alpha):
            feats.append("clin")
        if alpha in lx.function_words():
            feats.append("func")
        if lx.is_everyday_word(alpha):
            feats.append("everyday")
        if alpha in _MONTHS:
            feats.append("month")
        if alpha in lx.us_cities():
            feats.append("city")
        if alpha in lx.us_states():
            feats.append("state")
        if len(alpha) == 1:
            feats.append("initial")
    elif any(c.isdigit() for c in word):
        digits = sum(c.isdigit() for c in word)
        feats.append(f"nd={min(digits, 11)}")
        if word.isdigit():
            value = int(word) if len(word) <= 4 else 10_000
            feats.append(
                "num="
                + (
                    "le12"
                    if value <= 12
                    else "le31"
                    if value <= 31
                    else "le89"
                    if value < 90
                    else "ge90"
                    if value < 200
                    else "yr"
                    if 1900 <= value <= 2100
                    else "big"
                )
            )
    return tuple(feats)


# Neighbour features: a subset of the word's own, prefixed by the offset.
_NEIGHBOUR_KEEP = ("w=", "ssh=", "case=", "fn", "cfn", "ln", "clin", "func", "month", "initial")


_OFFSETS = (-2, -1, 1, 2)


@functools.lru_cache(maxsize=CACHED_WORDS * len(_OFFSETS))
def _neighbour(word: str, off: int) -> tuple[str, ...]:
    return tuple(f"{off}:{f}" for f in word_features(word) if f.startswith(_NEIGHBOUR_KEEP))


# Per word: its own features, then its features as the neighbour at -2, -1, +1 and +2.
WordView = tuple[tuple[str, ...], ...]
EncodedView = tuple[tuple[bytes, ...], ...]
# A feature as CRFsuite reads it: text, or the same text as UTF-8 (see KnownFeatures).
Feature = str | bytes


def sequence_features(
    tokens: Sequence[Token], note_upper: bool, known: KnownFeatures | None = None
) -> list[list[Feature]]:
    """One feature list per token; with ``known``, only the features the model has weights for
    (a word's own and neighbour features then come as bytes)."""
    n = len(tokens)
    words = [t.text for t in tokens]
    lowers = [w.lower() for w in words]
    kept = known.known if known is not None else None
    # Each token's line number, index within its line and the first word of its line.
    line_no: list[int] = []
    line_pos: list[int] = []
    line_head: list[str] = []
    line = pos = 0
    head = ""
    for i, tok in enumerate(tokens):
        if i == 0 or tok.line_start:
            line += 1
            pos = 0
            head = "head=" + lowers[i]
        line_no.append(line)
        line_pos.append(pos)
        line_head.append(head)
        pos += 1
    # A word's own and neighbour features are cached per word; here they are only gathered.
    view: Any = known.view if known is not None else _view
    views: list[WordView | EncodedView] = [view(w) for w in words]
    upper_feats = ("NOTEUPPER",) if note_upper and (kept is None or "NOTEUPPER" in kept) else ()
    eol = ("eol",) if kept is None or "eol" in kept else ()
    out: list[list[Feature]] = []
    for i in range(n):
        feats: list[Feature] = ["bias", *views[i][0], _LINE_POS[min(line_pos[i], 4)]]
        if i == n - 1 or line_no[i + 1] != line_no[i]:
            feats.extend(eol)
        if line_pos[i] > 0 and (kept is None or line_head[i] in kept):
            feats.append(line_head[i])
        feats.extend(upper_feats)
        if i > 0 and tokens[i - 1].end == tokens[i].start:
            feats.append("glued")
        for off, side, br, edge in _SIDES:
            j = i + off
            if 0 <= j < n:
                # Context across a line break is weaker: mark the break.
                if line_no[j] != line_no[i]:
                    feats.append(br)
                feats.extend(views[j][side])
            else:
                feats.append(edge)
        if 0 < i < n - 1:
            both = f"-1|+1={lowers[i - 1]}|{lowers[i + 1]}"
            if kept is None or both in kept:
                feats.append(both)
        if i > 0:
            pair = f"-1|0={lowers[i - 1]}|{short_shape(words[i])}"
            if kept is None or pair in kept:
                feats.append(pair)
        out.append(feats)
    return out


@functools.lru_cache(maxsize=CACHED_WORDS)
def _view(word: str) -> WordView:
    return (word_features(word), *(_neighbour(word, off) for off in _OFFSETS))


class KnownFeatures:
    """The features a trained model has weights for.

    CRFsuite ignores an attribute it has no weight for, so leaving those out changes no score;
    it saves building and converting about a fifth of the strings. A word's features are kept
    as UTF-8 bytes, which pycrfsuite takes as they are: it encodes a str on every call, and
    most of a token's features are its own and its neighbours' words'.
    """

    def __init__(self, known: frozenset[str]) -> None:
        self.known = known
        self.view = functools.lru_cache(maxsize=CACHED_WORDS)(self._view)

    def _view(self, word: str) -> EncodedView:
        return tuple(tuple(f.encode() for f in part if f in self.known) for part in _view(word))


# Per neighbour offset: its place in a WordView and its line-break and edge markers.
_SIDES = tuple((off, k + 1, f"{off}:br", f"{off}:edge") for k, off in enumerate(_OFFSETS))
_LINE_POS = tuple(f"lp={k}" for k in range(5))


def is_upper_note(text: str) -> bool:
    head = text[:5000]
    letters = sum(map(str.isalpha, head))
    return letters > 0 and sum(map(str.isupper, filter(str.isalpha, head))) > 0.8 * letters


def chunks(tokens: Sequence[Token], limit: int = MAX_SEQUENCE) -> list[tuple[int, int]]:
    """(start, end) token ranges of at most about ``limit`` tokens, cut at line starts."""
    out: list[tuple[int, int]] = []
    begin = 0
    last_break = 0
    for i, tok in enumerate(tokens):
        if tok.line_start and i > begin:
            last_break = i
        if i - begin >= limit:
            cut = last_break if last_break > begin else i
            out.append((begin, cut))
            begin = cut
    if begin < len(tokens):
        out.append((begin, len(tokens)))
    return out


def doc_tokens(doc: Any, text: str | None = None) -> list[Token]:
    """Non-space tokens of a spaCy ``Doc``, each marked when a line break precedes it.

    Reads the token table as one array: building a Python ``Token`` per word costs more than
    the tagging that follows.
    """
    if text is None:
        text = doc.text
    table = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist()
    out: list[Token] = []
    prev_end = 0
    for start, length, is_space in table:
        if is_space:
            continue
        end = start + length
        line_start = not out or text.find("\n", prev_end, start) >= 0
        out.append(Token(text[start:end], start, end, line_start))
        prev_end = end
    return out
