"""spaCy's PERSON entities, checked against everyday words and clinical terms. Score 0.55.

In mixed-case text every word must be capitalised and at least one a real name word, so that
"Follow Wean" or "Cool Neb" stay; in one-case text every word must pass the weak-cue test.
"""

from __future__ import annotations

from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers.names._context import Context, Hit

SCORE = 0.55
EVIDENCE = Evidence.MODEL


def find(ctx: Context, artifacts: NlpArtifacts | None) -> list[Hit]:
    if artifacts is None:
        return []
    out = []
    w = ctx.words
    for ent in artifacts.entities:
        if ent.label_ != "PERSON":
            continue
        style = ctx.styles.at(ent.start_char)
        words = [t for t in ent if t.is_alpha]
        if not words or any(w.blocked(t.text) for t in words):
            continue
        if style == "mixed":
            if not all(t.text[:1].isupper() for t in words):
                continue
            if len(words) == 1 and w.everyday(words[0].text):
                continue
            if not any(
                lx.is_first_name(t.text) or (lx.is_name_word(t.text) and not w.everyday(t.text))
                for t in words
            ):
                continue
        elif not all(w.weak_ok(t.text) for t in words):
            continue
        out.append(
            Hit(
                words[0].idx, words[-1].idx + len(words[-1].text), SCORE, "spacy", evidence=EVIDENCE
            )
        )
    return out
