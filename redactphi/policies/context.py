"""What the operators of one note need to know, worked out once per note.

Who the note is about (the patient scope), the role placeholder of every name, each date as
parsed and the year to read it in, the patient's date offset and surrogate generators. From it,
:meth:`NoteContext.config` builds the Presidio ``OperatorConfig`` of one finding: the operator
the policy names with its typed spec.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from presidio_anonymizer.entities import OperatorConfig

from redactphi.models import EntityType, Finding
from redactphi.policies import operators as ops
from redactphi.policies.dates import FALLBACK_REFERENCE_YEAR, ParsedDate, parse_date
from redactphi.policies.keys import KeyMaterial, normalize_patient_key
from redactphi.policies.model import (
    Age90Operator,
    DateShiftOperator,
    EncryptOperator,
    HashOperator,
    KeepOperator,
    MaskOperator,
    RoleOperator,
    SurrogateOperator,
    TagOperator,
)
from redactphi.policies.prepared import PreparedPolicy
from redactphi.policies.roles import assign_placeholders
from redactphi.policies.surrogates import Surrogates
from redactphi.vocabulary import Role


def patient_scope(
    text: str, findings: list[Finding], patient_key: str | None, key: KeyMaterial
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


@dataclass(repr=False)  # holds the note text: never printed
class NoteContext:
    """Per-note context, each part computed on first use. ``findings`` are sorted and disjoint."""

    text: str
    findings: list[Finding]
    prepared: PreparedPolicy
    patient_key: str | None
    _dates: dict[int, ParsedDate | None] = field(default_factory=dict)
    _surrogates: dict[str, Surrogates] = field(default_factory=dict)

    # -- the operator of one finding ------------------------------------------------------

    def config(self, index: int) -> OperatorConfig:
        """The operator the policy names for finding ``index``, with its spec."""
        finding = self.findings[index]
        etype = finding.entity_type
        op = self.prepared.policy.operator_for(etype)
        if isinstance(op, SurrogateOperator) and etype == EntityType.DATE.value:
            op = DateShiftOperator()  # a surrogate date is a shifted date
        if isinstance(op, TagOperator):
            return ops.Tag.config(ops.TagSpec(etype, op.template))
        if isinstance(op, Age90Operator):
            return ops.Age90.config(ops.Age90Spec(op.text))
        if isinstance(op, MaskOperator):
            return ops.Mask.config(ops.MaskSpec(op.char, op.keep_whitespace))
        if isinstance(op, KeepOperator):
            return ops.Keep.config(ops.KeepSpec())
        if isinstance(op, RoleOperator):
            return ops.RoleTag.config(ops.RoleSpec(self.role_label(index), etype, op.template))
        if isinstance(op, HashOperator):
            key = self.prepared.need_key()
            spec = ops.HashSpec(etype, key, self.scoped(op.scope), op.length, op.template)
            return ops.KeyedHash.config(spec)
        if isinstance(op, EncryptOperator):
            return ops.SivEncrypt.config(ops.EncryptSpec(etype, self.prepared.need_key()))
        if isinstance(op, SurrogateOperator):
            return ops.Surrogate.config(ops.SurrogateSpec(etype, self.surrogates(op.scope)))
        if isinstance(op, DateShiftOperator):
            shift = self.date_shift(index, op)
            if shift is None:  # never leave a date that cannot be shifted: tag it
                return ops.Tag.config(ops.TagSpec(etype))
            return ops.DateShift.config(shift)
        raise TypeError(f"unsupported operator {type(op).__name__}")

    # -- who and what -----------------------------------------------------------------------

    @cached_property
    def scope(self) -> str:
        key = self.prepared.need_key()
        return patient_scope(self.text, self.findings, self.patient_key, key)

    def scoped(self, scope: str) -> str:
        return self.scope if scope == "patient" else "global"

    @cached_property
    def _roles(self) -> dict[int, str]:
        return assign_placeholders(self.text, self.findings)

    def role_label(self, index: int) -> str:
        return self._roles.get(index, Role.PERSON)

    def surrogates(self, scope: str) -> Surrogates:
        name = self.scoped(scope)
        if name not in self._surrogates:
            self._surrogates[name] = Surrogates(self.prepared.need_key(), name)
        return self._surrogates[name]

    # -- dates ------------------------------------------------------------------------------

    def date_shift(self, index: int, op: DateShiftOperator) -> ops.DateShiftSpec | None:
        """The spec that shifts date ``index``, or None when it must be tagged instead."""
        parsed = self.parsed_date(index)
        if parsed is None or self.reveals_age_over_89(parsed, index):
            return None
        key = self.prepared.need_key()
        spec = ops.DateShiftSpec(
            date_offset(key, self.scope, op.min_days, op.max_days),
            self.reference_year(index),
            op.keep_year,
        )
        if parsed.shift(spec.days, spec.reference_year, keep_year=spec.keep_year) is None:
            return None
        return spec

    def parsed_date(self, index: int) -> ParsedDate | None:
        if index not in self._dates:
            f = self.findings[index]
            self._dates[index] = parse_date(self.text[f.start : f.end])
        return self._dates[index]

    @cached_property
    def _years(self) -> list[tuple[int, int]]:
        return [
            (i, parsed.year)
            for i, f in enumerate(self.findings)
            if f.entity_type == EntityType.DATE.value
            and (parsed := self.parsed_date(i)) is not None
            and parsed.year is not None
        ]

    def reference_year(self, index: int) -> int:
        """Year for a date written without one: the nearest full date before it, else after."""
        if not self._years:
            return FALLBACK_REFERENCE_YEAR
        at = bisect.bisect_left(self._years, (index, -1))
        return self._years[at - 1][1] if at > 0 else self._years[0][1]

    @cached_property
    def latest_date(self) -> date | None:
        found: list[date] = []
        for i, _ in self._years:
            parsed = self.parsed_date(i)
            anchor = parsed.anchor(FALLBACK_REFERENCE_YEAR) if parsed is not None else None
            if anchor is not None:
                found.append(anchor)
        return max(found) if found else None

    def reveals_age_over_89(self, parsed: ParsedDate, index: int) -> bool:
        """A date 90 or more years before the latest date of the note (a birth date of a
        patient over 89) is tagged, not shifted: its year would still tell the age."""
        latest = self.latest_date
        if latest is None or parsed.year is None:
            return False
        anchor = parsed.anchor(self.reference_year(index))
        if anchor is None:
            return False
        years = (
            latest.year - anchor.year - ((latest.month, latest.day) < (anchor.month, anchor.day))
        )
        return years >= 90
