"""Secret key loading and derivation.

One secret (``REDACTPHI_KEY``, ``Settings.key`` or a key file) is stretched with HKDF-SHA256 into
independent sub-keys, one per purpose (hash, encrypt, surrogate, date shift), so that no output of
one operator helps to attack another. Patient-scoped values are HMAC-SHA256 over the sub-key and a
normalised patient key: the same key and patient give the same values in every process, without a
database. The key itself is never logged, printed or put in an error message.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from redactphi.errors import ConfigurationError, KeyRequiredError

if TYPE_CHECKING:
    from redactphi.config import Settings

KEY_ENV = "REDACTPHI_KEY"
KEY_FILE_ENV = "REDACTPHI_KEY_FILE"
MIN_KEY_CHARS = 16
_SALT = b"redactphi/key/v1"

HOW_TO_SET = (
    f"set the environment variable {KEY_ENV}, or point key_file= / --key-file / "
    f"{KEY_FILE_ENV} at a file holding it (at least {MIN_KEY_CHARS} characters; "
    "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
)


class KeyMaterial:
    """A loaded secret and the sub-keys derived from it. The repr never shows key bytes."""

    __slots__ = ("_lock", "_master", "_subkeys")

    def __init__(self, secret: str | bytes) -> None:
        raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
        raw = raw.strip()
        if len(raw) < MIN_KEY_CHARS:
            raise ConfigurationError(
                f"the secret key is shorter than {MIN_KEY_CHARS} characters; {HOW_TO_SET}"
            )
        self._master = raw
        self._subkeys: dict[tuple[str, int], bytes] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return "KeyMaterial(<hidden>)"

    def subkey(self, purpose: str, length: int = 32) -> bytes:
        """An independent key for one purpose (HKDF-SHA256 expand of the secret)."""
        cache_key = (purpose, length)
        with self._lock:
            found = self._subkeys.get(cache_key)
            if found is None:
                found = HKDF(
                    algorithm=hashes.SHA256(),
                    length=length,
                    salt=_SALT,
                    info=f"redactphi/{purpose}/v1".encode(),
                ).derive(self._master)
                self._subkeys[cache_key] = found
        return found

    def mac(self, purpose: str, *parts: str) -> bytes:
        """HMAC-SHA256 of ``parts`` under the ``purpose`` sub-key; parts are length-prefixed so
        ("ab", "c") and ("a", "bc") never collide."""
        message = b"".join(
            len(encoded).to_bytes(4, "big") + encoded
            for encoded in (part.encode("utf-8") for part in parts)
        )
        return hmac.new(self.subkey(purpose), message, hashlib.sha256).digest()


def normalize_patient_key(value: str) -> str:
    """Patient keys compare without case, spaces or separators: ``mrn 00-123`` == ``MRN00123``."""
    return re.sub(r"[\W_]+", "", value).upper()


# Key files are re-read only when they change, so batches do not hit the disk for every note.
_file_cache: dict[tuple[str, int, int], KeyMaterial] = {}
_file_lock = threading.Lock()


def _from_file(path: Path) -> KeyMaterial:
    try:
        stat = path.stat()
        cache_key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
        with _file_lock:
            cached = _file_cache.get(cache_key)
        if cached is not None:
            return cached
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigurationError(
            f"cannot read key file {path}: {exc.__class__.__name__}; check the path and its "
            "permissions"
        ) from None
    if not raw.strip():
        raise KeyRequiredError(f"key file {path} is empty; {HOW_TO_SET}")
    material = KeyMaterial(raw)
    with _file_lock:
        _file_cache.clear()  # one key file in use at a time is the normal case
        _file_cache[cache_key] = material
    return material


def load_key(
    settings: Settings | None = None, key: str | bytes | KeyMaterial | None = None
) -> KeyMaterial | None:
    """The configured key, or None.

    Order: the ``key`` argument, ``settings.key_file``, ``settings.key``, then the environment
    read at call time (``REDACTPHI_KEY_FILE``, ``REDACTPHI_KEY``). A key file wins over a key
    because it is the deliberate choice (``--key-file``) while a variable may be ambient.
    """
    if isinstance(key, KeyMaterial):
        return key
    if key is not None:
        return KeyMaterial(key)
    if settings is not None:
        if settings.key_file is not None:
            return _from_file(Path(settings.key_file))
        if settings.key is not None and settings.key.get_secret_value().strip():
            return KeyMaterial(settings.key.get_secret_value())
    env_file = os.environ.get(KEY_FILE_ENV, "")
    if env_file.strip():
        return _from_file(Path(env_file))
    env_key = os.environ.get(KEY_ENV, "")
    if env_key.strip():
        return KeyMaterial(env_key)
    return None


def require_key(
    settings: Settings | None,
    key: str | bytes | KeyMaterial | None,
    what: str,
) -> KeyMaterial:
    """The configured key, or :class:`KeyRequiredError` saying how to set one."""
    material = load_key(settings, key)
    if material is None:
        raise KeyRequiredError(f"{what} needs a secret key and none is configured; {HOW_TO_SET}")
    return material
