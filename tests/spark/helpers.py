"""Notes and rows shared by the Spark tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The policy tests' key: the shared library Redactor may have read it at construction.
TEST_KEY = "test-key-0123456789-abcdefghij"
N_NOTES = 120  # short generated notes, one DataFrame reused by the tests
SHORT_CHARS = 700
OVERSIZE_ID = "bad-oversize"
NULL_ID = "bad-null"
# The JVMs of these short jobs: C1 alone compiles far less than C2 at start-up (a third of the
# CPU of a cold session on 2 cores); what Spark computes does not depend on it.
QUICK_JIT = "-XX:TieredStopAtLevel=1"


@dataclass(frozen=True)
class Note:
    id: str
    patient: str
    text: str
    phi: tuple[str, ...]  # gold PHI strings, to look for in logs


def short(text: str) -> str:
    """The first lines of a note, up to about SHORT_CHARS characters (headers are PHI-dense)."""
    if len(text) <= SHORT_CHARS:
        return text
    cut = text.rfind("\n", 0, SHORT_CHARS)
    return text[: cut if cut > 0 else SHORT_CHARS]


def rows_of(notes: list[Note]) -> list[tuple[Any, ...]]:
    return [(n.id, n.patient, n.text, i, float(i) / 4) for i, n in enumerate(notes)]


SCHEMA = "id string, patient string, text string, seq int, weight double"
