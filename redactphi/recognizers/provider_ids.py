"""Provider and licence numbers: NPI (Luhn with prefix 80840), DEA (check digit), licences.

Unlabelled NPIs need the checksum; a labelled value needs only its label. A failed checksum
after an ``NPI`` label still counts: a mistyped identifier is still an identifier.
"""

from __future__ import annotations

from redactphi.models import EntityType, Evidence
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer
from redactphi.recognizers._checksums import dea_valid, npi_valid


class ProviderIdRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.LICENSE.value,
            [
                GroupPattern(
                    "npi_labelled",
                    r"(?i)\bnpi\b\s*(?:no\.?|number|#)?\s*[:#]?\s*(?P<v>\d{10})\b",
                    0.95,
                    "v",
                    evidence=Evidence.LABEL,
                ),
                GroupPattern(
                    "npi",
                    r"(?<![\d-])[12]\d{9}(?![\d-])",
                    0.8,
                    validate=lambda v: None if npi_valid(v) else False,
                ),
                GroupPattern(
                    "dea_labelled",
                    r"(?i)\bdea\b\s*(?:no\.?|number|#)?\s*[:#]?\s*(?P<v>[A-Z]{2}\d{7})\b",
                    0.95,
                    "v",
                    evidence=Evidence.LABEL,
                ),
                GroupPattern(
                    "dea",
                    r"\b[ABCDEFGHJKLMPRSTUX][A-Z]\d{7}\b",
                    0.5,
                    flags=0,
                    validate=lambda v: dea_valid(v) or False,
                ),
                GroupPattern(
                    "licence",
                    r"(?i)\b(?:(?:state|medical|nursing|rn|md|professional|board)\s+)?"
                    r"(?:licen[cs]e|lic)\b\.?\s*(?:no\.?|number|#)?\s*[:#]?\s*"
                    r"(?P<v>(?=[A-Z0-9\-]{0,15}\d)[A-Z0-9][A-Z0-9\-]{2,15}[A-Z0-9])\b",
                    0.9,
                    "v",
                    evidence=Evidence.LABEL,
                ),
            ],
            name="ProviderIdRecognizer",
        )
