"""``mask``: every character becomes one symbol; the length and the line breaks stay."""

from __future__ import annotations

from dataclasses import dataclass

from redactphi.policies.operators._base import SpecOperator


@dataclass(frozen=True, slots=True)
class MaskSpec:
    char: str = "*"
    keep_whitespace: bool = True


def mask(value: str, char: str = "*", keep_whitespace: bool = True) -> str:
    """Same length; line breaks always stay so the layout of the note survives."""
    return "".join(c if c in "\r\n" or (keep_whitespace and c.isspace()) else char for c in value)


class Mask(SpecOperator[MaskSpec]):
    name = "mask"
    spec_type = MaskSpec

    def apply(self, text: str, spec: MaskSpec) -> str:
        return mask(text, spec.char, spec.keep_whitespace)
