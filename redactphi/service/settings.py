"""Service settings: one class reads every option from arguments or ``REDACTPHI_*`` variables.

The engine's own settings (model name, ``max_chars``, term lists, secret key) stay in
:class:`redactphi.config.Settings`; both read the same environment, neither clashes with the other.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from redactphi.errors import ConfigurationError

LogLevel = Literal["critical", "error", "warning", "info", "debug"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
# One op note is a few KB; a quarter MiB is ample and keeps one request's analysis short.
DEFAULT_MAX_NOTE_BYTES = 256 * 1024
DEFAULT_MAX_BATCH_DOCS = 64
DEFAULT_MAX_CONCURRENCY = 2
DEFAULT_QUEUE_SIZE = 32
DEFAULT_ANALYSIS_TIMEOUT = 30.0
DEFAULT_RATE_LIMIT = "300/minute"
DEFAULT_RECURRING_CHUNKS = 20_000

# Keys shorter than this are refused everywhere; off loopback a key needs STRONG_KEY_CHARS
# characters with at least STRONG_KEY_DISTINCT different ones (token_urlsafe(32) gives 43).
MIN_KEY_CHARS = 16
STRONG_KEY_CHARS = 32
STRONG_KEY_DISTINCT = 12

# What a key may do beyond tags and masks. The keyed operators are scopes of their own: with
# them a caller can learn a patient's date shift or test guessed names against a hashed
# release. `reidentify` is reserved for a route that decrypts `encrypt` tokens.
KEYED_SCOPES = ("date_shift", "surrogate", "hash", "encrypt")
SCOPES = (*KEYED_SCOPES, "reidentify")


class UnsafeBindError(ConfigurationError):
    """No API keys are configured and the host is not loopback."""


class ServiceSettings(BaseSettings):
    """Settings of the REST service (``redactphi serve``)."""

    model_config = SettingsConfigDict(env_prefix="REDACTPHI_", extra="ignore")

    host: str = Field(default=DEFAULT_HOST, min_length=1, description="interface to bind")
    port: int = Field(
        default=DEFAULT_PORT, ge=0, le=65535, description="TCP port; 0 picks a free one"
    )
    workers: int = Field(default=1, ge=1, le=64, description="worker processes, one model each")
    policy: str | None = Field(
        default=None, description="default policy (preset name) when a request names none"
    )
    max_body_bytes: int = Field(
        default=DEFAULT_MAX_BODY_BYTES, gt=0, description="largest request body"
    )
    max_note_bytes: int = Field(
        default=DEFAULT_MAX_NOTE_BYTES,
        gt=0,
        description="largest body of the single-note routes (/v1/redact, /v1/analyze)",
    )
    max_batch_docs: int = Field(
        default=DEFAULT_MAX_BATCH_DOCS, gt=0, description="documents per batch"
    )
    analysis_timeout: float = Field(
        default=DEFAULT_ANALYSIS_TIMEOUT,
        gt=0,
        le=3600,
        description="seconds a request may wait for and run its analysis; then 504",
    )
    rate_limit: str = Field(
        default=DEFAULT_RATE_LIMIT,
        description="requests per API key (or per client address without keys) on /v1, "
        "e.g. '300/minute' or '20/second;600/hour'; empty turns it off",
    )
    max_concurrency: int = Field(
        default=DEFAULT_MAX_CONCURRENCY, gt=0, description="analyses running at once per worker"
    )
    queue_size: int = Field(
        default=DEFAULT_QUEUE_SIZE,
        ge=0,
        description="requests allowed to wait for a slot; then 503",
    )
    retry_after: int = Field(default=1, ge=1, description="seconds sent in Retry-After with a 503")
    recurring_chunks: int = Field(
        default=DEFAULT_RECURRING_CHUNKS,
        ge=0,
        le=1_000_000,
        description="chunks that recur from note to note (and no finding touched) kept split "
        "across memory zones, about 250 bytes each; 0 learns none",
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="bearer keys, comma-separated in REDACTPHI_API_KEYS; a key may be followed "
        "by its scopes, space-separated ('KEY hash surrogate')",
    )
    api_keys_file: Path | None = Field(default=None, description="file with one API key per line")
    insecure_no_auth: bool = Field(
        default=False, description="allow a non-loopback bind without API keys"
    )
    metrics_public: bool = Field(
        default=False, description="serve /metrics without a key even when API keys are configured"
    )
    log_level: LogLevel = "info"

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split_keys(cls, value: object) -> object:
        if isinstance(value, str | SecretStr):
            raw = value.get_secret_value() if isinstance(value, SecretStr) else value
            return [part.strip() for part in raw.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("rate_limit")
    @classmethod
    def _rate(cls, value: str) -> str:
        from limits import parse_many

        value = value.strip()
        if value and value.lower() not in ("off", "0", "none"):
            try:
                parse_many(value)
            except ValueError:
                raise ValueError(
                    "use a rate such as '300/minute' or '20/second;600/hour'"
                ) from None
            return value
        return ""

    @property
    def note_limit(self) -> int:
        """Body limit of the single-note routes: never above the general one."""
        return min(self.max_note_bytes, self.max_body_bytes)

    def load_api_keys(self) -> list[ApiKey]:
        """Keys from ``api_keys`` and ``api_keys_file``; a named file must exist and hold keys.

        Raises ConfigurationError for a key shorter than MIN_KEY_CHARS or an unknown scope; the
        message names the key by its position, never by its value.
        """
        entries = [k.get_secret_value() for k in self.api_keys if k.get_secret_value().strip()]
        keys = [
            parse_key(entry, f"REDACTPHI_API_KEYS entry {n}") for n, entry in enumerate(entries, 1)
        ]
        if self.api_keys_file is not None:
            keys.extend(read_api_keys_file(self.api_keys_file))
        return keys


@dataclass(frozen=True)
class ApiKey:
    """A bearer key and what it may do on top of tag and mask policies."""

    secret: SecretStr
    scopes: frozenset[str] = field(default_factory=frozenset)

    def __repr__(self) -> str:
        return f"ApiKey(secret=**********, scopes={sorted(self.scopes)})"


def parse_key(entry: str, where: str) -> ApiKey:
    """``KEY`` or ``KEY scope scope``: a key holds no whitespace, the words after it are scopes."""
    secret, *scopes = entry.split()
    if len(secret) < MIN_KEY_CHARS:
        raise ConfigurationError(
            f"{where}: API key shorter than {MIN_KEY_CHARS} characters; generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown:
        # A scope word might be a mistyped second key: never print it.
        raise ConfigurationError(f"{where}: unknown scope; use any of {', '.join(SCOPES)}")
    return ApiKey(SecretStr(secret), frozenset(scopes))


def read_api_keys_file(path: Path) -> list[ApiKey]:
    """One key per line, optionally followed by its scopes; blank lines and ``#`` comments are
    skipped. No keys is an error."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"cannot read API keys file {path}: {exc.__class__.__name__}; "
            "check the path and that it is UTF-8 text"
        ) from None
    keys = [
        parse_key(line, f"{path} line {n}")
        for n, line in enumerate(raw.splitlines(), 1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not keys:
        # Fail closed: an empty key file must not silently turn authentication off.
        raise ConfigurationError(f"API keys file {path} holds no keys; put one key per line")
    return keys


def is_loopback(host: str) -> bool:
    """True when every address ``host`` stands for is a loopback address."""
    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(name, None)
    except OSError:
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(
        ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses
    )


def is_weak(secret: str) -> bool:
    return len(secret) < STRONG_KEY_CHARS or len(set(secret)) < STRONG_KEY_DISTINCT


def check_bind(settings: ServiceSettings, keys: Sequence[ApiKey]) -> None:
    """Refuse a non-loopback bind without API keys unless ``insecure_no_auth`` says so, and
    refuse weak keys off loopback whatever ``insecure_no_auth`` says."""
    if is_loopback(settings.host):
        return
    weak = [n for n, key in enumerate(keys, 1) if is_weak(key.secret.get_secret_value())]
    if weak:
        raise UnsafeBindError(
            f"refusing to bind to {settings.host} with weak API keys (key number "
            f"{', '.join(map(str, weak))}): off loopback a key needs {STRONG_KEY_CHARS} or more "
            f"characters, {STRONG_KEY_DISTINCT} of them different; generate one with "
            "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if keys or settings.insecure_no_auth:
        return
    raise UnsafeBindError(
        f"refusing to bind to {settings.host} without API keys: set REDACTPHI_API_KEYS or "
        "--api-keys-file, bind to 127.0.0.1, or pass --insecure-no-auth to run open on purpose"
    )
