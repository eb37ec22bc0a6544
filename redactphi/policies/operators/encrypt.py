"""``encrypt``: deterministic AES-SIV, written as a token ``[[PHI:NAME:base64url]]``.

One value gives one token, so the output stays consistent. The entity type is authenticated as
associated data, so a token cannot be relabelled. :mod:`.decrypt` turns tokens back.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from redactphi.policies.keys import KeyMaterial
from redactphi.policies.operators._base import SpecOperator, per_line

# No whitespace, so a token survives copy and paste and word-wrapping tools.
TOKEN_RE = re.compile(r"\[\[PHI:([A-Z][A-Z0-9_]{0,31}):([A-Za-z0-9_-]{22,})\]\]")


@dataclass(frozen=True, slots=True)
class EncryptSpec:
    entity_type: str
    key: KeyMaterial = field(repr=False)


def siv(key: KeyMaterial) -> AESSIV:
    return AESSIV(key.subkey("encrypt", 64))  # AES-256-SIV takes a 512-bit key


def encrypt_token(value: str, entity_type: str, key: KeyMaterial) -> str:
    sealed = siv(key).encrypt(value.encode("utf-8"), [entity_type.encode("ascii")])
    body = base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")
    return f"[[PHI:{entity_type}:{body}]]"


class SivEncrypt(SpecOperator[EncryptSpec]):
    name = "encrypt"
    spec_type = EncryptSpec

    def apply(self, text: str, spec: EncryptSpec) -> str:
        return per_line(text, lambda part: encrypt_token(part, spec.entity_type, spec.key))
