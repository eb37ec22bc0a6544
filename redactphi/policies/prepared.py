"""A policy checked and paired with its key: the one place a policy is resolved and a key loaded.

The CLI, the Redactor and :func:`~redactphi.policies.apply_policy` all call
:func:`prepare_policy`; a prepared policy passed on is used as it is, so one redaction loads the
key once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redactphi.policies.keys import KeyMaterial, require_key
from redactphi.policies.model import DEFAULT_PRESET, Policy, load_policy, preset

if TYPE_CHECKING:
    from redactphi.config import Settings

PolicyLike = Policy | str | Path | Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class PreparedPolicy:
    """A valid policy and, when some operator needs one, the key it runs with."""

    policy: Policy
    key: KeyMaterial | None = field(default=None, repr=False)

    def need_key(self) -> KeyMaterial:
        if self.key is None:  # prepare_policy loads it whenever the policy needs it
            raise RuntimeError(f"policy '{self.policy.name}' was prepared without its key")
        return self.key


def resolve_policy(policy: PolicyLike) -> Policy:
    """``None`` means the default preset (``safe-harbor``)."""
    if policy is None:
        return preset(DEFAULT_PRESET)
    return load_policy(policy)


def prepare_policy(
    policy: PolicyLike | PreparedPolicy,
    settings: Settings | None = None,
    key: str | bytes | KeyMaterial | None = None,
) -> PreparedPolicy:
    """Resolve ``policy`` and load its key (``key``, else ``settings``, else the environment).

    Raises :class:`~redactphi.errors.ConfigurationError` for an invalid policy and
    :class:`~redactphi.errors.KeyRequiredError` when it needs a key and none is set. A
    :class:`PreparedPolicy` is returned as it is.
    """
    if isinstance(policy, PreparedPolicy):
        return policy
    resolved = resolve_policy(policy)
    if not resolved.requires_key:
        return PreparedPolicy(resolved)
    users = ", ".join(resolved.key_users())
    material = require_key(settings, key, f"policy '{resolved.name}' (operators {users})")
    return PreparedPolicy(resolved, material)
