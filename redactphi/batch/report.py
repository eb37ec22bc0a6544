"""The run report, JSONL or CSV by the file's extension: one record per file, then a summary.

Records hold paths, statuses, PHI-free reasons, counts per entity type, characters and seconds;
never note text, patient keys or list terms. Records are flushed as files finish, so a report
without its final ``summary`` record comes from a run that was killed.

JSONL ``file`` record::

    {"record": "file", "path": "notes/a.txt", "output": "out/a.txt", "status": "ok",
     "reason": "", "notes": 1, "rows_failed": 0, "bad_rows": [], "chars": 2841,
     "seconds": 0.052, "counts": {"DATE": 3, "NAME": 4}}

CSV: the same fields, ``bad_rows`` folded into ``reason``, and one column per entity type.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Any

from redactphi import __version__
from redactphi.batch.models import BatchSummary, FileResult
from redactphi.models import ALL_ENTITIES

FILE_COLUMNS = ("record", "path", "output", "status", "reason", "notes", "rows_failed", "chars",
                "seconds")  # fmt: skip
CSV_COLUMNS = (*FILE_COLUMNS, *ALL_ENTITIES, "other_types")
# Folded into the CSV summary row's reason as key=value pairs.
SUMMARY_FIELDS = ("files", "ok", "partial", "failed", "skipped", "not_started", "workers",
                  "processing_seconds", "notes_per_second", "policy", "version", "started_at",
                  "finished_at", "error")  # fmt: skip


def file_record(result: FileResult) -> dict[str, Any]:
    return {
        "record": "file",
        "path": result.path,
        "output": result.output,
        "status": str(result.status),
        "reason": result.reason,
        "notes": result.notes,
        "rows_failed": result.rows_failed,
        "bad_rows": [{"row": b.row, "reason": b.reason} for b in result.bad_rows],
        "chars": result.chars,
        "seconds": round(result.seconds, 4),
        "counts": dict(sorted(result.counts.items())),
    }


def summary_record(summary: BatchSummary, policy: str | None) -> dict[str, Any]:
    return {
        "record": "summary",
        "version": __version__,
        "tagger": _tagger_version(),
        "started_at": summary.started_at,
        "finished_at": summary.finished_at,
        "policy": policy or "default",
        "workers": summary.workers,
        "files": summary.files,
        "ok": summary.ok,
        "partial": summary.partial,
        "failed": summary.failed,
        "skipped": summary.skipped,
        "not_started": summary.not_started,
        "interrupted": summary.interrupted,
        "worker_restarts": summary.restarts,
        "error": summary.fatal,
        "exit_code": summary.exit_code,
        "notes": summary.notes,
        "rows_failed": summary.rows_failed,
        "chars": summary.chars,
        "seconds": round(summary.seconds, 3),
        "processing_seconds": round(summary.processing_seconds, 3),
        "notes_per_second": round(summary.notes_per_second, 2),
        "counts": dict(sorted(summary.counts.items())),
    }


class ReportWriter:
    """Writes records as they come; ``close`` after the summary."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.csv = path.suffix.lower() == ".csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        # backslashreplace: a file name that is not valid UTF-8 must not stop the report.
        self._fh: IO[str] = open(  # noqa: SIM115 - closed by close()
            path, "w", encoding="utf-8", errors="backslashreplace", newline=""
        )
        self._writer: Any = None
        if self.csv:
            self._writer = csv.DictWriter(self._fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self._writer.writeheader()
            self._fh.flush()

    def file(self, result: FileResult) -> None:
        self._write(file_record(result))

    def summary(self, summary: BatchSummary, policy: str | None) -> None:
        self._write(summary_record(summary, policy))

    def _write(self, record: dict[str, Any]) -> None:
        if self.csv:
            self._writer.writerow(_csv_row(record))
        else:
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    counts: dict[str, int] = record.get("counts", {})
    row = {k: record.get(k, "") for k in FILE_COLUMNS}
    if record["record"] == "summary":
        row["status"] = "interrupted" if record["interrupted"] else _overall(record)
        row["reason"] = " ".join(f"{k}={record[k]}" for k in SUMMARY_FIELDS)
    else:
        bad = "; ".join(f"row {b['row']}: {b['reason']}" for b in record["bad_rows"])
        if bad and not row["reason"]:
            row["reason"] = bad
    row.update({name: counts.get(name, 0) for name in ALL_ENTITIES})
    row["other_types"] = ";".join(f"{k}={v}" for k, v in counts.items() if k not in ALL_ENTITIES)
    return row


def _overall(record: dict[str, Any]) -> str:
    return "failed" if record["failed"] or record["partial"] else "ok"


def _tagger_version() -> str:
    from redactphi.tagger import version_line

    return version_line()
