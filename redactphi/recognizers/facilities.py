"""Facility names: hospitals, medical centers, clinics, surgery centers, rehab and nursing homes.

A run of capitalised words before a facility word (``Mercy General Hospital``,
``LAKESIDE SURGERY CENTER``), or after one (``Hospital of Saint Anne``, ``St. Luke's Hospital``).
Generic phrases ("the hospital", "outside hospital", "OSH") are not names. Site-specific names
that carry no facility word ("GH", a ward name) come from the user's site list.
"""

from __future__ import annotations

import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EntityType, Evidence
from redactphi.recognizers import lexicons as lx
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer, spelled_words
from redactphi.recognizers._casing import line_styles

FACILITY_WORDS = (
    r"hospital|hosp|medical\s+center|med\s+ctr|medical\s+ctr|health\s+center|health\s+system"
    r"|healthcare|health\s+care|clinic|clinics|surgery\s+center|surgical\s+center"
    r"|surgical\s+hospital|ambulatory\s+surgery\s+center|ambulatory\s+surgical\s+center|asc"
    r"|rehab(?:ilitation)?(?:\s+(?:center|hospital|institute|facility))?|nursing\s+home"
    r"|nursing\s+(?:and|&)\s+rehabilitation\s+center|nursing\s+center|skilled\s+nursing\s+facility"
    r"|snf|hospice|infirmary|medical\s+group|cancer\s+center|heart\s+institute|institute"
    r"|children'?s\s+hospital|care\s+center|urgent\s+care|imaging\s+center|wound\s+center"
    r"|dialysis\s+center|vein\s+center|vascular\s+center|physicians|associates|health"
    r"|pavilion|manor|assisted\s+living|senior\s+living|retirement\s+home|home\s+health"
    r"|wing|building|tower|hand\s+center|hand\s+clinic|family\s+medicine|family\s+practice"
    r"|internal\s+medicine|medical\s+associates|specialists|partners|center|centre|practice"
    r"|house(?![ \t]+(?:staff|officer|diet|md|doctor|physician|call))|campus"
    r"|(?:short[ \t]+stay|day|surgical[ \t]+day|ambulatory|(?:cell[ \t]+)?therapy|infusion)[ \t]+unit"
)
# A facility word stands whole after a blank and before a word boundary.
FACILITY_WORD_SETS = spelled_words(FACILITY_WORDS)
# Words that end a facility name when walking back from "Hospital": "transferred to the".
DETERMINERS = {
    "the",
    "this",
    "that",
    "outside",
    "local",
    "nearby",
    "another",
    "other",
    "same",
    "a",
    "an",
    "any",
    "their",
    "his",
    "her",
    "referring",
    "receiving",
    "sending",
}

# Capitalised words that do not make a generic phrase a name ("Outside Community Hospital").
GENERIC = DETERMINERS | {
    "acute",
    "admit",
    "admitted",
    "affiliated",
    "and",
    "anesthesia",
    "at",
    "burn",
    "by",
    "cancer",
    "cardiac",
    "care",
    "ccu",
    "center",
    "city",
    "colorectal",
    "community",
    "coronary",
    "county",
    "critical",
    "current",
    "d/c",
    "day",
    "dc",
    "dialysis",
    "discharge",
    "discharged",
    "ed",
    "endoscopy",
    "er",
    "for",
    "free",
    "freestanding",
    "from",
    "general",
    "gi",
    "hand",
    "holding",
    "home",
    "hospital",
    "icu",
    "in",
    "infusion",
    "inpatient",
    "intensive",
    "long",
    "med-surg",
    "medical",
    "medical-surgical",
    "mental",
    "micu",
    "neonatal",
    "neuro",
    "new",
    "nursing",
    "observation",
    "of",
    "old",
    "or",
    "osh",
    "our",
    "outpatient",
    "pacu",
    "pain",
    "pediatric",
    "per",
    "plastic",
    "post-anesthesia",
    "previous",
    "primary",
    "prior",
    "private",
    "procedural",
    "procedure",
    "public",
    "recovery",
    "regional",
    "rehab",
    "same-day",
    "short",
    "sicu",
    "skilled",
    "standing",
    "state",
    "stay",
    "step-down",
    "stepdown",
    "surgery",
    "surgical",
    "teaching",
    "telemetry",
    "term",
    "to",
    "transfer",
    "transferred",
    "trauma",
    "unit",
    "university",
    "urgent",
    "va",
    "vascular",
    "vein",
    "veterans",
    "via",
    "with",
    "wound",
}
# Possessive words and a start that is not inside a word: a long word or hyphen chain is
# scanned once, not once per letter.
WORD = r"(?:St\.|Mt\.|\p{Lu}[\p{L}'’\-]*+|&|of|OF)"
ANY_WORD = r"(?:St\.|Mt\.|\p{L}[\p{L}'’\-]*+|&)"
START = r"(?<![\p{L}'’\-])"
UNIT_CODES = r"(?:MICU|SICU|CCU|ICU|CSRU|NICU|PICU|PACU|CVICU)"
# Where the name-before patterns end: a facility word after a blank. Only lines holding one
# are searched for the run of up to five words before it.
FACILITY_ANCHOR = rf"[ \t](?i:{FACILITY_WORDS})\b"
# Patterns whose matches count only on lines written in lower case.
LOWER_CASE_PATTERNS = ("lower_before", "lower_ward")


class FacilityRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        before = rf"{START}\b(?P<v>(?:{WORD}[ \t]++){{1,5}}(?i:{FACILITY_WORDS}))\b"
        after = (
            rf"\b(?P<v>(?i:hospital|university|clinic|medical\s+center|health\s+center)[ \t]+"
            rf"(?i:of)[ \t]++(?:the[ \t]++)?{WORD}(?:[ \t]++{WORD}){{0,3}})"
        )
        saint = (
            rf"\b(?P<v>(?:St\.?|Saint|Mount|Mt\.?|ST\.?|SAINT)[ \t]++{WORD}(?:'s|’s|s)?"
            rf"(?:[ \t]++{WORD}){{0,2}})"
        )
        lower_before = rf"{START}\b(?P<v>(?:{ANY_WORD}[ \t]++){{1,5}}(?:{FACILITY_WORDS}))\b"
        labelled = (
            r"(?i:\b(?:unit|facility|location|ward|floor|site|dept|department|practice|clinic))"
            r"(?:[ \t]*+:|(?=[ \t]*\t))[ \t]*+(?P<v>\p{Lu}[\p{L}'’\-]++(?:[ \t]++(?:\p{Lu}[\p{L}'’\-]*+|\d{1,2}))"
            r"{0,4})(?=[ \t]*(?:$|\||\t|[ ]{2,}|,|;))"
        )
        ward = (
            r"(?<![\p{L}'’\-])\b(?P<v>\p{Lu}\p{Ll}[\p{L}'’\-]++[ \t]++\d{1,2}(?:[ \t]+[NSEW]|[ \t]*(?:North|South"
            r"|East|West|NORTH|SOUTH|EAST|WEST))\b)(?!/)"
        )
        lower_ward = r"\b(?P<v>\p{Ll}{3,}+[ \t]+\d{1,2}[ \t]+(?:north|south|east|west))\b"
        unit_ward = (
            rf"(?<![\p{{L}}'’\-])\b(?P<v>\p{{Lu}}\p{{Ll}}[\p{{L}}'’\-]++[ \t]++{UNIT_CODES})\b"
        )
        # A facility code after a tab closing an EHR print-out's title line:
        # "Surgical Case Record<TAB>SLUH".
        header_code = (
            r"(?im)^[^\n]{0,60}\b(?:record|log|report|note|summary|chart|sheet|intraoperative)\b"
            r"[^\n\t]{0,30}\t+(?P<v>[A-Za-z]{2,6})[ \t\r]*$"
        )
        at_site = r"@[ \t]*(?P<v>[A-Za-z]{3,6})(?=[ \t]*(?:[.,;|]|$))"
        super().__init__(
            EntityType.FACILITY.value,
            [
                GroupPattern(
                    "labelled", labelled, 0.85, "v", flags=regex.MULTILINE, evidence=Evidence.LABEL
                ),
                GroupPattern("ward", ward, 0.75, "v", flags=0, evidence=Evidence.HINT),
                GroupPattern("lower_ward", lower_ward, 0.7, "v", flags=0, evidence=Evidence.HINT),
                GroupPattern(
                    "ward", unit_ward, 0.6, "v", flags=0, evidence=Evidence.HINT, cue=UNIT_CODES
                ),
                GroupPattern(
                    "at_site", at_site, 0.6, "v", flags=regex.MULTILINE, evidence=Evidence.HINT
                ),
                GroupPattern("header_code", header_code, 0.6, "v", flags=0, evidence=Evidence.HINT),
                GroupPattern(
                    "lower_before",
                    lower_before,
                    0.7,
                    "v",
                    flags=regex.IGNORECASE,
                    evidence=Evidence.HINT,
                    cue_words=FACILITY_WORD_SETS,
                    anchor=FACILITY_ANCHOR,
                ),
                GroupPattern(
                    "named_before",
                    before,
                    0.8,
                    "v",
                    flags=0,
                    evidence=Evidence.HINT,
                    cue_words=FACILITY_WORD_SETS,
                    anchor=FACILITY_ANCHOR,
                ),
                GroupPattern("named_after", after, 0.8, "v", flags=0, evidence=Evidence.HINT),
                GroupPattern("saint", saint, 0.6, "v", flags=0, evidence=Evidence.HINT),
            ],
            name="FacilityRecognizer",
        )

    def _may_match(
        self, pattern: GroupPattern, text: str, cues_found: dict[tuple[str, int], bool]
    ) -> bool:
        if pattern.name in LOWER_CASE_PATTERNS and not line_styles(text).has("lower"):
            return False  # analyze drops every match of these
        return super()._may_match(pattern, text, cues_found)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        styles = line_styles(text)
        for r in super().analyze(text, entities, nlp_artifacts):
            pattern = r.analysis_explanation.pattern_name if r.analysis_explanation else ""
            value = text[r.start : r.end]
            if pattern in LOWER_CASE_PATTERNS and styles.at(r.start) != "lower":
                continue
            if pattern in ("labelled", "ward", "lower_ward"):
                if all(_is_stop(w) for w in _LETTERS.findall(value)):
                    continue
                out.append(r)
                continue
            if pattern in ("at_site", "header_code"):
                if (
                    lx.is_clinical(value)
                    or value.lower() in lx.function_words()
                    or _TIME_OR_PLACE_WORD.fullmatch(value)
                ):
                    continue
                out.append(r)
                continue
            if text[r.start : r.end].split()[0].lower() not in (
                "hospital",
                "university",
                "clinic",
                "medical",
                "health",
            ):
                r.start = _name_start(text, r.start, r.end)
            words = _NAME_PIECES.findall(text[r.start : r.end])
            facility_words = _FACILITY_WORD.findall(text[r.start : r.end])
            # Trim leading generic words: "Transferred from Mercy Hospital" -> "Mercy Hospital".
            while (
                words
                and words[0].lower().strip(".") in GENERIC | lx.function_words()
                and not (
                    words[0].lower() == "our" and len(words) > 1 and words[1].lower() == "lady"
                )
            ):
                idx = text.index(words[0], r.start) + len(words[0])
                r.start = idx + (len(text[idx : r.end]) - len(text[idx : r.end].lstrip()))
                words = words[1:]
            if not words:
                continue
            bare = _WHOLE_FACILITY_WORD.sub(" ", text[r.start : r.end])
            name_words = [
                w
                for w in _LETTER_PIECES.findall(bare)
                if w.lower().strip(".") not in GENERIC and w not in ("&", "of", "OF")
            ]
            if not name_words:
                continue
            # In one-case text any word is capitalised: the name needs a word that is not
            # everyday English ("CALVERT HOSPITAL", not "CARDIAC REHAB").
            if styles.at(r.start) != "mixed" and not any(
                (lx.zipf(w) < 4.0 or (lx.is_name_word(w) and lx.zipf(w) < 5.5))
                and not lx.is_clinical(w)
                for w in name_words
            ):
                continue
            # "St. Mary's" alone is a facility when a saint's name follows; "St 5" is not.
            if not facility_words and not (
                len(words) > 1 and words[1].lower().rstrip("'’s") in lx.first_names()
            ):
                continue
            # "Foley Center" in capitals may be a device; "Bowen Surgical Pavilion" is a place.
            if styles.at(r.start) != "mixed" and all(lx.is_clinical(w) for w in name_words):
                continue
            out.append(r)
        return out


