"""The learned layer as a Presidio recognizer: the CRF tagger over spaCy's tokens.

Reads the ``Doc`` the engine's NLP pass already produced (no second tokenisation). Each span
whose tokens' PHI probability reaches the threshold (chosen by cross-validation, stored in the
model card) becomes a result scored between 0.4 and 0.55: above the engine's threshold, below
``allowlist.STRONG``, so the allow layer judges tagger spans like any weak evidence (codes,
eponyms, clinical words) and a rule's stronger type wins the merge.

Two look-alike classes are dropped here, because a sequence model over shapes is prone to
them: a name made only of clinical or function words, and an organism written as a capital
initial and a lower-case epithet in a note that is not lower case ("E. coli", "S. aureus").
"""

from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EVIDENCE_KEY, EntityType, Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.tagger.features import doc_tokens
from redactphi.tagger.model import PhiTagger, TaggedSpan

_ORGANISM = regex.compile(r"^\p{Lu}(?:\.\s*|\s+)\p{Ll}{3,}$")
_WORD = regex.compile(r"[\p{L}'’]+")
_DIGIT_WORD = regex.compile(r"\S*\d")
# Below most rules' scores, so a rule's type wins a merge; above the engine's 0.35.
LOW_SCORE = 0.4
HIGH_SCORE = 0.55
# Dates, numbers and contacts stay with the rules: their validators keep pain scores,
# fractions and impossible dates, which the tagger's shapes confuse with PHI.
USED_CATEGORIES = frozenset({"NAME", "LOCATION"})
# A lower-case word this frequent in English is a word, not part of a name ("peach", "trip").
PLAIN_WORD_ZIPF = 3.0


def entity_type(category: str, value: str) -> str:
    """The redactphi entity type for a tagger category, by the value's shape where needed."""
    if category == "CONTACT":
        if "@" in value:
            return EntityType.EMAIL.value
        if "://" in value or value.lower().startswith("www."):
            return EntityType.URL.value
        return EntityType.PHONE.value
    if category == "ID":
        return EntityType.OTHER_ID.value
    if category == "LOCATION":
        if any(c.isdigit() for c in value):
            return EntityType.ADDRESS.value
        return (
            EntityType.CITY.value if value.lower() in lx.us_cities() else EntityType.FACILITY.value
        )
    return category  # NAME, DATE, AGE are entity types too


def keep_span(text: str, span: TaggedSpan, lower_note: bool) -> bool:
    """True when the span is a look-alike the tagger must not redact, or of a category it
    leaves to the rules. ``lower_note`` is ``text.islower()``, read once by the caller for all
    its spans (it reads the whole note)."""
    value = text[span.start : span.end]
    if span.category not in USED_CATEGORIES or not any(c.isalnum() for c in value):
        return True
    if value.lower() in lx.us_states() or value.lower() in lx.countries():
        return True  # a state or a country alone is kept under Safe Harbor
    if _inside_hyphenated(text, span.start, span.end):
        return True  # a piece of one word: "Jackson" of "Jackson-Pratt drain"
    if span.category == "LOCATION" and any(c.isdigit() for c in value):
        return True  # addresses and ZIP codes are the rules' (a bare number may be a code)
    if span.category == "NAME":
        if _ORGANISM.match(value) and not lower_note:
            return True
        words = [w.lower().strip("'’") for w in _WORD.findall(value)]
        words = [w for w in words if len(w) > 1]
        if words and all(lx.is_clinical(w) or w in lx.function_words() for w in words):
            return True
        raw = [w.strip("'’") for w in _WORD.findall(value) if len(w) > 1]
        if len(raw) > 1 and all(_place_or_word(w) for w in raw) and not lower_note:
            return True  # "Georgia peach", "Ireland trip": a place and a plain word
    return False


def _inside_hyphenated(text: str, start: int, end: int) -> bool:
    after = text[end : end + 2]
    before = text[max(0, start - 2) : start]
    return (len(after) == 2 and after[0] == "-" and after[1].isalpha()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha()
    )


def _place_or_word(word: str) -> bool:
    w = word.lower()
    if w in lx.us_states() or w in lx.countries():
        return True
    # Name parts are capitalised; a lower-case English word in a mixed-case note is a word.
    return word.islower() and lx.zipf(w) >= PLAIN_WORD_ZIPF


def trim(text: str, span: TaggedSpan, lower_note: bool) -> TaggedSpan:
    """Drops everyday lower-case words at the end of a span ("Angel system") unless the whole
    note is lower case (``lower_note``, as for ``keep_span``)."""
    end = span.end
    if span.category == "NAME":
        # Names hold no digits: a code glued to a name ("Bill 0263T") is cut off.
        digit = _DIGIT_WORD.search(text[span.start : end])
        if digit:
            end = span.start + digit.start()
    if span.category == "LOCATION":
        # A state after a town is not PHI: "Dover Delaware" -> "Dover".
        words = list(_WORD.finditer(text, span.start, end))
        if len(words) > 1 and words[-1].group().lower() in lx.us_states():
            end = words[-1].start()
    if lower_note:
        return TaggedSpan(
            span.start, _rstrip(text, span.start, end), span.category, span.probability
        )
    for m in reversed(list(_WORD.finditer(text, span.start, end))):
        word = m.group()
        if m.start() == span.start or not word.islower() or not lx.is_everyday_word(word):
            break
        end = m.start()
    return TaggedSpan(span.start, _rstrip(text, span.start, end), span.category, span.probability)


def _rstrip(text: str, start: int, end: int) -> int:
    return start + len(text[start:end].rstrip(" \t\n,;:-#"))


def scored(span: TaggedSpan, threshold: float) -> float:
    """Maps probability [threshold, 1] onto [LOW_SCORE, HIGH_SCORE]."""
    room = max(1e-9, 1.0 - threshold)
    share = min(1.0, max(0.0, (span.probability - threshold) / room))
    return round(LOW_SCORE + (HIGH_SCORE - LOW_SCORE) * share, 4)


class ClinicalTaggerRecognizer(EntityRecognizer):
    """PHI spans from the shipped CRF; the model loads (and is hash-checked) at construction."""

    name: str

    def __init__(self, tagger: PhiTagger | None = None) -> None:
        self.tagger = tagger or PhiTagger()
        super().__init__(
            supported_entities=[
                EntityType.NAME.value,
                EntityType.DATE.value,
                EntityType.AGE.value,
                EntityType.OTHER_ID.value,
                EntityType.PHONE.value,
                EntityType.EMAIL.value,
                EntityType.URL.value,
                EntityType.ADDRESS.value,
                EntityType.FACILITY.value,
            ],
            name="ClinicalTaggerRecognizer",
            supported_language="en",
            version=self.tagger.version,
        )

    def load(self) -> None:
        pass

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None or nlp_artifacts.tokens is None:
            # Fail closed: without the NLP pass there is nothing to tag, and silence would
            # look like a clean note.
            raise ValueError("the tagger needs the engine's NLP artifacts")
        results = []
        lower_note = text.islower()  # once: asked of every span, it reads the whole note
        for span in self.tagger.tag(text, doc_tokens(nlp_artifacts.tokens, text)):
            span = trim(text, span, lower_note)
            if keep_span(text, span, lower_note):
                continue
            score = scored(span, self.tagger.threshold)
            etype = entity_type(span.category, text[span.start : span.end])
            results.append(
                RecognizerResult(
                    entity_type=etype,
                    start=span.start,
                    end=span.end,
                    score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                        EVIDENCE_KEY: Evidence.MODEL,
                    },
                )
            )
        return results
