"""``date_shift``: a date moved by the patient's offset, written in its own format.

The offset (derived from the key and the patient) and the year for dates written without one
are worked out once per note and passed in the spec. The policy layer sends a date here only
when it can be shifted; anything else is tagged, so a date is never left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from presidio_anonymizer.entities import InvalidParamError

from redactphi.policies.dates import shift_text
from redactphi.policies.operators._base import SpecOperator, keep_breaks


@dataclass(frozen=True, slots=True)
class DateShiftSpec:
    days: int = field(repr=False)  # the patient's offset: a secret that undoes the shift
    reference_year: int
    keep_year: bool = False


class DateShift(SpecOperator[DateShiftSpec]):
    name = "date_shift"
    spec_type = DateShiftSpec

    def apply(self, text: str, spec: DateShiftSpec) -> str:
        shifted = shift_text(text, spec.days, spec.reference_year, spec.keep_year)
        if shifted is None:  # the caller checks first; failing closed beats leaving a date
            raise InvalidParamError("date_shift got a date it cannot shift")
        return keep_breaks(text, shifted)
