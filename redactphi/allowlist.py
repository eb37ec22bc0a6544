"""The allow layer: clinical content a coder needs, never redacted.

- procedure and diagnosis codes: CPT (incl. Category II/III such as ``0489T``), HCPCS Level II,
  ICD-10-CM, NUCC taxonomy codes, and modifiers after a code;
- eponyms used as terms: a name followed by a device, sign or anatomical noun
  ("Kelly clamp", "Scarpa's triangle", "Van Assche index", "Raynaud's phenomenon");
- grading systems named after a place ("Montreal classification", "Cleveland Clinic score");
- clinical words that name lists also hold (``data/clinical_terms.txt``) and the user's
  ``allow_terms``.

The finding's evidence decides, never its score: only findings that rest on weak evidence (a
shape, a hint, a word list, a model, memory) are dropped; a labelled identifier ("MRN: 0489T") or
a name in a header field stays redacted, and a name found by a cue ("Dr. Kelly") still gives way
to an eponym's noun ("Kelly clamp").
"""

from __future__ import annotations

import regex

from redactphi.models import FIRM, OUTRANKS_EPONYM, Category, Finding, category_of
from redactphi.recognizers import lexicons as lx

CODE = regex.compile(
    r"""(?x)
    \d{4}[0-9FTU]                       # CPT, Category II (F) and III (T)
    | [A-V]\d{4}                        # HCPCS Level II
    | [A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?   # ICD-10-CM
    | \d{3}[0-9A-Z]\d{5}X               # NUCC taxonomy
    | \d{5}-(?:\d{2}|[A-Z]{2})          # code-modifier
    """
)
EPONYM_NOUNS = (
    r"clamp|clamps|forceps|retractor|retractors|scissors|needle|catheter|drain|probe|elevator"
    r"|solution|triangle|canal|fascia|space|pouch|line|ligament|duct|node|nodes|area|sign|test"
    r"|maneuver|manoeuvre|position|procedure|operation|classification|index|score|scale"
    r"|criteria|disease|syndrome|phenomenon|fistula|incision|stitch|suture|technique|method"
    r"|flap|cannula|tube|valve|gland|glands|fracture|lactate|bag|dressing|approach|loop|plexus"
    r"|muscle|nerve|artery|vein|point|grade|stage|type|method|repair"
)
# Both are matched where a finding ends (``match(text, end)``: no copy of the rest of the note),
# and cross a blank run possessively, once.
_EPONYM_AFTER = regex.compile(rf"(?i)(?:'s|’s|s')?[ \t]++(?:[a-z]+[ \t]++)?(?:{EPONYM_NOUNS})\b")
# Grading systems named after a city or a hospital ("Montreal classification", "Cleveland Clinic
# score", "Los Angeles grade"): the place names the system, not where the patient was.
_LETTERS = regex.compile(r"[\p{L}'’\-]+")
_SYSTEM_AFTER = regex.compile(
    r"(?i)(?:'s|’s)?[ \t]++(?:[a-z]+[ \t]++){0,2}?(?:classification|criteria|score|scale|index"
    r"|grade|grading|staging|stage|questionnaire|formula|equation|rules?|algorithm|nomogram)\b"
)


def before_eponym_noun(text: str, end: int) -> bool:
    """True when a name ending at ``end`` is an eponym: its noun follows ("Kelly clamp",
    "Allen test", "Klein tumescent solution")."""
    return _EPONYM_AFTER.match(text, end) is not None


class AllowList:
    def __init__(self, extra_terms: list[str] | None = None) -> None:
        self.terms = {t.lower() for t in (extra_terms or [])}

    def keeps(self, text: str, finding: Finding) -> bool:
        """True when ``finding`` is clinical content that must stay."""
        value = text[finding.start : finding.end]
        if value.lower() in self.terms:
            return True
        category = category_of(finding.entity_type)
        # An eponym before its noun ("Allen test", "Kelly clamp") is a term even when a cue
        # found the name; only evidence that the value is an identifier (a header) outranks it.
        if (
            finding.entity_type == "NAME"
            and finding.evidence not in OUTRANKS_EPONYM
            and before_eponym_noun(text, finding.end)
        ):
            return True
        if finding.evidence in FIRM:
            return False
        if category == Category.LOCATION and _SYSTEM_AFTER.match(text, finding.end):
            return True
        if category in (Category.ID, Category.CONTACT) and CODE.fullmatch(value):
            return True
        # Names handle clinical words themselves (a clinical word can be a surname after a
        # first name); places rely on this check.
        if category == Category.LOCATION:
            words = _LETTERS.findall(value)
            if words and all(
                lx.is_clinical(w.lower().rstrip("'’s"))
                or lx.is_clinical(w)
                or w.lower() in self.terms
                for w in words
            ):
                return True
        return False
