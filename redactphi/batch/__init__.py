"""Folder processing for the CLI: discovery, formats, atomic writes, workers and the report."""

from redactphi.batch.discover import PlanError
from redactphi.batch.formats import FileError, Tally, normalize_encoding, redact_stream
from redactphi.batch.models import (
    BatchSummary,
    FileResult,
    Format,
    Job,
    RedactOptions,
    Status,
)
from redactphi.batch.progress import make_progress
from redactphi.batch.report import ReportWriter
from redactphi.batch.runner import BatchConfig, default_workers, run_batch

__all__ = [
    "BatchConfig",
    "BatchSummary",
    "FileError",
    "FileResult",
    "Format",
    "Job",
    "PlanError",
    "RedactOptions",
    "ReportWriter",
    "Status",
    "Tally",
    "default_workers",
    "make_progress",
    "normalize_encoding",
    "redact_stream",
    "run_batch",
]
