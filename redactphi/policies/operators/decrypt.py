"""``decrypt``: the deanonymizer of ``encrypt``; one ``[[PHI:TYPE:...]]`` token back to its text.

A token that does not open with the key (wrong key, damaged or relabelled token) raises
:class:`ConfigurationError` naming its offset, never its content.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from presidio_anonymizer.operators import OperatorType

from redactphi.errors import ConfigurationError
from redactphi.policies.keys import KeyMaterial
from redactphi.policies.operators._base import SpecOperator
from redactphi.policies.operators.encrypt import TOKEN_RE, siv


@dataclass(frozen=True, slots=True)
class DecryptSpec:
    key: KeyMaterial = field(repr=False)
    offset: int = 0  # where the token starts, for the error message


def decrypt_token(entity_type: str, body: str, key: KeyMaterial) -> str:
    padded = body + "=" * (-len(body) % 4)
    sealed = base64.urlsafe_b64decode(padded)
    return siv(key).decrypt(sealed, [entity_type.encode("ascii")]).decode("utf-8")


class SivDecrypt(SpecOperator[DecryptSpec]):
    name = "decrypt"
    spec_type = DecryptSpec
    kind = OperatorType.Deanonymize

    def apply(self, text: str, spec: DecryptSpec) -> str:
        match = TOKEN_RE.fullmatch(text)
        try:
            if match is None:
                raise ValueError("not a token")
            return decrypt_token(match.group(1), match.group(2), spec.key)
        except (InvalidTag, ValueError):
            raise ConfigurationError(
                f"token at offset {spec.offset} cannot be decrypted: wrong key or damaged "
                "token (use the key that produced it)"
            ) from None
