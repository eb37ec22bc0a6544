"""redactphi's operators, registered with Presidio's anonymizer (one operator a file).

Each operator is a Presidio ``Operator`` (see :mod:`._base`) named as in a policy: ``tag``,
``role``, ``mask``, ``keep``, ``age90``, ``hash``, ``encrypt``, ``surrogate``, ``date_shift``;
``decrypt`` is the deanonymizer of ``encrypt``. :func:`anonymizer` and :func:`deanonymizer`
are the Presidio engines that run them, built once per process (they keep no per-call state).
The plain functions (``tag``, ``mask``, ``hash_token`` ...) are the operators' pure cores.
"""

from __future__ import annotations

from functools import cache

from presidio_anonymizer import AnonymizerEngine, DeanonymizeEngine
from presidio_anonymizer.entities import OperatorResult

from redactphi.policies.keys import KeyMaterial
from redactphi.policies.operators._base import SPEC, SpecOperator
from redactphi.policies.operators.age90 import Age90, Age90Spec, age90
from redactphi.policies.operators.date_shift import DateShift, DateShiftSpec
from redactphi.policies.operators.decrypt import DecryptSpec, SivDecrypt, decrypt_token
from redactphi.policies.operators.encrypt import TOKEN_RE, EncryptSpec, SivEncrypt, encrypt_token
from redactphi.policies.operators.keep import Keep, KeepSpec, keep
from redactphi.policies.operators.keyed_hash import HashSpec, KeyedHash, hash_token
from redactphi.policies.operators.mask import Mask, MaskSpec, mask
from redactphi.policies.operators.role import RoleSpec, RoleTag, role
from redactphi.policies.operators.surrogate import Surrogate, SurrogateSpec
from redactphi.policies.operators.tag import Tag, TagSpec, tag

# Our names replace Presidio's built-ins of the same name (mask, hash, encrypt, keep) in our
# own engine only: a policy names exactly the operator that runs.
ANONYMIZERS: tuple[type[SpecOperator], ...] = (
    Tag, RoleTag, Mask, Keep, Age90, KeyedHash, SivEncrypt, Surrogate, DateShift,
)  # fmt: skip


@cache
def anonymizer() -> AnonymizerEngine:
    engine = AnonymizerEngine()
    for operator in ANONYMIZERS:
        engine.add_anonymizer(operator)
    return engine


@cache
def deanonymizer() -> DeanonymizeEngine:
    engine = DeanonymizeEngine()
    engine.add_deanonymizer(SivDecrypt)
    return engine


def reidentify(text: str, key: KeyMaterial) -> str:
    """Replace every ``[[PHI:TYPE:...]]`` token with its original text, through Presidio's
    ``DeanonymizeEngine``.

    A token that does not open with this key (wrong key, damaged token) raises
    :class:`~redactphi.errors.ConfigurationError` naming its offset, never its content.
    """
    entities: list[OperatorResult] = []
    configs = {}
    for index, match in enumerate(TOKEN_RE.finditer(text)):
        slot = f"TOKEN_{index}"  # one config per token: each carries its own offset
        entities.append(OperatorResult(match.start(), match.end(), slot, match.group(0), "encrypt"))
        configs[slot] = SivDecrypt.config(DecryptSpec(key, match.start()))
    if not entities:
        return text
    return str(deanonymizer().deanonymize(text, entities, configs).text)


__all__ = [
    "ANONYMIZERS",
    "SPEC",
    "TOKEN_RE",
    "Age90",
    "Age90Spec",
    "DateShift",
    "DateShiftSpec",
    "DecryptSpec",
    "EncryptSpec",
    "HashSpec",
    "Keep",
    "KeepSpec",
    "KeyedHash",
    "Mask",
    "MaskSpec",
    "RoleSpec",
    "RoleTag",
    "SivDecrypt",
    "SivEncrypt",
    "SpecOperator",
    "Surrogate",
    "SurrogateSpec",
    "Tag",
    "TagSpec",
    "age90",
    "anonymizer",
    "deanonymizer",
    "decrypt_token",
    "encrypt_token",
    "hash_token",
    "keep",
    "mask",
    "reidentify",
    "role",
    "tag",
]
