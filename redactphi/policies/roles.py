"""Role placeholders for names: ``[SURGEON]``, ``[ASSISTANT]``, ``[PATIENT]``, ``[PROVIDER_2]``.

A name's role comes from the finding (the recognizer saw a header field such as ``Surgeon:``) or,
when that is missing, from the words just before it on the same line or in the same sentence
(``Assistant:``, ``anesthesia by``, ``referred by``, ``Mrs.``), or from a credential after it
(``, MD``, ``CRNA``). Mentions of one person (same full name, or the same surname) are linked, so
one person keeps one placeholder throughout the note. Providers without a known role become
``PROVIDER_2``, ``PROVIDER_3`` ... (``PROVIDER_1`` is implicitly the surgeon), anyone else
``PERSON_1``, ``PERSON_2`` ...
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from redactphi.models import Finding
from redactphi.vocabulary import people
from redactphi.vocabulary.roles import Role, prose_labels

PATIENT = Role.PATIENT
SURGEON = Role.SURGEON
ASSISTANT = Role.ASSISTANT
ANESTHESIA = Role.ANESTHESIA
REFERRING = Role.REFERRING
PROVIDER = Role.PROVIDER
PERSON = Role.PERSON
KNOWN_ROLES = (PATIENT, SURGEON, ASSISTANT, ANESTHESIA, REFERRING)
_PROVIDER_ROLES = (SURGEON, ASSISTANT, ANESTHESIA, REFERRING)

# Label phrases before a name (vocabulary/data/roles.toml, "prose"). The label ending closest to
# the name wins; among labels ending at the same place the longest wins, so "assistant surgeon"
# beats "surgeon".
_LABEL_RE = [
    (role, re.compile(rf"\b(?:{pattern})(?![\w-])", re.IGNORECASE))
    for role, pattern in prose_labels()
]
_COURTESY_WORDS = people.words_pattern(people.titles(courtesy=True))
_COURTESY = re.compile(rf"\b(?:{_COURTESY_WORDS})\.?\s*$", re.IGNORECASE)
_COURTESY_START = re.compile(rf"\s*(?:{_COURTESY_WORDS})\b", re.IGNORECASE)
# Credentials are written in capitals; matching case keeps "do" and "pa" in prose out.
_CREDENTIAL = re.compile(rf"^[\s,]*\(?\s*(?P<cred>{people.role_credential_pattern()})(?![\w-])")
_PROVIDER_TITLE = re.compile(
    rf"\b(?:{people.words_pattern(people.provider_titles())})\b\.?", re.IGNORECASE
)
_PROVIDER_SUFFIX = re.compile(
    rf",?\s*\b(?:{people.credential_span_pattern()})\b\.?\s*$", re.IGNORECASE
)
_TITLES = people.titles()
_AFFIXES = people.name_affixes()
_CREDENTIAL_ROLES = people.credential_roles()
_SENTENCE_END = re.compile(r"[.!?]\s+|[;\n]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_LOOKBACK = 80


@dataclass(frozen=True, slots=True)
class NameParts:
    """Comparable parts of a written name (case-folded, titles and credentials removed)."""

    first: str | None
    surname: str | None
    provider_title: bool  # "Dr." or a credential inside the span


def parse_name(text: str) -> NameParts:
    """Split a written name: ``John A. Smith``, ``SMITH, JOHN A``, ``Dr. Smith``, ``J. Smith``."""
    cleaned = re.sub(r"['’]s\b", "", text)
    provider = bool(_PROVIDER_TITLE.search(cleaned) or _PROVIDER_SUFFIX.search(cleaned))
    if "," in cleaned:
        before, _, after = cleaned.partition(",")
        after_words = _words(after)
        before_words = _words(before)
        if before_words and after_words:
            return NameParts(after_words[0], before_words[-1], provider)
        if before_words:
            cleaned = before
    words = _words(cleaned)
    if not words:
        return NameParts(None, None, provider)
    if len(words) == 1:
        return NameParts(None, words[0], provider)
    return NameParts(words[0], words[-1], provider)


def _words(text: str) -> list[str]:
    out = []
    for match in _WORD.finditer(text):
        word = match.group(0).casefold()
        bare = word.replace(".", "").replace("-", "")
        if bare in _AFFIXES:
            continue
        out.append(word)
    return out


def _first_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return True
    if a == b:
        return True
    # an initial matches a first name that starts with it
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


@dataclass
class _Person:
    surname: str | None
    firsts: set[str] = field(default_factory=set)
    role: str | None = None
    strength: int = 0  # 3 header field, 2 label, 1 title/credential/courtesy, 0 none
    mentions: list[int] = field(default_factory=list)

    def accepts(self, parts: NameParts) -> bool:
        if parts.surname is None or parts.surname != self.surname:
            return False
        if parts.first is None or not self.firsts:
            return True
        return any(_first_compatible(parts.first, first) for first in self.firsts)


@dataclass(frozen=True, slots=True)
class _Mention:
    index: int
    parts: NameParts
    role: str | None
    strength: int


def infer_role(text: str, finding: Finding, previous_end: int = 0) -> tuple[str | None, int]:
    """Role and its strength for one NAME finding, from the finding or the text around it."""
    if finding.role:
        cleaned = re.sub(r"[^A-Z0-9_]", "", finding.role.upper())
        if cleaned:
            return cleaned, 3
    window = _window(text, finding.start, previous_end)
    label, provider_role = _labels(window)
    span_text = text[finding.start : finding.end]
    credential = _CREDENTIAL.match(text[finding.end : finding.end + 20])
    cred = credential.group("cred").replace(".", "").lower() if credential else None
    provider_evidence = cred is not None or parse_name(span_text).provider_title
    if label == PROVIDER and provider_role is not None:
        # "Referring physician: Dr. Weiss": the role word, not the title, says who this is
        return provider_role, 2
    if label is not None and label not in (PROVIDER, PATIENT, PERSON):
        return label, 2
    if cred in _CREDENTIAL_ROLES:  # "W. Quist, CRNA"
        return _CREDENTIAL_ROLES[cred], 2
    if label in (PATIENT, PERSON) and not provider_evidence:
        return label, 2
    if label == PROVIDER or provider_evidence:
        return PROVIDER, 1
    if _COURTESY.search(window) or _COURTESY_START.match(span_text):
        return PATIENT, 1
    return None, 0


def _window(text: str, start: int, previous_end: int) -> str:
    """Text before a name that may label it: same line and sentence, after the previous name."""
    lo = max(previous_end, start - _LOOKBACK, 0)
    line_start = text.rfind("\n", 0, start) + 1
    window = text[max(lo, line_start) : start]
    if not window.strip() and line_start > 0 and previous_end < line_start:
        # "SURGEON:\n    John Smith": a label line ending in a colon labels the next line
        prev_line_end = line_start - 1
        prev_line_start = text.rfind("\n", 0, prev_line_end) + 1
        prev_line = text[max(prev_line_start, previous_end) : prev_line_end]
        if prev_line.rstrip().endswith(":"):
            return prev_line
    cut = 0
    for match in _SENTENCE_END.finditer(window):
        before = window[: match.start()]
        last_word = re.search(r"(\w+)$", before)
        # "Dr. Smith" and "J. Smith" do not end a sentence
        if (
            match.group(0)[0] == "."
            and last_word
            and (
                last_word.group(1).lower() in _TITLES | {"st", "jr", "sr", "vs"}
                or len(last_word.group(1)) == 1
            )
        ):
            continue
        cut = match.end()
    return window[cut:]


def _labels(window: str) -> tuple[str | None, str | None]:
    """The label closest to the name, and the closest provider-role label (surgeon, assistant,
    anesthesia, referring) anywhere in the window."""
    best: tuple[int, int, str] | None = None
    best_provider_role: tuple[int, int, str] | None = None
    for role, pattern in _LABEL_RE:
        for match in pattern.finditer(window):
            candidate = (match.end(), match.end() - match.start(), role)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
            if role in _PROVIDER_ROLES and (
                best_provider_role is None or candidate[:2] > best_provider_role[:2]
            ):
                best_provider_role = candidate
    return (best[2] if best else None), (best_provider_role[2] if best_provider_role else None)


def assign_placeholders(text: str, findings: Sequence[Finding]) -> dict[int, str]:
    """Placeholder role label (``SURGEON``, ``PROVIDER_2``, ...) for each NAME finding index."""
    mentions: list[_Mention] = []
    previous_end = 0
    for index, finding in enumerate(findings):
        if finding.entity_type != "NAME":
            continue
        role, strength = infer_role(text, finding, previous_end)
        previous_end = finding.end
        mentions.append(
            _Mention(index, parse_name(text[finding.start : finding.end]), role, strength)
        )

    persons: list[_Person] = []
    # Full names first, so that a bare surname links to the person already known.
    ordered = sorted(mentions, key=lambda m: (m.parts.first is None, m.index))
    for mention in ordered:
        person = _match(persons, mention)
        if person is None:
            person = _Person(mention.parts.surname)
            persons.append(person)
        if mention.parts.first:
            person.firsts.add(mention.parts.first)
        person.mentions.append(mention.index)
        if mention.strength > person.strength:
            person.role, person.strength = mention.role, mention.strength

    persons.sort(key=lambda p: min(p.mentions))
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    for person in persons:
        role = person.role if person.role and person.role != PERSON else PERSON
        counts[role] = counts.get(role, 0) + 1
        label = _label(role, counts[role])
        for index in person.mentions:
            out[index] = label
    return out


def _match(persons: list[_Person], mention: _Mention) -> _Person | None:
    parts = mention.parts
    if parts.surname is None:
        return None
    candidates = [p for p in persons if p.accepts(parts)]
    if not candidates and parts.first is None:
        # a lone word may be someone's first name ("Mary" after "Mary Jones")
        candidates = [p for p in persons if parts.surname in p.firsts]
        if len(candidates) != 1:
            return None
    if not candidates:
        return None
    if mention.role is not None:
        same_role = [p for p in candidates if p.role == mention.role]
        if same_role:
            return same_role[0]
    return candidates[0]


def _label(role: str, count: int) -> str:
    if role == PERSON:
        return f"{PERSON}_{count}"
    if role == PROVIDER:
        return f"{PROVIDER}_{count + 1}"
    return role if count == 1 else f"{role}_{count}"
