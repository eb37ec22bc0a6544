"""Shared data types: entity taxonomy, findings and results."""

from redactphi.models.entities import (
    ALL_ENTITIES,
    CATEGORY,
    SAFE_HARBOR,
    Category,
    EntityType,
    category_of,
)
from redactphi.models.findings import Finding, RedactionResult, Replacement

__all__ = [
    "ALL_ENTITIES",
    "CATEGORY",
    "SAFE_HARBOR",
    "Category",
    "EntityType",
    "Finding",
    "RedactionResult",
    "Replacement",
    "category_of",
]
