"""Apply a policy to one note: every finding replaced, the rest of the text untouched."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redactphi.models import EntityType, Finding, RedactionResult, Replacement
from redactphi.policies import operators as ops
from redactphi.policies.dates import FALLBACK_REFERENCE_YEAR, ParsedDate, parse_date
from redactphi.policies.keys import KeyMaterial, normalize_patient_key, require_key
from redactphi.policies.model import (
    DEFAULT_PRESET,
    Age90Operator,
    DateShiftOperator,
    EncryptOperator,
    HashOperator,
    KeepOperator,
    MaskOperator,
    Policy,
    RoleOperator,
    SurrogateOperator,
    TagOperator,
    load_policy,
    preset,
)
from redactphi.policies.roles import assign_placeholders
from redactphi.policies.surrogates import Surrogates

if TYPE_CHECKING:
    from redactphi.config import Settings

PolicyLike = Policy | str | Path | Mapping[str, Any] | None
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")


def resolve_policy(policy: PolicyLike) -> Policy:
    """``None`` means the default preset (``safe-harbor``)."""
    if policy is None:
        return preset(DEFAULT_PRESET)
    return load_policy(policy)


def patient_scope(
    text: str, findings: Sequence[Finding], patient_key: str | None, key: KeyMaterial
) -> str:
    """Who the note is about: the caller's patient key, else the first MRN in the note.

    Without either, values are derived from the note itself: consistent within the note,
    unlinkable to any other note.
    """
    if patient_key is not None and normalize_patient_key(patient_key):
        return "patient:" + normalize_patient_key(patient_key)
    for finding in findings:
        if finding.entity_type == EntityType.MRN.value:
            normalized = normalize_patient_key(text[finding.start : finding.end])
            if normalized:
                return "patient:" + normalized
    return "note:" + key.mac("note", text).hex()


def date_offset(key: KeyMaterial, scope: str, min_days: int, max_days: int) -> int:
    """The patient's shift in days, uniform over [min_days, max_days]."""
    span = max_days - min_days + 1
    draw = int.from_bytes(key.mac("date_shift", scope, f"{min_days}:{max_days}")[:8], "big")
    return min_days + draw % span


@dataclass
class _Note:
    """Per-note context computed once: scope, role labels, parsed dates."""

    text: str
    findings: list[Finding]
    policy: Policy
    key: KeyMaterial | None
    patient_key: str | None
    _scope: str | None = None
    _roles: dict[int, str] | None = None
    _dates: dict[int, ParsedDate | None] = field(default_factory=dict)
    _surrogates: dict[str, Surrogates] = field(default_factory=dict)
    _latest: tuple[date | None] | None = None
    _years: list[tuple[int, int]] | None = None

    def need_key(self) -> KeyMaterial:
        if self.key is None:  # apply_policy loads the key whenever the policy needs one
            raise RuntimeError("key not loaded")
        return self.key

    @property
    def scope(self) -> str:
        if self._scope is None:
            self._scope = patient_scope(self.text, self.findings, self.patient_key, self.need_key())
        return self._scope

    def scoped(self, scope: str) -> str:
        return self.scope if scope == "patient" else "global"

    def role_label(self, index: int) -> str:
        if self._roles is None:
            self._roles = assign_placeholders(self.text, self.findings)
        return self._roles.get(index, "PERSON")

    def parsed_date(self, index: int) -> ParsedDate | None:
        if index not in self._dates:
            f = self.findings[index]
            self._dates[index] = parse_date(self.text[f.start : f.end])
        return self._dates[index]

    def reference_year(self, index: int) -> int:
        """Year for a date written without one: the nearest full date before it, else after."""
        if self._years is None:
            self._years = [
                (i, parsed.year)
                for i, f in enumerate(self.findings)
                if f.entity_type == EntityType.DATE.value
                and (parsed := self.parsed_date(i)) is not None
                and parsed.year is not None
            ]
        if not self._years:
            return FALLBACK_REFERENCE_YEAR
        at = bisect.bisect_left(self._years, (index, -1))
        return self._years[at - 1][1] if at > 0 else self._years[0][1]

    def latest_date(self) -> date | None:
        if self._latest is None:
            anchors = [
                parsed.anchor(FALLBACK_REFERENCE_YEAR)
                for i, f in enumerate(self.findings)
                if f.entity_type == "DATE"
                and (parsed := self.parsed_date(i)) is not None
                and parsed.year is not None
            ]
            found = [a for a in anchors if a is not None]
            self._latest = (max(found),) if found else (None,)
        return self._latest[0]

    def reveals_age_over_89(self, parsed: ParsedDate, index: int) -> bool:
        """A date 90 or more years before the latest date of the note (a birth date of a
        patient over 89) is tagged, not shifted: its year would still tell the age."""
        latest = self.latest_date()
        if latest is None or parsed.year is None:
            return False
        anchor = parsed.anchor(self.reference_year(index))
        if anchor is None:
            return False
        years = (
            latest.year - anchor.year - ((latest.month, latest.day) < (anchor.month, anchor.day))
        )
        return years >= 90

    def surrogates(self, scope: str) -> Surrogates:
        name = self.scoped(scope)
        if name not in self._surrogates:
            self._surrogates[name] = Surrogates(self.need_key(), name)
        return self._surrogates[name]


