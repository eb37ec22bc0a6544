"""Dates finer than a year (placeholder)."""

from __future__ import annotations

from redactphi.models import EntityType
from redactphi.recognizers._base import GroupPattern, GroupPatternRecognizer


class DateRecognizer(GroupPatternRecognizer):
    def __init__(self) -> None:
        super().__init__(
            EntityType.DATE,
            [GroupPattern("mdy", r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", 0.8)],
        )
