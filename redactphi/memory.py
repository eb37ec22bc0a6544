"""Patient memory: what was found in one note of a patient is redacted in all of them.

Notes of one patient processed together (``Redactor.analyze_many``/``redact_many`` with
``patient_keys``) share what was found: a relative named once with a clear cue and then by first
name alone in the next day's note, an MRN written in a header once and bare in a later note.

What is remembered follows the in-note propagation rule (``recognizers/names/propagation.py``):

- a name word no dictionary knows ("Okafor") is recalled in any letter case;
- an everyday word that is also a name ("Rose", "Bill") is recalled only capitalised, and only
  when a strong cue (score >= 0.7: header, title, credential, kinship word) found it;
- identifiers with a digit (MRN, account, plan, SSN, phone, ...) are recalled as whole tokens.
"""

from __future__ import annotations

import regex

from redactphi.models import EntityType, Evidence, Finding, category_of
from redactphi.models.entities import Category
from redactphi.recognizers.names._context import SpanCover
from redactphi.recognizers.names._recall import recallable
from redactphi.recognizers.names._tokens import TOKEN
from redactphi.recognizers.names._words import WordTests

RECOGNIZER = "PatientMemory"
SCORE = 0.5
MIN_ID_LENGTH = 4
_ID_CATEGORIES = (Category.ID, Category.CONTACT)


class PatientMemory:
    """Everything one patient's notes revealed, and where it recurs in each of them."""

    def __init__(self, words: WordTests) -> None:
        self.words = words
        self.rare: set[str] = set()
        self.capitalised: set[str] = set()
        self.identifiers: dict[str, str] = {}  # value -> entity type

    def learn(self, text: str, findings: list[Finding]) -> None:
        names = [(f.start, f.end, f.score) for f in findings if f.entity_type == EntityType.NAME]
        rare, capitalised = recallable(text, names, self.words, keep_blocked_names=False)
        self.rare |= rare
        self.capitalised |= capitalised
        for f in findings:
            if category_of(f.entity_type) in _ID_CATEGORIES:
                value = text[f.start : f.end].strip()
                if len(value) >= MIN_ID_LENGTH and any(c.isdigit() for c in value):
                    self.identifiers.setdefault(value, f.entity_type)

    def recall(self, text: str, findings: list[Finding]) -> list[Finding]:
        """New findings in ``text`` for what this patient's notes revealed elsewhere."""
        covered = SpanCover((f.start, f.end) for f in findings)
        out: list[Finding] = []

        def add(start: int, end: int, entity_type: str) -> None:
            if not covered.covers(start, end):
                out.append(
                    Finding(start, end, entity_type, SCORE, RECOGNIZER, evidence=Evidence.MEMORY)
                )

        if self.rare or self.capitalised:
            for tok in TOKEN.finditer(text):
                word = tok.group().rstrip(".")
                key = word.lower()
                if key in self.rare or (key in self.capitalised and word.istitle()):
                    add(tok.start(), tok.start() + len(word), EntityType.NAME.value)
        for value, entity_type in self.identifiers.items():
            for m in regex.finditer(rf"(?<![\w-]){regex.escape(value)}(?![\w-])", text):
                add(m.start(), m.end(), entity_type)
        return out