_LETTERS = regex.compile(r"\p{L}+")
_LETTER_PIECES = regex.compile(r"[\p{L}'’.&\-]+")
_NAME_PIECES = regex.compile(r"[A-Za-z'’.&\-]+")
_TIME_OR_PLACE_WORD = regex.compile(r"(?i)\d*(?:am|pm|hrs?|noon|home|bedside|rest)")
_FACILITY_WORD = regex.compile(rf"(?i){FACILITY_WORDS}")
_WHOLE_FACILITY_WORD = regex.compile(rf"(?i)\b(?:{FACILITY_WORDS})\b")
# No look-behind: matching from ``pos`` reads as matching the rest of the note.
_FACILITY_WORD_START = regex.compile(rf"(?i)(?:{FACILITY_WORDS})\b")


def _is_stop(word: str) -> bool:
    w = word.lower().strip(".,")
    if w in ("st", "mt", "saint", "our", "lady", "of", "&", "and"):
        return False  # "St. Elizabeth", "Our Lady of Lourdes", "Vein & Vascular"
    return w in DETERMINERS or w in lx.function_words()


def _facility_word_at(text: str, pos: int) -> bool:
    return bool(_FACILITY_WORD_START.match(text, pos))


def _name_start(text: str, start: int, end: int) -> int:
    """Start of the contiguous run of name words just before the facility word."""
    tokens = list(_NAME_PIECES.finditer(text[start:end]))
    first_facility = next(
        (i for i, t in enumerate(tokens) if _facility_word_at(text, start + t.start())), len(tokens)
    )
    i = first_facility
    while i > 0 and not _is_stop(tokens[i - 1].group()):
        i -= 1
    if i >= len(tokens):
        return start
    return start + tokens[i].start()


def site_terms_recognizer(terms: list[str]) -> GroupPatternRecognizer | None:
    """The site's own facility, ward and staff names, as whole words in any case.

    A ward number glued to the name ("Quartermain7" for a site term "Quartermain") counts too.
    """
    terms = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
    if not terms:
        return None
    alternatives = "|".join(
        regex.escape(t).replace(r"\ ", " ").replace(" ", r"[ \t]+") for t in terms
    )
    return GroupPatternRecognizer(
        EntityType.FACILITY.value,
        [
            GroupPattern(
                "site_term",
                rf"(?i)(?<![\w])(?:{alternatives})\d{{0,2}}(?![\w])",
                0.9,
                evidence=Evidence.LIST,
            )
        ],
        name="SiteTermsRecognizer",
    )