def _per_line(original: str, replace: Callable[[str], str]) -> str:
    """Replace each line of a finding separately, keeping the line breaks between them."""
    if "\n" not in original:
        return replace(original)
    out: list[str] = []
    cursor = 0
    for match in _LINE_BREAK.finditer(original):
        if match.start() > cursor:
            out.append(replace(original[cursor : match.start()]))
        out.append(match.group(0))
        cursor = match.end()
    if cursor < len(original):
        out.append(replace(original[cursor:]))
    return "".join(out)


def _keep_breaks(original: str, new: str) -> str:
    missing = original.count("\n") - new.count("\n")
    return new + "\n" * missing if missing > 0 else new


def _replace_one(note: _Note, index: int, finding: Finding) -> tuple[str, str]:
    """The replacement text and the name of the operator that produced it."""
    original = note.text[finding.start : finding.end]
    etype = finding.entity_type
    op = note.policy.operator_for(etype)
    if isinstance(op, SurrogateOperator) and etype == EntityType.DATE.value:
        op = DateShiftOperator()  # a surrogate date is a shifted date
    if isinstance(op, TagOperator):
        return _per_line(original, lambda _: ops.tag(etype, op.template)), "tag"
    if isinstance(op, Age90Operator):
        return _keep_breaks(original, ops.age90(original, op.text)), "age90"
    if isinstance(op, MaskOperator):
        return ops.mask(original, op.char, op.keep_whitespace), "mask"
    if isinstance(op, KeepOperator):
        return original, "keep"
    if isinstance(op, RoleOperator):
        label = note.role_label(index)
        return _keep_breaks(original, ops.role(label, etype, op.template)), "role"
    if isinstance(op, HashOperator):
        scope = note.scoped(op.scope)
        key = note.need_key()
        return _per_line(
            original, lambda part: ops.hash_token(part, etype, key, scope, op.length, op.template)
        ), "hash"
    if isinstance(op, EncryptOperator):
        key = note.need_key()
        return _per_line(original, lambda part: ops.encrypt_token(part, etype, key)), "encrypt"
    if isinstance(op, SurrogateOperator):
        gen = note.surrogates(op.scope)
        return _per_line(original, lambda part: gen.replace(etype, part)), "surrogate"
    if isinstance(op, DateShiftOperator):
        parsed = note.parsed_date(index)
        shifted = None
        if parsed is not None and not note.reveals_age_over_89(parsed, index):
            days = date_offset(note.need_key(), note.scope, op.min_days, op.max_days)
            shifted = parsed.shift(days, note.reference_year(index), keep_year=op.keep_year)
        if shifted is None:  # never leave a date we cannot shift: tag it
            return _per_line(original, lambda _: ops.tag(etype)), "tag"
        return _keep_breaks(original, shifted), "date_shift"
    raise TypeError(f"unsupported operator {type(op).__name__}")


def _clean(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Sorted, inside the text, overlaps merged: nothing found is ever left out."""
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        start, end = max(0, f.start), min(len(text), f.end)
        if end <= start:
            continue
        if merged and start < merged[-1].end:
            last = merged[-1]
            if end > last.end:
                merged[-1] = Finding(
                    last.start,
                    end,
                    last.entity_type,
                    max(last.score, f.score),
                    last.recognizer,
                    last.role or f.role,
                )
            continue
        if (start, end) != (f.start, f.end):
            f = Finding(start, end, f.entity_type, f.score, f.recognizer, f.role)
        merged.append(f)
    return merged


def apply_policy(
    text: str,
    findings: Sequence[Finding],
    policy: PolicyLike = None,
    *,
    settings: Settings | None = None,
    patient_key: str | None = None,
    include_original: bool = False,
    key: str | bytes | KeyMaterial | None = None,
) -> RedactionResult:
    """Replace each finding in ``text`` as ``policy`` says.

    ``policy`` is a :class:`Policy`, a preset name, a TOML/YAML path, a mapping, or None for
    ``safe-harbor``. ``key`` overrides the key from ``settings`` / the environment. Raises
    :class:`~redactphi.errors.KeyRequiredError` when the policy needs a key and none is set.
    """
    resolved = resolve_policy(policy)
    material: KeyMaterial | None = None
    if resolved.requires_key:
        material = require_key(
            settings,
            key,
            f"policy '{resolved.name}' (operators {', '.join(resolved.key_users())})",
        )
    cleaned = _clean(text, findings)
    note = _Note(text, cleaned, resolved, material, patient_key)
    out: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    length = 0
    for index, finding in enumerate(cleaned):
        new, operator = _replace_one(note, index, finding)
        kept = text[cursor : finding.start]
        out.append(kept)
        length += len(kept)
        replacements.append(
            Replacement(
                finding.start,
                finding.end,
                length,
                length + len(new),
                finding.entity_type,
                operator,
                text[finding.start : finding.end] if include_original else None,
            )
        )
        out.append(new)
        length += len(new)
        cursor = finding.end
    out.append(text[cursor:])
    return RedactionResult("".join(out), cleaned, replacements, resolved.name)
