"""Anonymization policies: which operator replaces each kind of PHI, and how.

Presets (``PRESET_NAMES``): ``safe-harbor`` (default, typed tags), ``coding`` (role placeholders
and shifted dates), ``surrogate`` (realistic consistent replacements), ``mask``, ``hash`` (keyed
HMAC-SHA256) and ``encrypt`` (reversible AES-SIV tokens). Custom policies load from TOML or YAML
with :func:`load_policy`. Every replacement runs through Presidio's ``AnonymizerEngine`` with the
operators of :mod:`redactphi.policies.operators`; :func:`prepare_policy` checks a policy and loads
its key once.
"""

from __future__ import annotations

from redactphi.policies.apply import apply_policy
from redactphi.policies.keys import KeyMaterial, load_key
from redactphi.policies.model import (
    OPERATOR_NAMES,
    PRESET_NAMES,
    OperatorConfig,
    Policy,
    load_policy,
    preset,
)
from redactphi.policies.operators import reidentify
from redactphi.policies.prepared import PreparedPolicy, prepare_policy, resolve_policy

__all__ = [
    "OPERATOR_NAMES",
    "PRESET_NAMES",
    "KeyMaterial",
    "OperatorConfig",
    "Policy",
    "PreparedPolicy",
    "apply_policy",
    "load_key",
    "load_policy",
    "prepare_policy",
    "preset",
    "reidentify",
    "resolve_policy",
]
