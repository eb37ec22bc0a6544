"""``surrogate``: a realistic value of the same shape, consistent for one patient.

The generator (:class:`~redactphi.policies.surrogates.Surrogates`) is built once per note for
the key and the patient scope and passed in the spec. Dates never come here: a surrogate date
is a shifted date (:mod:`.date_shift`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redactphi.policies.operators._base import SpecOperator, per_line
from redactphi.policies.surrogates import Surrogates


@dataclass(frozen=True, slots=True)
class SurrogateSpec:
    entity_type: str
    generator: Surrogates = field(repr=False)


class Surrogate(SpecOperator[SurrogateSpec]):
    name = "surrogate"
    spec_type = SurrogateSpec

    def apply(self, text: str, spec: SurrogateSpec) -> str:
        return per_line(text, lambda part: spec.generator.replace(spec.entity_type, part))
