"""Data types shared by the batch planner, the workers, the report and the progress display.

Everything here crosses a process boundary, so it is plain, picklable data. None of it holds
note text: paths, counts, sizes and fixed-wording reasons only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

# Bad rows listed by number in a file's reason; the rest are only counted.
MAX_LISTED_BAD_ROWS = 20


class Status(StrEnum):
    OK = "ok"
    PARTIAL = "partial"  # structured file written without its bad rows
    FAILED = "failed"
    SKIPPED = "skipped"  # output already complete (resume)


class Format(StrEnum):
    TEXT = "text"
    JSONL = "jsonl"
    CSV = "csv"


@dataclass(frozen=True, slots=True)
class RedactOptions:
    """How each note is read and redacted; the same for every file of a run."""

    policy: str | None = None
    patient_key: str | None = None
    encoding: str = "utf-8"
    text_fields: tuple[str, ...] = ()
    patient_key_field: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and where its redacted copy goes."""

    source: Path
    output: Path
    display: str  # the input path as the report shows it
    fmt: Format
    error: str = ""  # found unusable while planning (a folder that cannot be listed): fails alone


@dataclass(frozen=True, slots=True)
class BadRow:
    row: int
    reason: str


@dataclass(slots=True)
class FileResult:
    """What happened to one file. ``started``/``finished`` are wall-clock epochs from the worker."""

    path: str
    output: str
    status: Status
    reason: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    notes: int = 0
    rows_failed: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    seconds: float = 0.0
    started: float = 0.0
    finished: float = 0.0
    # Set when the engine itself cannot run (bad policy, model missing): the batch stops.
    fatal_exit: int = 0


@dataclass(slots=True)
class BatchSummary:
    """Totals for a run, written as the report's last record."""

    files: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = 0
    not_started: int = 0
    notes: int = 0
    chars: int = 0
    rows_failed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    processing_seconds: float = 0.0
    workers: int = 0
    interrupted: bool = False
    signal: int = 0
    restarts: int = 0  # worker pools restarted after a worker died
    fatal: str = ""  # why the run stopped early (bad policy, model missing), PHI-free
    fatal_exit: int = 0
    exit_code: int = 0
    started_at: str = ""
    finished_at: str = ""

    @property
    def notes_per_second(self) -> float:
        # Measured between the first note started and the last finished, so model loading
        # does not hide how throughput scales with workers.
        if self.processing_seconds <= 0:
            return 0.0
        return self.notes / self.processing_seconds

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.status is Status.OK:
            self.ok += 1
        elif result.status is Status.PARTIAL:
            self.partial += 1
        elif result.status is Status.FAILED:
            self.failed += 1
        else:
            self.skipped += 1
        self.notes += result.notes
        self.chars += result.chars
        self.rows_failed += result.rows_failed
        for name, n in result.counts.items():
            self.counts[name] = self.counts.get(name, 0) + n
