"""Apply a policy to one note through Presidio's ``AnonymizerEngine``.

Findings are clipped to the text and merged by the one merge rule
(:func:`redactphi.postprocess.merge`), so the anonymizer receives disjoint spans. Each finding
gets its own slot (``NAME_3``) and operator config, because the context an operator needs (a
role label, the year a date is read in) differs per finding; disjoint slots also mean that
Presidio's own conflict resolution and whitespace merging never join two findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from redactphi.models import Finding, RedactionResult, Replacement
from redactphi.policies.context import NoteContext, date_offset, patient_scope
from redactphi.policies.keys import KeyMaterial
from redactphi.policies.operators import anonymizer
from redactphi.policies.prepared import PolicyLike, PreparedPolicy, prepare_policy, resolve_policy
from redactphi.postprocess import merge

if TYPE_CHECKING:
    from redactphi.config import Settings

__all__ = [
    "PolicyLike",
    "apply_policy",
    "date_offset",
    "patient_scope",
    "resolve_policy",
]


def _inside(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Findings clipped to the text, empty ones dropped, overlaps merged."""
    clipped: list[Finding] = []
    for f in findings:
        start, end = max(0, f.start), min(len(text), f.end)
        if end <= start:
            continue
        if (start, end) != (f.start, f.end):
            f = replace(f, start=start, end=end)
        clipped.append(f)
    return merge(clipped)


def apply_policy(
    text: str,
    findings: Sequence[Finding],
    policy: PolicyLike | PreparedPolicy = None,
    *,
    settings: Settings | None = None,
    patient_key: str | None = None,
    include_original: bool = False,
    key: str | bytes | KeyMaterial | None = None,
) -> RedactionResult:
    """Replace each finding in ``text`` as ``policy`` says.

    ``policy`` is a :class:`Policy`, a preset name, a TOML/YAML path, a mapping, None for
    ``safe-harbor``, or a :class:`PreparedPolicy` (used with its own key). ``key`` overrides the
    key from ``settings`` / the environment. Raises
    :class:`~redactphi.errors.KeyRequiredError` when the policy needs a key and none is set.
    """
    prepared = prepare_policy(policy, settings, key)
    cleaned = _inside(text, findings)
    note = NoteContext(text, cleaned, prepared, patient_key)
    slots: dict[str, int] = {}
    results: list[RecognizerResult] = []
    configs: dict[str, OperatorConfig] = {}
    for index, finding in enumerate(cleaned):
        slot = f"{finding.entity_type}_{index}"
        slots[slot] = index
        results.append(RecognizerResult(slot, finding.start, finding.end, finding.score))
        configs[slot] = note.config(index)
    engine_result = anonymizer().anonymize(text, results, configs)
    if len(engine_result.items) != len(cleaned):  # fail closed: every finding is replaced
        raise RuntimeError("the anonymizer dropped a finding")
    replacements: list[Replacement] = []
    for item in sorted(engine_result.items, key=lambda item: item.start):
        finding = cleaned[slots[item.entity_type]]
        replacements.append(
            Replacement(
                finding.start,
                finding.end,
                item.start,
                item.end,
                finding.entity_type,
                item.operator,
                text[finding.start : finding.end] if include_original else None,
            )
        )
    return RedactionResult(str(engine_result.text), cleaned, replacements, prepared.policy.name)
