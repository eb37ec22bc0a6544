"""``keep``: the text stays as it is (for types a use case may keep, such as STATE)."""

from __future__ import annotations

from dataclasses import dataclass

from redactphi.policies.operators._base import SpecOperator


@dataclass(frozen=True, slots=True)
class KeepSpec:
    pass


def keep(value: str) -> str:
    return value


class Keep(SpecOperator[KeepSpec]):
    name = "keep"
    spec_type = KeepSpec

    def apply(self, text: str, spec: KeepSpec) -> str:
        return keep(text)
