"""redactphi: find and replace HIPAA Safe Harbor identifiers in clinical notes.

Names are imported on first use (PEP 562), so ``redactphi --version`` and ``--help`` do not
load spaCy and Presidio.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redactphi.config import Settings
    from redactphi.engine import Redactor
    from redactphi.errors import (
        AnalysisError,
        ConfigurationError,
        InputError,
        InputTooLargeError,
        KeyRequiredError,
        ModelLoadError,
        RedactPhiError,
    )
    from redactphi.models import EntityType, Finding, RedactionResult, Replacement
    from redactphi.policies import Policy, load_policy

__version__ = "0.1.0"

__all__ = [
    "AnalysisError",
    "ConfigurationError",
    "EntityType",
    "Finding",
    "InputError",
    "InputTooLargeError",
    "KeyRequiredError",
    "ModelLoadError",
    "Policy",
    "RedactPhiError",
    "RedactionResult",
    "Redactor",
    "Replacement",
    "Settings",
    "__version__",
    "load_policy",
]

# Public name -> the module that defines it.
_LAZY: dict[str, str] = {
    "AnalysisError": "redactphi.errors",
    "ConfigurationError": "redactphi.errors",
    "EntityType": "redactphi.models",
    "Finding": "redactphi.models",
    "InputError": "redactphi.errors",
    "InputTooLargeError": "redactphi.errors",
    "KeyRequiredError": "redactphi.errors",
    "ModelLoadError": "redactphi.errors",
    "Policy": "redactphi.policies",
    "RedactPhiError": "redactphi.errors",
    "RedactionResult": "redactphi.models",
    "Redactor": "redactphi.engine",
    "Replacement": "redactphi.models",
    "Settings": "redactphi.config",
    "load_policy": "redactphi.policies",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redactphi' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
