"""Phone, fax and pager numbers (phonenumbers), email addresses, URLs and IP addresses."""

from __future__ import annotations

import ipaddress

import phonenumbers
import regex
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.models import EntityType, Evidence
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer, anchor_lines

PHONE_SHAPE = regex.compile(
    r"(?:\+?1[ .\-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .\-/]?)\d{3}[ .\-]?\d{4}"
    r"(?:[ ]*(?:x|ext\.?|extension)[ ]*\d{1,6})?"
)
FAX_CUE = regex.compile(r"(?i)\bfax\b[^\n\d]{0,12}$")
# Ten digits however grouped: the value of a labelled phone number.
PHONE_VALUE = r"\(?\d{3}\)?[ .\-]?\d{3}[ .\-]?\d{4,5}"
PHONE_CUE = r"(?:phone|ph|tel|telephone|cell|mobile|home|work|office|contact|call|pager|beeper|pgr|pg|page|bpr|ext|extension|x)"


class ClinicalPhoneRecognizer(GroupPatternRecognizer):
    """Phone and fax numbers: Google's phonenumbers matcher, plus pagers and extensions."""

    def __init__(self) -> None:
        super().__init__(
            EntityType.PHONE.value,
            [
                GroupPattern(
                    "pager",
                    # Possessive runs: a long blank run after "x" must not backtrack.
                    r"(?i)\b(?:pager|beeper|pgr|pg|page|bpr|ext|extension|x)\b\.?\s*+"
                    r"(?:(?:no\.?|#|number)\s*+)?[:#]?\s*+#?\s*+(?P<v>\d{4,6})\b",
                    0.9,
                    "v",
                    evidence=Evidence.LABEL,
                ),
                GroupPattern(
                    "loose",
                    r"(?<![\d/.\-])(?:\(\d{3}\)[ ]?\d{3}[ .\-]\d{4}|\d{3}([.\-])\d{3}\1\d{4}"
                    r"|\d{3}[ ]\d{3}-\d{4}|\d{3}/\d{3}-\d{4}|\d{3}[ ]\d{3}[ ]\d{4})(?![\d/])",
                    0.55,
                ),
                # EHR and fax-cover spacing: "555/201-4477", "(555)/201-4477", "555 - 201 - 4477".
                # NANP area codes and exchanges never start with 0 or 1, which keeps ranges out.
                # The look-behinds follow the first character, so only "(" and 2-9 start a try.
                GroupPattern(
                    "spaced",
                    r"(?:\((?<![\d/.\-][ ]{0,2}\()[2-9]\d{2}\)"
                    r"|[2-9](?<![\d/.\-][ ]{0,2}[2-9])(?<!\([2-9])\d{2})(?:[ ]{0,2}/[ ]{0,2}"
                    r"[2-9]\d{2}[ ]{0,2}-[ ]{0,2}|[ ]{1,2}-[ ]{1,2}[2-9]\d{2}[ ]{1,2}-[ ]{1,2})\d{4}"
                    r"(?![\d/]|[ ]{0,2}-[ ]{0,2}\d|[ ]*(?i:mg|mcg|ml|cc|units?|u\b|%|k\b|/))",
                    0.7,
                ),
                # Ten or eleven digits in parentheses, however grouped: "(301 273 45166)".
                GroupPattern(
                    "parenthesised",
                    r"(?<=\()(?=(?:[ \-]*\d){10,11}[ \-]*\))\d[\d \-]{8,14}\d(?=\))",
                    0.7,
                ),
                GroupPattern(
                    "labelled_loose",
                    rf"(?i)\b{PHONE_CUE}\b[^\n\d]{{0,10}}(?P<v>{PHONE_VALUE})(?![\d\-])",
                    0.75,
                    "v",
                    evidence=Evidence.HINT,
                    cue=PHONE_VALUE,
                ),
            ],
            name="ClinicalPhoneRecognizer",
            also=[EntityType.FAX.value],
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for start, end in phone_numbers(text):
            results.append(self._result(start, end, 0.85, "phonenumbers", evidence=Evidence.FORMAT))
        for r in results:
            if FAX_CUE.search(text[max(0, r.start - 30) : r.start]):
                r.entity_type = EntityType.FAX.value
        return results


def phone_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers Google's matcher finds that have a phone's shape.

    The matcher reads only the lines holding a phone shape: only those shapes are kept, and its
    candidates never cross a line break, so the other lines' digit runs (doses, vitals, dates)
    would be parsed for nothing.
    """
    out = []
    for line_start, line_end, _ in anchor_lines(PHONE_SHAPE, text):
        line = text[line_start:line_end]
        for match in phonenumbers.PhoneNumberMatcher(line, "US", phonenumbers.Leniency.POSSIBLE):
            start, end = line_start + match.start, line_start + match.end
            # The matcher also accepts runs of vitals ("7 50 60 100"); keep phone shapes only.
            # NANP area codes and exchanges never start with 0 or 1 ("1748392051" is an NPI).
            national = str(match.number.national_number)
            if (
                not PHONE_SHAPE.fullmatch(match.raw_string)
                or (start > 0 and text[start - 1].isdigit())
                or (match.number.country_code == 1 and (national[0] in "01" or national[3] in "01"))
            ):
                continue
            out.append((start, end))
    return out


class ClinicalEmailRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.EMAIL.value,
            [
                GroupPattern(
                    "email",
                    r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,24}\b",
                    0.95,
                    evidence=Evidence.FORMAT,
                )
            ],
            name="ClinicalEmailRecognizer",
        )


TOP_LEVEL_DOMAIN = r"\.(?:com|org|net|edu|gov|io|health|us|info|biz|care)"


class ClinicalUrlRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.URL.value,
            [
                GroupPattern(
                    "scheme",
                    r"\b(?:https?|ftp)://(?:[^\s<>\"')\]]|'(?=\w))+",
                    0.95,
                    evidence=Evidence.FORMAT,
                ),
                GroupPattern(
                    "www",
                    r"\bwww\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+[^\s<>\"')\]]*",
                    0.9,
                    evidence=Evidence.FORMAT,
                ),
                GroupPattern(
                    "bare_domain",
                    # Starts only where a host name can start: a dotted run is scanned once.
                    r"(?<![A-Za-z0-9\-.])[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
                    + TOP_LEVEL_DOMAIN
                    + r"(?:/[^\s<>\"')\]]*)?\b",
                    0.7,
                    cue=TOP_LEVEL_DOMAIN,
                ),
            ],
            name="ClinicalUrlRecognizer",
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        # An email's domain is part of the email, not a URL of its own.
        return [
            r
            for r in results
            if not (r.start > 0 and text[r.start - 1] == "@") and "@" not in text[r.start : r.end]
        ]


def _ip(value: str) -> bool | None:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class IpAddressRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.IP_ADDRESS.value,
            [
                GroupPattern(
                    "ipv4", r"(?<![\w./])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)", 0.8, validate=_ip
                ),
                # Any run of hex digits and colons with two or more colons; ipaddress decides.
                GroupPattern(
                    "ipv6",
                    r"(?<![\w:])(?=[0-9A-Fa-f:]*[A-Fa-f:]{2})[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
                    r"(?![\w:])",
                    0.8,
                    validate=_ip,
                ),
            ],
            name="IpAddressRecognizer",
        )
