"""``tag``: a typed tag such as ``[NAME]``; a span over several lines gets one tag a line."""

from __future__ import annotations

from dataclasses import dataclass

from redactphi.policies.operators._base import SpecOperator, per_line
from redactphi.policies.templates import render


@dataclass(frozen=True, slots=True)
class TagSpec:
    entity_type: str
    template: str = "[{type}]"


def tag(entity_type: str, template: str = "[{type}]") -> str:
    return render(template, type=entity_type)


class Tag(SpecOperator[TagSpec]):
    name = "tag"
    spec_type = TagSpec

    def apply(self, text: str, spec: TagSpec) -> str:
        return per_line(text, lambda _: tag(spec.entity_type, spec.template))
