"""``role``: a name becomes its role placeholder (``[SURGEON]``, ``[PROVIDER_2]``).

The label comes from the role assignment of the whole note (:mod:`redactphi.policies.roles`),
made once per note and passed in the spec.
"""

from __future__ import annotations

from dataclasses import dataclass

from redactphi.policies.operators._base import SpecOperator, keep_breaks
from redactphi.policies.templates import render


@dataclass(frozen=True, slots=True)
class RoleSpec:
    label: str
    entity_type: str = "NAME"
    template: str = "[{role}]"


def role(label: str, entity_type: str = "NAME", template: str = "[{role}]") -> str:
    return render(template, role=label, type=entity_type)


class RoleTag(SpecOperator[RoleSpec]):
    name = "role"
    spec_type = RoleSpec

    def apply(self, text: str, spec: RoleSpec) -> str:
        return keep_breaks(text, role(spec.label, spec.entity_type, spec.template))
