"""Header fields: ``Surgeon: Lena Okafor, MD``, ``Patient: OKAFOR, ADAEZE N``.

Evidence: a label from ``vocabulary/data/roles.toml`` at the start of a line (or after a tab, a wide
gap or a bar) followed by a separator; the label gives the person's role. Score 0.95, strong.
"""

from __future__ import annotations

import functools

import regex

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit
from redactphi.recognizers.names._tokens import (
    CREDENTIALS,
    LAST_FIRST,
    MONTHS,
    PARTICLE_WORD,
    TOKEN,
    is_credential,
)
from redactphi.vocabulary.roles import header_roles, strict_header_labels

SCORE = 0.95
EVIDENCE = Evidence.HEADER
# One person per part of a field: "Assistant: Ann Lee, PA-C; Tom Ray, RN".
_FIELD_PART = regex.compile(r"[^;/|&]+")
_CREDENTIAL_AFTER = regex.compile(rf"[ \t]*,?[ \t]*(?:{CREDENTIALS})\b")


@functools.cache
def _pattern() -> regex.Pattern[str]:
    labels = sorted(
        (regex.escape(k).replace(r"\ ", " ").replace(" ", r"[ \t]+") for k in header_roles()),
        key=len,
        reverse=True,
    )
    return regex.compile(
        # A label starts a line, or follows a bar or a blank run other than one space. The run
        # is entered at its first character only (or where the search resumed) and crossed
        # possessively: a long run of blanks is read once, not once per character.
        r"(?imV1)(?:^[>*\-•]*+|\|[ \t]*+[>*\-•]*+|(?:(?<![ \t])|\G)(?=\t|[ ][ \t])[ \t]++"
        # bullets right after a tab or two spaces: "\t- Surgeon:" but not "\t -Surgeon:"
        r"(?:(?<=\t|[ ]{2})[>*\-•]++)?)[ \t]*+(?P<label>"
        + "|".join(labels)
        + r")(?:\s*\([^)\n]{0,20}\))?(?:[ \t]*(?:[:#=]|-{1,2}(?=\s))[ \t]*|\t+|[ \t]{2,}|(?<=by)[ \t]+|[ \t]+(?=(?:(?i:van|von|de|del|della|der|la|le|du|da|di)[ \t]+)*\p{L}[\p{L}'’\-]+,[ \t]*\p{L}))"
        # EHR exports pad fields: "SMITH ,  JOHN  M" is one value; two spaces end it otherwise.
        r"(?P<value>[^\n\t|]{1,120}?)(?<!,)(?=[ ]{2,}+(?!(?:,|\p{L}\.?(?:[ ]{2,}|\t|\r|$)))|\t|\||\r|$)"
    )


def find(ctx: Context) -> list[Hit]:
    out = []
    roles = header_roles()
    for m in _pattern().finditer(ctx.text):
        label = " ".join(m.group("label").lower().split())
        role = roles.get(label)
        vstart = m.start("value")
        # Fields whose values are often not people ("Anesthesia: General", "Assist: none").
        strict = label.startswith(strict_header_labels())
        # Several people in one field: "Assistant: Ann Lee, PA-C; Tom Ray, RN"
        for part in _FIELD_PART.finditer(m.group("value")):
            span = header_name(ctx, vstart + part.start(), vstart + part.end(), strict)
            if span:
                out.append(
                    Hit(span[0], span[1], SCORE, "header", role, strong=True, evidence=EVIDENCE)
                )
    return out


def header_name(ctx: Context, start: int, end: int, strict: bool = True) -> tuple[int, int] | None:
    seg = ctx.text[start:end]
    offset = start + (len(seg) - len(seg.lstrip()))
    lf = LAST_FIRST.match(ctx.text, offset, end)
    if lf and _plausible(ctx, lf.start(), lf.end(), True, strict):
        return lf.start(), lf.end()
    span = ctx.name_run(offset, end, max_tokens=5, style="any", strong=True)
    if span and _plausible(ctx, span[0], span[1], False, strict):
        return span
    return None


def _plausible(ctx: Context, start: int, end: int, last_first: bool, strict: bool) -> bool:
    """A header value is a name, not "General endotracheal" or "MAC with local"."""
    w = ctx.words
    tokens = [
        t.group().rstrip(".")
        for t in TOKEN.finditer(ctx.text, start, end)
        if not PARTICLE_WORD.fullmatch(t.group())
    ]
    words = [t for t in tokens if len(t) > 1]
    if not words:
        return len(tokens) >= 2  # initials only: "Transcribed by: n.n."
    if any(
        w.ends_name(t) and t.lower() not in MONTHS and not (last_first and lx.is_first_name(t))
        for t in words
    ):
        return False
    if is_credential(words[-1]):
        return False
    named = [t for t in words if lx.is_name_word(t)]
    clinical = [t for t in words if lx.is_clinical(t)]
    if clinical and (
        (len(clinical) == len(words) and not any(lx.is_first_name(t) for t in words))
        or (strict and not last_first)
    ):
        return False
    if last_first:
        return bool(named) or all(lx.zipf(t) < 3.0 for t in words)  # not "ALERT, ORIENTED"
    followed_by_credential = bool(_CREDENTIAL_AFTER.match(ctx.text[end : end + 12]))
    return (
        bool(named)
        or followed_by_credential
        or (len(words) >= 2 and all(t[:1].isupper() for t in words))
    )
