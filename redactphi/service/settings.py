"""Service settings: one class reads every option from arguments or ``REDACTPHI_*`` variables.

The engine's own settings (model name, ``max_chars``, term lists, secret key) stay in
:class:`redactphi.config.Settings`; both read the same environment, neither clashes with the other.
"""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from redactphi.errors import ConfigurationError

LogLevel = Literal["critical", "error", "warning", "info", "debug"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_BATCH_DOCS = 64
DEFAULT_MAX_CONCURRENCY = 2
DEFAULT_QUEUE_SIZE = 32


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
    max_batch_docs: int = Field(
        default=DEFAULT_MAX_BATCH_DOCS, gt=0, description="documents per batch"
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
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="bearer keys, comma-separated in REDACTPHI_API_KEYS"
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

    def load_api_keys(self) -> list[SecretStr]:
        """Keys from ``api_keys`` and ``api_keys_file``; a named file must exist and hold keys."""
        keys = [k for k in self.api_keys if k.get_secret_value()]
        if self.api_keys_file is not None:
            keys.extend(read_api_keys_file(self.api_keys_file))
        return keys


def read_api_keys_file(path: Path) -> list[SecretStr]:
    """One key per line; blank lines and ``#`` comments are skipped. No keys is an error."""
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigurationError(
            f"cannot read API keys file {path}: {exc.__class__.__name__}; "
            "check the path and that it is UTF-8 text"
        ) from None
    keys = [
        SecretStr(line.strip())
        for line in raw.splitlines()
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


def check_bind(settings: ServiceSettings, keys: list[SecretStr]) -> None:
    """Refuse a non-loopback bind without API keys unless ``insecure_no_auth`` says so."""
    if keys or settings.insecure_no_auth or is_loopback(settings.host):
        return
    raise UnsafeBindError(
        f"refusing to bind to {settings.host} without API keys: set REDACTPHI_API_KEYS or "
        "--api-keys-file, bind to 127.0.0.1, or pass --insecure-no-auth to run open on purpose"
    )
