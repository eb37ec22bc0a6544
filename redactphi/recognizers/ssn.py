"""US Social Security numbers: ``123-45-6789`` anywhere, nine bare digits only after a label.

Validated by SSA rules (python-stdnum): no area 000/666/9xx, group 00 or serial 0000.
"""

from __future__ import annotations

from redactphi.models import EntityType, Evidence
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer
from redactphi.recognizers._checksums import ssn_valid


def _check(value: str) -> bool | None:
    return ssn_valid(value) or False


class SsnRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.SSN.value,
            [
                GroupPattern(
                    "dashed",
                    r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])",
                    0.85,
                    validate=_check,
                    evidence=Evidence.FORMAT,
                ),
                GroupPattern(
                    "labelled",
                    r"(?i)\b(?:ssn|ss#|ss\s*no|social\s+security(?:\s+(?:no|number|#))?)\.?"
                    r"\s*[:#]?\s*(?P<v>\d{3}[ -]?\d{2}[ -]?\d{4})\b",
                    0.95,
                    "v",
                    evidence=Evidence.LABEL,
                ),
            ],
            name="SsnRecognizer",
        )
