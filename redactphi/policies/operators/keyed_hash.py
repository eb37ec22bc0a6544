"""``hash``: keyed HMAC-SHA256 of the value, truncated hex, in a template: ``[NAME:3f9a1c2b]``.

Case and spacing are ignored (``john  SMITH`` hashes like ``John Smith``); the key, the scope
(a patient, or ``global``) and the entity type all change the digest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from redactphi.policies.keys import KeyMaterial
from redactphi.policies.operators._base import SpecOperator, per_line
from redactphi.policies.templates import render


@dataclass(frozen=True, slots=True)
class HashSpec:
    entity_type: str
    key: KeyMaterial = field(repr=False)
    scope: str = field(repr=False)  # "patient:<MRN>" would name the patient
    length: int = 8
    template: str = "[{type}:{digest}]"


def _normal(value: str) -> str:
    return " ".join(value.split()).casefold()


def hash_token(
    value: str,
    entity_type: str,
    key: KeyMaterial,
    scope: str,
    length: int = 8,
    template: str = "[{type}:{digest}]",
) -> str:
    digest = key.mac("hash", scope, entity_type, _normal(value)).hex()[:length]
    return render(template, type=entity_type, digest=digest)


class KeyedHash(SpecOperator[HashSpec]):
    name = "hash"
    spec_type = HashSpec

    def apply(self, text: str, spec: HashSpec) -> str:
        return per_line(
            text,
            lambda part: hash_token(
                part, spec.entity_type, spec.key, spec.scope, spec.length, spec.template
            ),
        )
