"""API-key scopes: which policies a key may apply.

Every key may tag, mask, keep and use role placeholders. The keyed operators (date shift,
surrogate, hash, encrypt) each need their own scope, because their output is a function of the
server's secret: a caller who can run them on text of their choosing can learn a patient's date
shift from one known date, or test guessed names against a hashed release. Checked in the
service, after the policy is resolved and before any analysis runs.
"""

from __future__ import annotations

import functools
from typing import Any

from fastapi import HTTPException, Request

from redactphi.service.settings import SCOPES

FORBIDDEN_HEADERS = {"WWW-Authenticate": 'Bearer error="insufficient_scope"'}


def required_scopes(policy: Any) -> frozenset[str]:
    """Scopes a policy needs: one per keyed operator it uses. ``policy`` is what the resolver
    returns (a preset name, a Policy, or None for the default)."""
    from redactphi.policies.model import PRESET_NAMES

    if policy is None or (isinstance(policy, str) and policy in PRESET_NAMES):
        return _preset_scopes(policy)  # the built-in presets never change
    return _scopes_of(policy)


@functools.cache
def _preset_scopes(name: str | None) -> frozenset[str]:
    return _scopes_of(name)


def _scopes_of(policy: Any) -> frozenset[str]:
    from redactphi.policies import load_policy, resolve_policy

    resolved = resolve_policy(None) if policy is None else load_policy(policy)
    # An operator needing the key but unknown here (a new one) needs a scope of its own name:
    # no key has it until an operator grants it, so it fails closed.
    return frozenset(op.name for op in resolved.operators() if op.needs_key)


def granted(request: Request, open_scopes: frozenset[str]) -> frozenset[str]:
    """The calling key's scopes, set by the auth dependency; ``open_scopes`` without auth."""
    scopes = getattr(request.state, "scopes", None)
    return scopes if isinstance(scopes, frozenset) else open_scopes


def check(
    request: Request,
    policy: Any,
    open_scopes: frozenset[str],
    needed: frozenset[str] | None = None,
) -> None:
    """403 unless the calling key holds every scope ``policy`` needs (``needed``, when the
    caller has already worked them out)."""
    if needed is None:
        needed = required_scopes(policy)
    missing = sorted(needed - granted(request, open_scopes))
    if missing:
        # Operator names only: a closed set, never the client's policy text.
        raise HTTPException(
            403,
            f"this API key may not use the {', '.join(missing)} operator(s) the policy needs; "
            "use a tag or mask policy, or ask the server operator to grant the scope(s) "
            f"({', '.join(missing)}) to the key",
            headers=FORBIDDEN_HEADERS,
        )


ALL_SCOPES = frozenset(SCOPES)
NO_SCOPES: frozenset[str] = frozenset()
