"""Operators: pure functions from one finding's text to its replacement.

Each takes the original text and its parameters and returns the new text; none keeps state.
Operators that need context (role placeholders over the whole note, the patient's date offset)
receive it as arguments computed once per note by :mod:`redactphi.policies.apply`.
"""

from __future__ import annotations

import base64
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from redactphi.errors import ConfigurationError
from redactphi.policies.keys import KeyMaterial

# [[PHI:NAME:base64url]]: no whitespace, so it survives copy and paste and word wrapping tools.
TOKEN_RE = re.compile(r"\[\[PHI:([A-Z][A-Z0-9_]{0,31}):([A-Za-z0-9_-]{22,})\]\]")
_NUMBER = re.compile(r"\d+")


def tag(entity_type: str, template: str = "[{type}]") -> str:
    return template.format(type=entity_type)


def role(label: str, entity_type: str = "NAME", template: str = "[{role}]") -> str:
    return template.format(role=label, type=entity_type)


def mask(value: str, char: str = "*", keep_whitespace: bool = True) -> str:
    """Same length; line breaks always stay so the layout of the note survives."""
    return "".join(c if c in "\r\n" or (keep_whitespace and c.isspace()) else char for c in value)


def keep(value: str) -> str:
    return value


def age90(value: str, text: str = "90+") -> str:
    """``92`` -> ``90+``; ``92-year-old`` -> ``90+-year-old``; words (``ninety-two``) -> ``90+``."""
    if _NUMBER.search(value) is None:
        return text
    return _NUMBER.sub(text, value, count=1)


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
    """Keyed HMAC-SHA256 of the normalised value (case and spacing ignored), truncated hex."""
    digest = key.mac("hash", scope, entity_type, _normal(value)).hex()[:length]
    return template.format(type=entity_type, digest=digest)


def _siv(key: KeyMaterial) -> AESSIV:
    return AESSIV(key.subkey("encrypt", 64))  # AES-256-SIV takes a 512-bit key


def encrypt_token(value: str, entity_type: str, key: KeyMaterial) -> str:
    """Deterministic AES-SIV: one value gives one token, so the output stays consistent.

    The entity type is authenticated as associated data: a token cannot be relabelled.
    """
    sealed = _siv(key).encrypt(value.encode("utf-8"), [entity_type.encode("ascii")])
    body = base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")
    return f"[[PHI:{entity_type}:{body}]]"


def decrypt_token(entity_type: str, body: str, key: KeyMaterial) -> str:
    padded = body + "=" * (-len(body) % 4)
    sealed = base64.urlsafe_b64decode(padded)
    return _siv(key).decrypt(sealed, [entity_type.encode("ascii")]).decode("utf-8")


def reidentify(text: str, key: KeyMaterial) -> str:
    """Replace every ``[[PHI:TYPE:...]]`` token with its original text.

    A token that does not open with this key (wrong key, damaged token) raises
    :class:`ConfigurationError` naming its position, never its content.
    """
    out: list[str] = []
    cursor = 0
    for match in TOKEN_RE.finditer(text):
        try:
            plain = decrypt_token(match.group(1), match.group(2), key)
        except (InvalidTag, ValueError):
            raise ConfigurationError(
                f"token at offset {match.start()} cannot be decrypted: wrong key or damaged "
                "token (use the key that produced it)"
            ) from None
        out.append(text[cursor : match.start()])
        out.append(plain)
        cursor = match.end()
    out.append(text[cursor:])
    return "".join(out)
