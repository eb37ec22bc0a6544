"""redactphi: find and replace HIPAA Safe Harbor identifiers in clinical notes."""

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
