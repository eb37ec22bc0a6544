"""What a Spark job ships to its workers: columns, engine settings and policy, never the key.

The key stays where Spark users keep secrets: each executor reads ``REDACTPHI_KEY`` or
``REDACTPHI_KEY_FILE`` from its own environment (``spark.executorEnv.*``). The driver ships only
a fingerprint of its key, so an executor holding a different key fails the job instead of
writing surrogates that disagree with the other executors'.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from redactphi import __version__
from redactphi.config import Settings, read_term_file
from redactphi.errors import ConfigurationError, KeyRequiredError
from redactphi.policies.keys import HOW_TO_SET, KeyMaterial, load_key

if TYPE_CHECKING:
    from redactphi.policies import Policy
    from redactphi.policies.apply import PolicyLike

FINDINGS = "redactphi_findings"
STATUS = "redactphi_status"
ERROR = "redactphi_error"
VERSION = "redactphi_version"
MODEL = "redactphi_model"
CONFIG = "redactphi_config"
ADDED_COLUMNS = (FINDINGS, STATUS, ERROR, VERSION, MODEL, CONFIG)

OK = "ok"
FAILED = "error"

_FINGERPRINT = ("spark", "key-fingerprint")
EXECUTOR_KEY_HINT = (
    "on Spark, each executor reads the key from its own environment: "
    "--conf spark.executorEnv.REDACTPHI_KEY_FILE=/path/on/executors (or REDACTPHI_KEY)"
)


@dataclass(frozen=True)
class JobSpec:
    """Everything a worker needs for one job; small, picklable and free of secrets and PHI."""

    mode: Literal["redact", "analyze"]
    text_col: str
    output_col: str
    id_col: str | None
    patient_col: str | None
    engine: dict[str, Any]
    policy: Policy | None
    key_fingerprint: str | None
    config_hash: str

    @property
    def engine_key(self) -> str:
        """Workers keep one Redactor per distinct engine configuration."""
        return json.dumps(self.engine, sort_keys=True)


def key_fingerprint(material: KeyMaterial) -> str:
    """A non-secret tag of the key: equal tags mean equal keys (HMAC under a derived sub-key)."""
    return material.mac(*_FINGERPRINT).hex()[:16]


def default_settings() -> Settings:
    """Settings from ``REDACTPHI_*`` variables and the defaults."""
    none: dict[str, Any] = {}
    return Settings(**none)


def engine_settings(settings: Settings | None) -> dict[str, Any]:
    """Settings for the workers: site terms read here on the driver (so executors need no copy
    of the file) and the key left out (executors read their own)."""
    base = settings or default_settings()
    data = base.model_dump(mode="json", exclude={"key"})
    if base.site_terms_file is not None:
        data["site_terms"] = [*base.site_terms, *read_term_file(Path(base.site_terms_file))]
        data["site_terms_file"] = None
    return data


def build_spec(
    *,
    mode: Literal["redact", "analyze"],
    text_col: str,
    output_col: str,
    id_col: str | None,
    patient_col: str | None,
    settings: Settings | None,
    policy: PolicyLike,
) -> JobSpec:
    """Resolve the policy and check the key on the driver: a bad policy or a missing key fails
    before any executor starts."""
    from redactphi.policies import resolve_policy

    engine = engine_settings(settings)
    resolved = resolve_policy(policy) if mode == "redact" else None
    fingerprint = None
    if resolved is not None and resolved.requires_key:
        material = load_key(settings or default_settings())
        if material is None:
            raise KeyRequiredError(
                f"policy '{resolved.name}' needs a secret key and none is configured; "
                f"{HOW_TO_SET}; {EXECUTOR_KEY_HINT}"
            )
        fingerprint = key_fingerprint(material)
    described = {
        "redactphi": __version__,
        "model": [engine["model_name"], model_version(engine["model_name"])],
        "mode": mode,
        "engine": {k: v for k, v in engine.items() if k != "key_file"},
        "policy": resolved.model_dump(mode="json") if resolved is not None else None,
        "key": fingerprint,
        "by_patient": patient_col is not None,
    }
    digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode("utf-8")).hexdigest()
    return JobSpec(
        mode=mode,
        text_col=text_col,
        output_col=output_col,
        id_col=id_col,
        patient_col=patient_col,
        engine=engine,
        policy=resolved,
        key_fingerprint=fingerprint,
        config_hash=digest[:16],
    )


def model_version(model_name: str) -> str:
    """The installed spaCy pipeline's package version, without loading it."""
    from importlib.metadata import PackageNotFoundError, version

    for dist in (model_name, model_name.replace("_", "-")):
        try:
            return version(dist)
        except PackageNotFoundError:
            continue
    return "unknown"


def check_executor_key(spec: JobSpec, settings: Settings) -> None:
    """On an executor: the key this process sees must be the driver's (same fingerprint)."""
    if spec.key_fingerprint is None:
        return
    material = load_key(settings)
    if material is None:
        raise KeyRequiredError(
            "this executor has no secret key but the policy needs one; " + EXECUTOR_KEY_HINT
        )
    if key_fingerprint(material) != spec.key_fingerprint:
        raise ConfigurationError(
            "the secret key on this executor differs from the driver's; give every executor "
            "the same key (" + EXECUTOR_KEY_HINT + ")"
        )
