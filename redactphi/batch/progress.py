"""Progress on stderr: a rich bar on a terminal, plain periodic lines otherwise, or nothing.

Messages about failed files go to stderr in every mode, ``--quiet`` included, so a cron job
mails only the problems.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from redactphi.batch.models import FileResult, Status


class ProgressSink(Protocol):
    def start(self, total: int, skipped: int) -> None: ...
    def advance(self, result: FileResult) -> None: ...
    def message(self, text: str) -> None: ...
    def stop(self) -> None: ...


class _Rate:
    """Notes per second since the first note started, so model loading does not drag it down."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.first = 0.0
        self.notes = 0

    def add(self, result: FileResult) -> float:
        self.notes += result.notes
        if result.notes and result.started and (not self.first or result.started < self.first):
            self.first = result.started
        elapsed = time.time() - self.first if self.first else 0.0
        return self.notes / elapsed if elapsed > 0 else 0.0


class QuietProgress:
    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr

    def start(self, total: int, skipped: int) -> None:
        pass

    def advance(self, result: FileResult) -> None:
        pass

    def message(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class PlainProgress(QuietProgress):
    """One line every ``interval`` seconds, for logs and cron mail."""

    def __init__(self, interval: float = 10.0, stream: IO[str] | None = None) -> None:
        super().__init__(stream)
        self.interval = interval
        self.total = self.done = self.failed = 0
        self.rate = _Rate()
        self._last = 0.0

    def start(self, total: int, skipped: int) -> None:
        self.total = total
        self.rate = _Rate()
        self._last = time.monotonic()
        note = f" ({skipped} already done, skipped)" if skipped else ""
        self.message(f"redactphi: {total} files to redact{note}")

    def advance(self, result: FileResult) -> None:
        self.done += 1
        self.failed += result.status is Status.FAILED
        notes_per_s = self.rate.add(result)
        now = time.monotonic()
        if now - self._last >= self.interval and self.done < self.total:
            self._last = now
            files_per_s = self.done / max(now - self.rate.started, 1e-9)
            eta = (self.total - self.done) / files_per_s if files_per_s else 0.0
            self.message(
                f"redactphi: {self.done}/{self.total} files, {self.failed} failed, "
                f"{notes_per_s:.1f} notes/s, ETA {_clock(eta)}"
            )


class RichProgress:
    """Bar with files done, notes/s and ETA."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.progress = Progress(
            TextColumn("[bold]redacting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[rate]:.1f} notes/s"),
            TextColumn("{task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task: TaskID | None = None
        self.rate = _Rate()
        self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        if skipped:
            self.console.print(f"redactphi: {skipped} files already done, skipped")
        self.rate = _Rate()
        self.task = self.progress.add_task("redact", total=total, rate=0.0, failed=0)
        self.progress.start()

    def advance(self, result: FileResult) -> None:
        self.failed += result.status is Status.FAILED
        rate = self.rate.add(result)
        if self.task is not None:
            self.progress.update(self.task, advance=1, rate=rate, failed=self.failed)

    def message(self, text: str) -> None:
        self.progress.console.print(text, markup=False, highlight=False)

    def stop(self) -> None:
        self.progress.stop()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def make_progress(quiet: bool, interval: float = 10.0) -> ProgressSink:
    if quiet:
        return QuietProgress()
    if sys.stderr.isatty():
        return RichProgress()
    return PlainProgress(interval)
