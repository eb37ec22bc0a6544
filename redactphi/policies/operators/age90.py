"""``age90``: an age over 89 becomes ``90+`` and keeps its wording (``90+-year-old``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from redactphi.policies.operators._base import SpecOperator, keep_breaks

_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Age90Spec:
    text: str = "90+"


def age90(value: str, text: str = "90+") -> str:
    """``92`` -> ``90+``; ``92-year-old`` -> ``90+-year-old``; words (``ninety-two``) -> ``90+``."""
    if _NUMBER.search(value) is None:
        return text
    return _NUMBER.sub(lambda _: text, value, count=1)  # text is data, not a regex template


class Age90(SpecOperator[Age90Spec]):
    name = "age90"
    spec_type = Age90Spec

    def apply(self, text: str, spec: Age90Spec) -> str:
        return keep_breaks(text, age90(text, spec.text))
