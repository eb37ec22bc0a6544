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

PATIENT = "PATIENT"
SURGEON = "SURGEON"
ASSISTANT = "ASSISTANT"
ANESTHESIA = "ANESTHESIA"
REFERRING = "REFERRING"
PROVIDER = "PROVIDER"
PERSON = "PERSON"
KNOWN_ROLES = (PATIENT, SURGEON, ASSISTANT, ANESTHESIA, REFERRING)
_PROVIDER_ROLES = (SURGEON, ASSISTANT, ANESTHESIA, REFERRING)

# Label phrases before a name. The label ending closest to the name wins; among labels ending at
# the same place the longest wins, so "assistant surgeon" beats "surgeon".
_LABELS: tuple[tuple[str, str], ...] = (
    (PATIENT, r"patient(?:'s)?(?:\s+name)?|pt\.?(?:\s+name)?|name\s+of\s+patient|patient\s+is"),
    (SURGEON, r"(?:co-?|primary\s+|operating\s+|attending\s+)?surgeons?(?:\(s\))?"),
    (SURGEON, r"attending(?:\s+(?:physician|of\s+record))?|performed\s+by|operators?"),
    (
        ASSISTANT,
        r"assistants?(?:\(s\))?(?:\s+surgeons?)?|assisting(?:\s+surgeon)?|assisted\s+by|"
        r"(?:first|second|1st|2nd)\s+assist(?:ant)?|surgical\s+assistant|assistance\s+of|"
        r"residents?|fellows?|with\s+the\s+assistance\s+of",
    ),
    (
        ANESTHESIA,
        r"anesthesia(?:\s+(?:provider|attending|staff|by|team|personnel))?|anaesthesia|"
        r"anesthesiologists?|anaesthetists?|anesthetists?|crna",
    ),
    (
        REFERRING,
        r"referring(?:\s+(?:physician|provider|doctor|surgeon|md|clinician))?|referred\s+by|"
        r"referral\s+from|consult(?:ation)?\s+requested\s+by",
    ),
    (
        PROVIDER,
        r"dr\.?|doctor|physician|provider|nurse|rn|circulat\w*|scrub\w*|pcp|primary\s+care"
        r"(?:\s+(?:physician|provider))?|cc|dictated\s+by|signed\s+by|electronically\s+signed(?:\s+by)?|"
        r"attested\s+by|np|pa-?c?|consultant|cardiologist|radiologist|pathologist|dermatologist|"
        r"rheumatologist|gastroenterologist",
    ),
    (
        PERSON,
        r"wife|husband|spouse|partner|son|daughter|mother|father|sister|brother|friend|"
        r"caregiver|guardian|family|niece|nephew|grandson|granddaughter|aunt|uncle|"
        r"emergency\s+contact|contact|poa|proxy|interpreter|translator",
    ),
)
_LABEL_RE = [
    (role, re.compile(rf"\b(?:{pattern})(?![\w-])", re.IGNORECASE)) for role, pattern in _LABELS
]
_COURTESY = re.compile(r"\b(?:mr|mrs|ms|miss|mister)\.?\s*$", re.IGNORECASE)
# Credentials are written in capitals; matching case keeps "do" and "pa" in prose out.
_CREDENTIAL = re.compile(
    r"^[\s,]*\(?\s*(?P<cred>M\.?D\.?|D\.?O\.?|CRNA|C\.R\.N\.A\.|R\.?N\.?|PA-?C|P\.?A\.?|N\.?P\.?|"
    r"APRN|ARNP|MBBS|Ph\.?D\.?|FACS|DPM|DDS|DMD|CST|CSFA)(?![\w-])"
)
_TITLES = {"dr", "doctor", "mr", "mrs", "ms", "miss", "mister", "prof", "professor", "sir", "dame"}
_SUFFIXES = {
    "md", "do", "jr", "sr", "ii", "iii", "iv", "phd", "rn", "crna", "pa", "pac", "np", "aprn",
    "arnp", "mbbs", "facs", "dpm", "dds", "dmd", "esq", "cst", "csfa",
}  # fmt: skip
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
    provider = bool(re.search(r"\b(?:dr|doctor)\b\.?", cleaned, re.IGNORECASE)) or bool(
        re.search(r",?\s*\b(?:m\.?d|d\.o|crna|pa-c|phd)\b\.?\s*$", cleaned, re.IGNORECASE)
    )
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
        if bare in _TITLES or bare in _SUFFIXES:
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
    if cred == "crna":
        return ANESTHESIA, 2
    if label in (PATIENT, PERSON) and not provider_evidence:
        return label, 2
    if label == PROVIDER or provider_evidence:
        return PROVIDER, 1
    if _COURTESY.search(window) or re.match(r"\s*(?:mr|mrs|ms|miss)\b", span_text, re.IGNORECASE):
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
