"""Person names: patients, providers, relatives.

Evidence, strongest first:

- header fields (``Surgeon: Lena Okafor, MD``, ``Patient: OKAFOR, ADAEZE N``), which also give the
  person's role;
- titles before a name (``Dr``, ``Mr``, ``Mrs``, ``Ms``, ``NP``) and credentials after one
  (``MD``, ``RN``, ``PA-C``, ``CRNA``), in any letter case (``dr healey``);
- kinship words (``son bill``, ``daughter Maria``, ``Sons Smokey, Morris and Roger``);
- verbs of contact (``spoke with``, ``paged``, ``NAME aware``) around a word from the census name
  lists;
- a census first name followed by a census surname, and spaCy's PERSON entities, both checked
  against everyday English words and clinical terms so that "Foley", "Doppler" or "Neuro" stay.

A name found once is redacted wherever else it occurs in the same note.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EntityType
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._casing import LineStyles as _LineStyles
from redactphi.recognizers._casing import line_styles

WORD = r"\p{L}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*"
INITIAL = r"\p{L}\."
# Lower-case surname particles: "von Stein", "van der Berg", "de la Cruz".
PARTICLE = r"(?:van|von|de|del|della|der|den|di|da|du|la|le|st\.?|bin|ibn|al|el|dos|das|ten|ter|o)"
CREDENTIALS = (
    r"M\.?D\.?|D\.?O\.?|R\.?N\.?|PA-?C|NP|CRNA|RRT|Ph\.?D\.?|FACS|CNM|LPN|APRN|DPM|DDS|MBBS"
    r"|FNP(?:-BC)?|ACNP|AGACNP|CNA|MSW|LCSW|LICSW|PharmD|DNP|BSN|MSN|CCRN|RD|DPT|SLP|CRT"
    r"|RRT|CCP|CST|SA-C|RNFA|CRNFA|LPC|MPH"
)
TITLES = r"dr|doctor|mr|mrs|ms|miss|mx|prof|professor"
SOFT_TITLES = (
    r"np|rn|md|crna|nurse|attending|resident|fellow|intern|housestaff|house\s+staff|pt|patient"
    r"|coordinator|interpreter"
)
KIN = (
    r"(?:son|daughter|dtr|sister|brother|mother|father)[- ]in[- ]law|wife|husband|spouse|partner|sons?|daughters?|dtrs?|dau|mother|mom|father|dad|brothers?"
    r"|sisters?|siblings?|aunt|uncle|niece|nephew|cousin|grand(?:son|daughter|aughter|child|mother"
    r"|father|ma|pa)s?|friend|neighbou?r|fianc[eé]e?|boyfriend|girlfriend|guardian|proxy|hcp"
    r"|caregiver|step(?:son|daughter|mother|father)|(?:son|daughter|dtr|sister|brother|mother"
    r"|father)[- ]in[- ]law|dil|sil"
)
CONTACT_BEFORE = (
    r"spoke\s+(?:with|to)|discussed\s+(?:with|w/)|talked\s+(?:with|to)|paged|notified|informed"
    r"|called|seen\s+by|evaluated\s+by|examined\s+by|consulted|reported\s+to|d/w|per|updated"
    r"|asked|told|case\s+discussed\s+with|signed\s+out\s+to|report\s+(?:given\s+)?to"
    r"|[a-z]+ed\s+by|read\s+by|seen\s+by|(?:follow[- ]?up|f/u|appointment|appt|visit)\s+with|f/u"
)
CONTACT_AFTER = (
    r"aware|notified|paged|made\s+aware|informed|at\s+(?:the\s+)?bedside|in\s+to\s+(?:see|visit)"
    r"|called|returned|updated|visited|present|consented|here"
)

# Header label -> role. Labels match at the start of a line, before ':' or '-'.
HEADER_ROLES: dict[str, str | None] = {
    "patient": "PATIENT",
    "patient name": "PATIENT",
    "pt": "PATIENT",
    "pt name": "PATIENT",
    "name": "PATIENT",
    "surgeon": "SURGEON",
    "surgeons": "SURGEON",
    "primary surgeon": "SURGEON",
    "attending surgeon": "SURGEON",
    "operating surgeon": "SURGEON",
    "proceduralist": "SURGEON",
    "performed by": "SURGEON",
    "attending": "ATTENDING",
    "attending physician": "ATTENDING",
    "assistant": "ASSISTANT",
    "assistants": "ASSISTANT",
    "assistant surgeon": "ASSISTANT",
    "first assistant": "ASSISTANT",
    "assist": "ASSISTANT",
    "co-surgeon": "ASSISTANT",
    "anesthesia": "ANESTHESIA",
    "anesthesiologist": "ANESTHESIA",
    "anesthesia provider": "ANESTHESIA",
    "anesthesia attending": "ANESTHESIA",
    "crna": "ANESTHESIA",
    "referring": "REFERRING",
    "referring physician": "REFERRING",
    "referring provider": "REFERRING",
    "referring md": "REFERRING",
    "referred by": "REFERRING",
    "pcp": "REFERRING",
    "primary care": "REFERRING",
    "primary care physician": "REFERRING",
    "primary care provider": "REFERRING",
    "circulating": "NURSE",
    "circulating rn": "NURSE",
    "circulating nurse": "NURSE",
    "circulator": "NURSE",
    "scrub": "NURSE",
    "scrub tech": "NURSE",
    "scrub nurse": "NURSE",
    "rn": "NURSE",
    "nurse": "NURSE",
    "anesthesia staff": "ANESTHESIA",
    "anesthesiologist/crna": "ANESTHESIA",
    "asst": "ASSISTANT",
    "assistant(s)": "ASSISTANT",
    "attested by": None,
    "printed by": None,
    "e-signed": None,
    "signed": None,
    "re": "PATIENT",
    "patient  name": "PATIENT",
    "guarantor / emergency contact": "RELATIVE",
    "emergency contact name": "RELATIVE",
    "circulator rn": "NURSE",
    "surgical tech": "NURSE",
    "surgical technologist": "NURSE",
    "first assist": "ASSISTANT",
    "subscriber": "PATIENT",
    "insured": "PATIENT",
    "policy holder": "PATIENT",
    "policyholder": "PATIENT",
    "rendering": None,
    "rendering provider": None,
    "ordering provider": None,
    "ordering physician": None,
    "coordinator": None,
    "interpreter": None,
    "witness": None,
    "witnessed by": None,
    "read by": None,
    "cosigned by": None,
    "co-signed by": None,
    "cosigner": None,
    "signed by": None,
    "electronically signed by": None,
    "e-signed by": None,
    "esigned by": None,
    "dictated by": None,
    "transcribed by": None,
    "verified by": None,
    "authenticated by": None,
    "reviewed by": None,
    "resident": None,
    "fellow": None,
    "provider": None,
    "physician": None,
    "cc": None,
    "emergency contact": "RELATIVE",
    "health care proxy": "RELATIVE",
    "healthcare proxy": "RELATIVE",
    "hcp": "RELATIVE",
    "contact": "RELATIVE",
    "guarantor": "RELATIVE",
    "next of kin": "RELATIVE",
    "nok": "RELATIVE",
}
MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}
# Words that end a name inside a header value ("Patient: Ann Lee MRN 123").
STOP_WORDS = {
    "mrn",
    "dob",
    "dos",
    "age",
    "sex",
    "acct",
    "account",
    "fin",
    "csn",
    "room",
    "rm",
    "bed",
    "date",
    "time",
    "id",
    "npi",
    "phone",
    "tel",
    "fax",
    "and",
    "with",
    "for",
    "at",
    "of",
    "the",
    "on",
    "to",
    "from",
    "was",
    "is",
    "who",
    "md",
    "do",
    "rn",
    "np",
    "crna",
    "pa",
    "assisted",
    "assisting",
    "under",
    "via",
    "by",
    "m",
    "f",
    "male",
    "female",
    "y",
    "yo",
}

_HEADER = regex.compile(
    r"(?imV1)(?:^|\t|[ ]{2,}|\|[ \t]*)[>*\-•]*[ \t]*(?P<label>"
    + "|".join(
        sorted(
            (regex.escape(k).replace(r"\ ", " ").replace(" ", r"[ \t]+") for k in HEADER_ROLES),
            key=len,
            reverse=True,
        )
    )
    + r")(?:\s*\([^)\n]{0,20}\))?(?:[ \t]*(?:[:#=]|-{1,2}(?=\s))[ \t]*|\t+|[ \t]{2,}|(?<=by)[ \t]+|[ \t]+(?=(?:(?i:van|von|de|del|della|der|la|le|du|da|di)[ \t]+)*\p{L}[\p{L}'’\-]+,[ \t]*\p{L}))"
    r"(?P<value>[^\n\t|]{1,120}?)(?=[ ]{2,}|\t|\||\r|$)"
)
# "MS" and "ms" without a period are mental status or morphine in notes; "Ms" and "Ms." are titles.
_TITLE = regex.compile(
    rf"(?i)\b(?:(?!ms\b)(?:{TITLES})\b|(?-i:Ms)\b|ms\.)(?:\.[ \t]*|[ \t]+)"
    r"(?=(?P<rest>[^\n]{1,80}))"
)
_SOFT_TITLE = regex.compile(rf"(?i)\b(?:{SOFT_TITLES})\b\.?[ \t]+(?=(?P<rest>[^\n]{{1,60}}))")
_CREDENTIAL = regex.compile(rf"(?:,[ \t]*|[ \t]+)(?i:{CREDENTIALS})(?![A-Za-z])")
_KIN = regex.compile(
    rf"(?i)\b(?:{KIN})\b(?:'s)?(?:[ \t]*(?:\(|,|:|-{{1,3}}|named|name\s+is|is)[ \t]*|[ \t]+)"
    r"(?=(?P<rest>[^\n]{1,80}))"
)
_KIN_WORD = regex.compile(rf"(?i)(?:{KIN})")
# Telegraphic notes: "pt Long 84yoF s/p 0489T", "pt renee smith-jones 28yF".
_PT_AGE = regex.compile(
    rf"(?i)\b(?:pt|patient)[ \t]+(?P<name>{WORD}(?:[ \t]+{WORD}){{0,2}})[ \t]+"
    r"(?=\d{1,3}[ \t]*(?:yo|y/o|y\.o\.|yr|years?|y)[ \t]*(?:[mf]|male|female|old)?\b)"
)
# "placed by Arjun Heart": a capitalised two-word name after "by" in mixed-case text.
_BY_NAME = regex.compile(
    rf"\bby[ \t]+(?P<name>(?P<first>\p{{Lu}}\p{{Ll}}[\p{{L}}'’\-]*)[ \t]+(?:\p{{Lu}}\.?[ \t]+)?"
    rf"(?:(?i:{PARTICLE})[ \t]+)*(?P<last>\p{{Lu}}[\p{{L}}'’\-]+))\b"
)
_SOCIAL = regex.compile(r"(?i)\bsocial[ \t]*(?:[:;]|-+>?)[ \t]*(?=(?P<rest>[^\n]{1,60}))")
_FAMILY_OF = regex.compile(rf"(?P<name>{WORD})[ \t]+(?i:family)\b")
_BEFORE_PHONE = regex.compile(
    rf"(?P<name>{WORD}(?:[ \t]+{WORD})?)[ \t]*(?:\([^)\n]{{1,20}}\))?[ \t]*,?[ \t]*"
    r"\b(?i:cell|home|work|phone|ph|tel|mobile|pager)\b[ \t]*#?[ \t]*:?[ \t]*\(?\d"
)
_NAME_IS = regex.compile(r"(?i)\b(?:name\s+is|named|goes\s+by)[ \t]+(?=(?P<rest>[^\n]{1,60}))")
_CONTACT_BEFORE = regex.compile(rf"(?i)\b(?:{CONTACT_BEFORE})[ \t]+(?=(?P<rest>[^\n]{{1,60}}))")
_CONTACT_AFTER = regex.compile(rf"(?i)(?P<name>{WORD})[ \t]+(?:{CONTACT_AFTER})\b")
_TOKEN = regex.compile(rf"{INITIAL}|{WORD}")
_PARTICLE = regex.compile(rf"(?i)(?:{PARTICLE}[ \t]+)+(?={WORD})")
_PARTICLE_WORD = regex.compile(rf"(?i){PARTICLE}")
_LINE_LAST_FIRST = regex.compile(
    rf"(?m)(?:^|\|)[ \t]*(?P<name>(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD}),[ \t]*(?P<first>{WORD})"
    r"(?:[ \t]+\p{L}\.?)?)"
    r"(?=[ \t]{2,}|\t|[ \t]*$|[ \t]*\()"
)
_SIGN_OFF = regex.compile(
    rf"(?m)(?:^|\|)[ \t]*--[ \t\u00a0]*(?P<v>(?:\p{{L}}\.[ \t]?){{1,3}}(?:{WORD})?|{WORD}"
    rf"(?:[ \t]+{WORD})?)[ \t\r]*(?:$|\|)"
)
# A first name alone closing a line after a sentence: a nurse's signature ("... 1400U/HR. SUSAN").
_LINE_END_FIRST = regex.compile(rf"(?m)(?<=[.!][ \t]{{1,4}})(?P<v>{WORD})[ \t]*$")
_TRANSCRIPTION = regex.compile(
    r"(?m)(?:^|\|)[ \t]*(?P<a>[A-Za-z]{2,3})/(?P<b>[A-Za-z]{2,3})[ \t]*(?:$|\|)"
)
_FULL_NAME = regex.compile(
    rf"\b(?P<first>{WORD})(?:[ \t]+(?P<mid>\p{{L}}\.?))?[ \t]+(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD})\b"
)
_INITIAL_SURNAME = regex.compile(
    rf"(?<![A-Za-z0-9.'’/]|\d[ \t])[A-Za-z]\.[ \t]?(?:(?i:{PARTICLE})[ \t]+)*(?P<last>{WORD})"
)
_FIRST_RARE = regex.compile(rf"\b(?P<first>{WORD})[ \t]+(?:[A-Za-z]\.?[ \t]+)?(?P<last>{WORD})\b")
_LAST_FIRST = regex.compile(
    rf"(?P<last>(?:(?i:{PARTICLE})[ \t]+){{0,2}}{WORD}(?:[ \t]+{WORD})?)[ \t]*,[ \t]*"
    rf"(?P<first>{WORD})(?:[ \t]+(?P<mid>{INITIAL}|\p{{L}}(?!\p{{L}})))?"
)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    score: float
    source: str
    role: str | None = None
    strong: bool = False


class NameRecognizer(EntityRecognizer):
    """Finds person names from context, name lists and spaCy NER (see module docstring)."""

    name: str

    def __init__(self, ambiguous_words: frozenset[str] = frozenset()) -> None:
        # Words the lemmatizer knows as verbs, adjectives or adverbs: "bill", "grant", "white".
        self.ambiguous = ambiguous_words
        super().__init__(
            supported_entities=[EntityType.NAME.value],
            name="NameRecognizer",
            supported_language="en",
        )

    def load(self) -> None:
        lx.first_names()
        lx.last_names()

    # -- word tests ---------------------------------------------------------------------------

    def everyday(self, word: str) -> bool:
        w = word.lower().strip("'’")
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        if "-" in w.strip("-"):
            # "HYDRATION-WILL" is two words; "Mary-Kate" and "Perez-Rivera" are names.
            return any(
                self.everyday(part) and not lx.is_name_word(part) for part in w.split("-") if part
            ) or all(self.everyday(part) for part in w.split("-") if part)
        if w in lx.function_words() or w in lx.clinical_terms():
            return True
        if w in lx.first_names():
            # "Bill", "Grant", "Mark" are verbs first; "Carol", "John" are names first.
            return w in self.ambiguous and lx.zipf(w) >= 4.3
        return w in self.ambiguous or lx.zipf(w) >= lx.COMMON_ZIPF

    def blocked(self, word: str) -> bool:
        """Never a name whatever the context: function words, titles, clinical terms."""
        w = word.lower().strip("'’.")
        return (
            w in lx.function_words()
            or w in STOP_WORDS
            or w in lx.clinical_terms()
            or bool(regex.fullmatch(TITLES, w))
            or bool(_KIN_WORD.fullmatch(w))
        )

    @staticmethod
    def _function(word: str) -> bool:
        """Words that end a name even after a strong cue; months and "Will" can be names."""
        w = word.lower().strip("'’.")
        if len(w) == 1:
            return False  # an initial
        if w in MONTHS or (word.istitle() and w in lx.first_names()):
            return False
        return w in lx.function_words() or w in STOP_WORDS or bool(regex.fullmatch(TITLES, w))

    # -- main -----------------------------------------------------------------------------------

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        hits: list[_Hit] = []
        styles = line_styles(text)
        hits += self._headers(text)
        hits += self._titles(text, styles)
        hits += self._credentials(text, styles)
        hits += self._kin(text, styles)
        hits += self._contacts(text, styles)
        hits += self._full_names(text, styles)
        hits += self._initial_surname(text, styles)
        hits += self._bare_last_first(text)
        hits += self._sign_offs(text)
        hits += self._family_and_phone(text, styles)
        hits += self._first_rare(text, styles)
        hits += self._spacy(text, nlp_artifacts, styles)
        hits += self._propagate(text, hits, styles)
        return [self._result(h) for h in hits]

    # -- evidence ---------------------------------------------------------------------------------

    def _headers(self, text: str) -> list[_Hit]:
        out = []
        for m in _HEADER.finditer(text):
            label = " ".join(m.group("label").lower().split())
            role = HEADER_ROLES.get(label)
            vstart = m.start("value")
            value = m.group("value")
            # Several people in one field: "Assistant: Ann Lee, PA-C; Tom Ray, RN"
            # Fields whose values are often not people ("Anesthesia: General", "Assist: none").
            strict = label.startswith(("anesth", "assist", "asst", "crna", "scrub", "circulat"))
            for part in regex.finditer(r"[^;/|&]+", value):
                seg_start = vstart + part.start()
                span = self._header_name(text, seg_start, vstart + part.end(), strict)
                if span:
                    out.append(_Hit(span[0], span[1], 0.95, "header", role, strong=True))
            # "Dr. Ann Lee and Dr. Tom Ray" inside a field: the title rule finds the second.
        return out

    def _header_name(
        self, text: str, start: int, end: int, strict: bool = True
    ) -> tuple[int, int] | None:
        seg = text[start:end]
        offset = start + (len(seg) - len(seg.lstrip()))
        lf = _LAST_FIRST.match(text, offset, end)
        if lf and self._header_plausible(text, lf.start(), lf.end(), True, strict):
            return lf.start(), lf.end()
        span = self._name_run(text, offset, end, max_tokens=5, style="any", strong=True)
        if span and self._header_plausible(text, span[0], span[1], False, strict):
            return span
        return None

    def _header_plausible(
        self, text: str, start: int, end: int, last_first: bool, strict: bool = True
    ) -> bool:
        """A header value is a name, not "General endotracheal" or "MAC with local"."""
        tokens = [
            t.group().rstrip(".")
            for t in _TOKEN.finditer(text, start, end)
            if not _PARTICLE_WORD.fullmatch(t.group())
        ]
        words = [w for w in tokens if len(w) > 1]
        if not words:
            return len(tokens) >= 2  # initials only: "Transcribed by: n.n."
        if any(
            self._function(w)
            and w.lower() not in MONTHS
            and not (last_first and lx.is_first_name(w))
            for w in words
        ):
            return False
        if regex.fullmatch(CREDENTIALS, words[-1]):
            return False
        named = [w for w in words if lx.is_name_word(w)]
        clinical = [w for w in words if w.lower() in lx.clinical_terms()]
        if clinical and (
            (len(clinical) == len(words) and not any(lx.is_first_name(w) for w in words))
            or (strict and not last_first)
        ):
            return False
        if last_first:
            return bool(named) or all(lx.zipf(w) < 3.0 for w in words)  # not "ALERT, ORIENTED"
        followed_by_credential = bool(
            regex.match(rf"[ \t]*,?[ \t]*(?:{CREDENTIALS})\b", text[end : end + 12])
        )
        return (
            bool(named)
            or followed_by_credential
            or (len(words) >= 2 and all(w[:1].isupper() for w in words))
        )

    def _name_run(
        self,
        text: str,
        start: int,
        end: int,
        *,
        max_tokens: int,
        style: str,
        strong: bool,
        first_strong: bool = True,
    ) -> tuple[int, int] | None:
        """Longest run of name-like tokens from ``start`` (skipping a leading title)."""
        pos = start
        first: int | None = None
        last_end = start
        count = 0
        previous_first = False
        while count < max_tokens:
            particle = _PARTICLE.match(text, pos, end)
            if particle and (first is not None or strong):
                nxt = _TOKEN.match(text, particle.end(), end)
                if (nxt and nxt.group()[:1].isupper()) or style != "mixed":
                    if first is None:
                        first = pos
                    pos = particle.end()
                    continue
            m = _TOKEN.match(text, pos, end)
            if not m:
                # allow a single space / tab / period-space between tokens
                # A period continues a name only after an initial ("J. Smith"), never after a
                # word, where it ends the sentence ("Dr. Lee. Dr. Kim").
                after_initial = count > 0 and regex.match(r"[A-Za-z]$", text[max(0, pos - 1) : pos])
                after_initial = after_initial and (pos < 2 or not text[pos - 2].isalpha())
                gap = regex.match(
                    r"[ \t]{1,3}|\.[ \t]{0,2}" if after_initial else r"[ \t]{1,3}", text[pos:end]
                )
                if gap and first is not None and gap.end() > 0:
                    nxt = _TOKEN.match(text, pos + gap.end(), end)
                    if nxt:
                        pos += gap.end()
                        continue
                if first is None:
                    gap = regex.match(r"[ \t]+", text[pos:end])
                    if gap:
                        pos += gap.end()
                        continue
                break
            word = m.group()
            bare = word.rstrip(".")
            if first is None and regex.fullmatch(TITLES, bare, regex.IGNORECASE):
                pos = m.end()
                if text[pos : pos + 1] == ".":
                    pos += 1
                continue
            lenient = strong and (count == 0 or bare[:1].isupper() or style == "any")
            if (self._function(bare) if lenient else self.blocked(bare)) or regex.fullmatch(
                CREDENTIALS, bare
            ):
                break
            is_initial = len(bare) == 1
            if count == 0:
                ok = (first_strong or self._weak_ok(bare, style)) and (not is_initial or strong)
                if style == "mixed" and not bare[:1].isupper() and not lx.is_name_word(bare):
                    ok = False
            else:
                next_is_name = bool(regex.match(rf"[ \t]+{WORD}", text[m.end() : end]))
                ok = (is_initial and (word.endswith(".") or (word.isupper() and next_is_name))) or (
                    not is_initial
                    and (
                        style != "mixed"
                        or bare[:1].isupper()
                        or (lx.is_name_word(bare) and not self.everyday(bare))
                        or previous_first
                    )
                    and (
                        self._continues(bare, style, strong)
                        or (
                            previous_first
                            and lx.is_last_name(bare)
                            and not self.blocked(bare)
                            and (
                                style != "mixed"
                                or bare[:1].isupper()
                                or (first is not None and not text[first].isupper())
                            )
                        )
                    )
                )
            if not ok:
                break
            previous_first = lx.is_first_name(bare) and not self.blocked(bare)
            if first is None:
                first = m.start()
            last_end = m.start() + len(bare) if is_initial and not strong else m.end()
            if is_initial and word.endswith("."):
                last_end = m.end()
            count += 1
            pos = m.end()
        if first is None:
            return None
        # An initial alone at the end is not a name ("Dr. Lee A" -> "Lee").
        while last_end > first and text[first:last_end].rstrip(". ").endswith(" "):
            last_end -= 1
        return (first, last_end) if last_end > first else None

    def _continues(self, word: str, style: str, strong: bool) -> bool:
        """May ``word`` extend a name already begun ("Dr. Lee Ann", not "Dr. Lee harvested")?"""
        if strong and style == "any":
            return True  # a header value: "Patient: TIFFANY HUGHES"
        if style == "lower" and word.istitle():
            return strong or not self.everyday(word)  # a capital stands out in a lower note
        if style == "mixed" and not (word.isupper() and len(word) > 1):
            if not word[:1].isupper():  # "pt michael ray" in a mixed-case note
                return lx.is_name_word(word) and not self.everyday(word)
            return strong or not self.everyday(word)
        return (lx.is_name_word(word) and not self.everyday(word)) or (
            strong and lx.zipf(word) < 2.5 and not self.blocked(word)
        )

    def _weak_ok(self, word: str, style: str) -> bool:
        return lx.is_name_word(word) and not self.everyday(word) and not self.blocked(word)

    def _titles(self, text: str, styles: _LineStyles) -> list[_Hit]:
        out = []
        for rx, strong in ((_TITLE, True), (_SOFT_TITLE, False)):
            for m in rx.finditer(text):
                start = m.start("rest")
                style = styles.at(start)
                first = _TOKEN.match(text, start)
                if not first:
                    continue
                word = first.group().rstrip(".")
                if _PARTICLE.match(text, start):
                    span = self._name_run(
                        text, start, m.end("rest"), max_tokens=3, style=style, strong=True
                    )
                    if span:
                        out.append(_Hit(span[0], span[1], 0.9 if strong else 0.7, "title"))
                    continue
                if strong and len(word) == 1 and word.isupper():
                    # "Mr I" / "Ms S." : an initial standing for the name.
                    out.append(_Hit(first.start(), first.start() + 1, 0.8, "title_initial"))
                    continue
                if (self._function(word) if strong else self.blocked(word)) or regex.fullmatch(
                    CREDENTIALS, word
                ):
                    continue
                if not strong and not (
                    self._weak_ok(word, style)
                    or (style == "mixed" and word[:1].isupper() and lx.zipf(word) < 3.0)
                ):
                    continue
                cue = text[m.start() : start].strip(" \t.").lower()
                patient_cue = cue in ("pt", "patient")
                if patient_cue and not (
                    lx.is_first_name(word) and not self.everyday(word) and len(word) > 2
                ):
                    continue
                if (
                    style == "mixed"
                    and not word[:1].isupper()
                    and not ((strong or patient_cue) and lx.is_name_word(word))
                ):
                    continue
                if len(word) == 1 and not (strong and word.isupper()):
                    continue
                span = self._name_run(
                    text, start, m.end("rest"), max_tokens=3, style=style, strong=True
                )
                if span:
                    out.append(_Hit(span[0], span[1], 0.9 if strong else 0.7, "title"))
        return out

    def _credentials(self, text: str, styles: _LineStyles) -> list[_Hit]:
        out = []
        for m in _CREDENTIAL.finditer(text):
            # Credentials are written in capitals; "do" or "pt" in prose are words.
            cred = m.group().strip(" ,\t")
            style = styles.at(m.start())
            if not cred[:1].isupper() and not (
                style == "lower"
                and m.group().lstrip().startswith(",")
                and regex.fullmatch(r"md|rn|crna|np|pa-c|do|dpm|cnm|rrt|cst", cred)
                and not regex.match(r"[ \t]+not\b", text[m.end() : m.end() + 5])
            ):
                continue
            end = m.start()
            tokens: list[int] = []
            pos = end
            while len(tokens) < 3:
                prev = regex.search(rf"(?:{INITIAL}|{WORD})[ \t]*$", text[max(0, pos - 40) : pos])
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
                if style == "mixed" and len(word) > 1 and word.isupper() and self.everyday(word):
                    break
                # A one-letter token is an initial only when it stands alone ("J."), not the
                # end of a word before a full stop ("COAGS.").
                if len(word) == 1 and s > 0 and text[s - 1].isalpha():
                    break
                if len(word) > 1 and prev.group().strip().endswith("."):
                    break
                if _PARTICLE_WORD.fullmatch(word) and tokens:
                    tokens.append(s)
                    pos = s
                    continue
                if (style == "mixed" and not word[:1].isupper()) or self._function(word):
                    break
                if word.lower() in lx.clinical_terms() and not self._beside_first_name(
                    text, s, len(prev.group().strip())
                ):
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
                words = [regex.match(rf"{INITIAL}|{WORD}", text[t:]) for t in tokens]
                if all(
                    w is not None
                    and len(w.group()) > 2
                    and self.everyday(w.group())
                    and not lx.is_first_name(w.group())
                    for w in words
                ):
                    tokens = []
            if tokens:
                first = tokens[-1]
                last_tok = _TOKEN.match(text, tokens[0])
                assert last_tok is not None
                out.append(_Hit(first, last_tok.end(), 0.9, "credential", strong=True))
        return out

    @staticmethod
    def _beside_first_name(text: str, start: int, length: int) -> bool:
        """A clinical word is a surname next to a first name: "Kevin J. Hand", "Suzanne Graves"."""
        before = regex.search(
            rf"({WORD})[ \t]+(?:\p{{L}}\.?[ \t]+)?$", text[max(0, start - 30) : start]
        )
        if not before:
            return False
        word = before.group(1)
        return lx.is_first_name(word) or (
            word.istitle() and not lx.is_name_word(word) and lx.zipf(word) < 3
        )

    def _kin(self, text: str, styles: _LineStyles) -> list[_Hit]:
        out = []
        for rx in (_KIN, _NAME_IS, _SOCIAL):
            for m in rx.finditer(text):
                start = m.start("rest")
                style = styles.at(start)
                cursor = start
                for _ in range(4):  # "Sons Smokey, Morris and Roger"
                    tok = _TOKEN.match(text, cursor)
                    if not tok:
                        break
                    word = tok.group().rstrip(".")
                    if not self._kin_ok(word, style):
                        break
                    if rx is _SOCIAL and not lx.is_first_name(word):
                        break  # "Social: Anxious and upset", "Social- Friends in"
                    span = self._name_run(
                        text, tok.start(), m.end("rest"), max_tokens=3, style=style, strong=True
                    )
                    if not span:
                        break
                    out.append(_Hit(span[0], span[1], 0.85, "kin", "RELATIVE"))
                    nxt = regex.match(r"[ \t]*(?:,|&|and)[ \t]*(?:and[ \t]+)?", text[span[1] :])
                    if not nxt or nxt.end() == 0:
                        break
                    cursor = span[1] + nxt.end()
        return out

    def _kin_ok(self, word: str, style: str) -> bool:
        if word.istitle() and word.lower() in MONTHS:
            return True  # "nephew June"
        if self.blocked(word) or len(word) < 2:
            return False
        if word.istitle() and style == "lower" and not self.everyday(word):
            return True  # a capital stands out in a lower-case note
        if word.lower() in lx.first_names():
            return True
        if style == "mixed" and not (word.isupper() and len(word) > 1):
            return word[:1].isupper()
        if self.everyday(word) and not lx.is_first_name(word):
            return False
        return lx.is_name_word(word) or lx.zipf(word) < 3.0

    def _contacts(self, text: str, styles: _LineStyles) -> list[_Hit]:
        out = []
        for m in _CONTACT_BEFORE.finditer(text):
            start = m.start("rest")
            style = styles.at(start)
            tok = _TOKEN.match(text, start)
            if not tok:
                continue
            word = tok.group()
            if not self._weak_ok(word, style) or (style == "mixed" and not word[:1].isupper()):
                continue
            if len(word) < 3 and (style != "mixed" or word.isupper()):
                continue  # "per NG", "per MD"
            span = self._name_run(
                text, start, m.end("rest"), max_tokens=2, style=style, strong=False
            )
            if span:
                out.append(_Hit(span[0], span[1], 0.6, "contact"))
        for m in _CONTACT_AFTER.finditer(text):
            word = m.group("name")
            style = styles.at(m.start())
            if self._weak_ok(word, style) and (style != "mixed" or word[:1].isupper()):
                out.append(_Hit(m.start("name"), m.end("name"), 0.6, "contact"))
        return out

    def _full_names(self, text: str, styles: _LineStyles) -> list[_Hit]:
        """A census first name, an optional initial or particles, and a census surname.

        The surname may be an everyday word ("Edward Baker", "Rachel von Stein") when the first
        name is not one, and both are written alike (both capitalised, or one-case text).
        """
        out = []
        for m in _FULL_NAME.finditer(text, overlapped=True):
            first, last = m.group("first"), m.group("last")
            style = styles.at(m.start())
            if first.istitle() != last.istitle() or first.isupper() != last.isupper():
                continue
            if style == "mixed" and not first[:1].isupper():
                continue
            if not lx.is_first_name(first) or not lx.is_last_name(last):
                continue
            middle = m.group("mid")
            if self.blocked(first) or self._function(last):
                continue
            if self.everyday(first) and not (middle and first.istitle() and last[:1].isupper()):
                continue
            if style != "mixed" and self.blocked(last):
                continue  # "ART LINE"
            strong_last = not self.everyday(last) and not self.blocked(last)
            if not strong_last and (
                (first.islower() and style == "mixed") or len(last) < 3 or style == "upper"
            ):
                continue  # "ASA HELD" in a note written in capitals
            out.append(_Hit(m.start(), m.end(), 0.6 if strong_last else 0.5, "census"))
        return out

    def _initial_surname(self, text: str, styles: _LineStyles) -> list[_Hit]:
        """``W. Marotta``, ``q. lander``: a lone initial and a census surname."""
        out = []
        for m in _INITIAL_SURNAME.finditer(text):
            last = m.group("last")
            style = styles.at(m.start())
            if self._function(last) or not lx.is_last_name(last):
                continue
            capitalised = last.istitle() or (last.isupper() and len(last) > 2)
            if (self.blocked(last) or self.everyday(last)) and not (
                capitalised and m.group()[:1].isupper()
            ):
                continue
            if style == "mixed" and not last[:1].isupper():
                continue
            if len(last) < 3 and not (style == "mixed" and last.istitle()):
                continue
            out.append(_Hit(m.start(), m.end(), 0.6, "initial_surname"))
        return out

    def _first_rare(self, text: str, styles: _LineStyles) -> list[_Hit]:
        """A census first name and a rare word that is no English word: ``Leona Labowich``."""
        out = []
        for m in _FIRST_RARE.finditer(text, overlapped=True):
            first, last = m.group("first"), m.group("last")
            style = styles.at(m.start())
            if style == "mixed" and not (first[:1].isupper() and last[:1].isupper()):
                continue
            if style != "mixed" and (first.isupper() != last.isupper()):
                continue
            if first.lower() not in lx.first_names() or self.everyday(first):
                continue
            if self.blocked(last) or len(last) < 3 or lx.zipf(last) >= 2.5:
                continue
            if regex.fullmatch(CREDENTIALS, last) or (last.isupper() and not first.isupper()):
                continue
            out.append(_Hit(m.start(), m.end(), 0.5, "first_rare"))
        return out

    def _bare_last_first(self, text: str) -> list[_Hit]:
        """``BURNS, MICHAEL B`` opening a line: a census surname and first name."""
        out = []
        for m in _LINE_LAST_FIRST.finditer(text):
            last, first = m.group("last"), m.group("first")
            known_last = lx.is_last_name(last) or not (self.everyday(last) or self.blocked(last))
            if (
                known_last
                and (lx.is_first_name(first) or lx.is_last_name(last))
                and not (self.blocked(last) and self.blocked(first))
                and not self._function(first)
            ):
                out.append(_Hit(m.start("name"), m.end("name"), 0.7, "last_first"))
        return out

    def _family_and_phone(self, text: str, styles: _LineStyles) -> list[_Hit]:
        """``the Romero family``; ``Lopie Certusi cell# 410-...`` (a name before a phone)."""
        out = []
        for m in _FAMILY_OF.finditer(text):
            word = m.group("name")
            mixed_title = word.istitle() and styles.at(m.start()) == "mixed"
            if (
                lx.is_last_name(word)
                and not self.blocked(word)
                and (mixed_title or not self.everyday(word))
            ):
                out.append(_Hit(m.start("name"), m.end("name"), 0.6, "family_of"))
        for m in _BEFORE_PHONE.finditer(text):
            words = m.group("name").split()
            style = styles.at(m.start())
            if all(
                not self.blocked(w)
                and not self.everyday(w)
                and (style != "mixed" or w[:1].isupper())
                for w in words
            ):
                out.append(_Hit(m.start("name"), m.end("name"), 0.6, "before_phone"))
        for m in _BY_NAME.finditer(text):
            first, last = m.group("first"), m.group("last")
            if styles.at(m.start()) != "mixed" or self._function(last) or self.blocked(first):
                continue
            if (lx.is_first_name(first) or lx.zipf(first) < 3.5) and not self.everyday(first):
                out.append(_Hit(m.start("name"), m.end("name"), 0.6, "by_name"))
        for m in _PT_AGE.finditer(text):
            words = m.group("name").split()
            if not any(self._function(w) for w in words):
                out.append(_Hit(m.start("name"), m.end("name"), 0.8, "patient_age", "PATIENT"))
        for m in _LINE_END_FIRST.finditer(text):
            word = m.group("v")
            if lx.is_first_name(word) and not self.everyday(word) and not self.blocked(word):
                out.append(_Hit(m.start("v"), m.end("v"), 0.55, "line_end_first"))
        return out

    def _sign_offs(self, text: str) -> list[_Hit]:
        """``-- D.R.`` or ``-- Chase`` closing a note; ``JT/es`` transcription initials."""
        out = []
        for m in _SIGN_OFF.finditer(text):
            value = m.group("v")
            if len(value) > 3 and self.blocked(value.rstrip(".")):
                continue
            out.append(_Hit(m.start("v"), m.end("v"), 0.7, "sign_off"))
        for m in _TRANSCRIPTION.finditer(text):
            out.append(_Hit(m.start("a"), m.end("a"), 0.6, "transcription"))
            out.append(_Hit(m.start("b"), m.end("b"), 0.6, "transcription"))
        return out

    def _spacy(self, text: str, artifacts: NlpArtifacts | None, styles: _LineStyles) -> list[_Hit]:
        if artifacts is None:
            return []
        out = []
        for ent in artifacts.entities:
            if ent.label_ != "PERSON":
                continue
            style = styles.at(ent.start_char)
            words = [t for t in ent if t.is_alpha]
            if not words:
                continue
            if any(self.blocked(t.text) for t in words):
                # keep the part after a blocked word only when it is itself name-like
                continue
            if style == "mixed":
                if not all(t.text[:1].isupper() for t in words):
                    continue
                if len(words) == 1 and self.everyday(words[0].text):
                    continue
                if not any(
                    lx.is_first_name(t.text)
                    or (lx.is_name_word(t.text) and not self.everyday(t.text))
                    for t in words
                ):
                    continue  # "Follow Wean", "Cool Neb"
            elif not all(self._weak_ok(t.text, style) for t in words):
                continue
            out.append(_Hit(words[0].idx, words[-1].idx + len(words[-1].text), 0.55, "spacy"))
        return out

    def _propagate(self, text: str, hits: list[_Hit], styles: _LineStyles) -> list[_Hit]:
        """Every other occurrence of a found name word in the same note.

        A word no dictionary knows ("Okafor") is found in any case. An everyday word ("Max",
        "Jackson", "Hess") is found only capitalised, and only when a strong cue (a header field,
        a title, a credential, a kinship word) found it first.
        """
        rare: set[str] = set()
        capitalised: set[str] = set()
        for h in hits:
            for tok in _TOKEN.finditer(text, h.start, h.end):
                w = tok.group().rstrip(".")
                if len(w) < 2 or _PARTICLE_WORD.fullmatch(w) or self._function(w):
                    continue
                if self.everyday(w) or self.blocked(w):
                    if h.score >= 0.7 and not (self.blocked(w) and not lx.is_name_word(w)):
                        capitalised.add(w.lower())
                else:
                    rare.add(w.lower())
        if not rare and not capitalised:
            return []
        out = []
        covered = [(h.start, h.end) for h in hits]
        for tok in _TOKEN.finditer(text):
            w = tok.group().rstrip(".")
            key = w.lower()
            if key in rare or (
                key in capitalised
                and (
                    w.istitle()
                    or (w.isupper() and styles.at(tok.start()) == "upper" and lx.zipf(w) < 4.5)
                )
            ):
                pass
            else:
                continue
            s, e = tok.start(), tok.start() + len(w)
            if any(a <= s and e <= b for a, b in covered):
                continue
            out.append(_Hit(s, e, 0.5, "propagated"))
        return out

    def _result(self, hit: _Hit) -> RecognizerResult:
        return RecognizerResult(
            entity_type=EntityType.NAME.value,
            start=hit.start,
            end=hit.end,
            score=hit.score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=hit.score, pattern_name=hit.source
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "role": hit.role,
            },
        )
