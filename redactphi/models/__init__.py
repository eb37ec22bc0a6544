"""Shared data types: entity taxonomy, findings and results."""

from redactphi.models.entities import (
    ALL_ENTITIES,
    CATEGORY,
    SAFE_HARBOR,
    Category,
    EntityType,
    category_of,
)
from redactphi.models.evidence import EVIDENCE_KEY, FIRM, OUTRANKS_EPONYM, Evidence
from redactphi.models.findings import Finding, RedactionResult, Replacement

__all__ = [
    "ALL_ENTITIES",
    "CATEGORY",
    "EVIDENCE_KEY",
    "FIRM",
    "OUTRANKS_EPONYM",
    "SAFE_HARBOR",
    "Category",
    "EntityType",
    "Evidence",
    "Finding",
    "RedactionResult",
    "Replacement",
    "category_of",
]
