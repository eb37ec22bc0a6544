"""Anonymization policies (placeholder until the policy module lands): typed tags only."""

from __future__ import annotations

from typing import Any

from redactphi.models import Finding, RedactionResult, Replacement

Policy = Any


def apply_policy(
    text: str,
    findings: list[Finding],
    policy: Policy | str | None = None,
    *,
    settings: Any = None,
    patient_key: str | None = None,
    include_original: bool = False,
) -> RedactionResult:
    out: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    length = 0
    for f in findings:
        out.append(text[cursor : f.start])
        length += f.start - cursor
        tag = f"[{f.entity_type}]"
        replacements.append(
            Replacement(
                f.start, f.end, length, length + len(tag), f.entity_type, "tag",
                text[f.start : f.end] if include_original else None,
            )
        )
        out.append(tag)
        length += len(tag)
        cursor = f.end
    out.append(text[cursor:])
    return RedactionResult("".join(out), findings, replacements, "safe-harbor")
