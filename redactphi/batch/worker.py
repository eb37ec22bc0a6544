"""Worker processes: one Redactor each, loaded once by the pool initializer.

A worker never lets an exception escape with note text in it: every outcome becomes a
``FileResult`` with a PHI-free reason. A worker whose parent disappears (the CLI was killed)
exits at once; atomic writes mean it leaves no partial output behind.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from redactphi.batch.atomic import atomic_writer
from redactphi.batch.formats import (
    FileError,
    Tally,
    configure_csv,
    describe_bad_rows,
    redact_stream,
)
from redactphi.batch.manifest import Fingerprint, Manifest
from redactphi.batch.models import FileResult, Job, RedactOptions, Status
from redactphi.config import Settings
from redactphi.errors import ConfigurationError, RedactPhiError

if TYPE_CHECKING:
    from redactphi.engine import Redactor

# Exercised once at start-up so a bad policy or a missing key stops the run before any file.
SMOKE_NOTE = "Patient: Jane Roe, MRN 4417782, seen 03/14/2021 at Mercy Clinic, 555-201-3344."


@dataclass(slots=True)
class _State:
    redactor: object = None
    settings: Settings | None = None
    opts: RedactOptions | None = None
    manifest: Manifest | None = None
    error: str = ""
    error_exit: int = 0


_STATE = _State()


def engine_error(exc: BaseException) -> tuple[str, int]:
    """Message and exit code for an error that stops the whole run."""
    if isinstance(exc, ConfigurationError):
        return str(exc), 2
    if isinstance(exc, RedactPhiError):
        return str(exc), 1
    return f"could not start the redaction engine ({exc.__class__.__name__})", 1


def start_engine(settings: Settings, opts: RedactOptions) -> Redactor:
    """Load a Redactor and check the policy once; raises library errors."""
    from redactphi.engine import Redactor

    redactor = Redactor(settings)
    smoke = SMOKE_NOTE[: settings.max_chars]
    redactor.redact(smoke, policy=opts.policy, patient_key=opts.patient_key)
    configure_csv(settings.max_chars)
    return redactor


def init_worker(
    settings: Settings, opts: RedactOptions, parent_alive: Connection, out_dir: Path | None = None
) -> None:
    """ProcessPoolExecutor initializer; ``parent_alive`` is the read end of the CLI's pipe,
    ``out_dir`` the --out folder whose manifest records each output."""
    # Ctrl-C reaches the whole process group; the parent decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent_alive)
    _STATE.settings, _STATE.opts = settings, opts
    _STATE.manifest = Manifest(out_dir) if out_dir is not None else None
    try:
        _STATE.redactor = start_engine(settings, opts)
    except Exception as exc:
        _STATE.error, _STATE.error_exit = engine_error(exc)


def _watch_parent(parent_alive: Connection) -> None:
    # Workers are forked from the forkserver, not the CLI, so the parent pid says nothing; the
    # pipe does: nothing is ever sent, and EOF means every copy of the write end (the CLI's)
    # is closed, i.e. the CLI is gone. Without this, a SIGKILLed run would leave its workers
    # (and the forkserver) waiting forever.
    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            parent_alive.recv()
        os._exit(1)

    threading.Thread(target=watch, name="redactphi-parent-watch", daemon=True).start()


def run_job(job: Job) -> FileResult:
    """Redact one file in this worker."""
    if _STATE.error or _STATE.settings is None or _STATE.opts is None:
        return FileResult(
            job.display, str(job.output), Status.FAILED, _STATE.error, fatal_exit=_STATE.error_exit
        )
    return process_job(
        job, _STATE.redactor, _STATE.opts, _STATE.settings.max_chars, _STATE.manifest
    )


def process_job(
    job: Job,
    redactor: object,
    opts: RedactOptions,
    max_chars: int,
    manifest: Manifest | None = None,
) -> FileResult:
    """Read, redact and atomically write one file; never raises for a bad file."""
    started = time.time()
    clock = time.perf_counter()
    tally = Tally()
    result = FileResult(job.display, str(job.output), Status.OK, started=started)
    if job.error:
        result.status, result.reason = Status.FAILED, job.error
        result.finished = time.time()
        return result
    try:
        with open(job.source, "rb") as src, atomic_writer(job.output) as dst:
            # The state that was read, taken before reading: an edit during the run shows.
            fingerprint = Fingerprint.of(os.fstat(src.fileno()))
            redact_stream(job.fmt, src, dst, redactor, opts, tally, max_chars=max_chars)  # type: ignore[arg-type]
            if manifest is not None:
                manifest.record(job.output, fingerprint)  # before the output is published
    except FileError as exc:
        result.status, result.reason = Status.FAILED, str(exc)
    except IsADirectoryError:
        result.status, result.reason = Status.FAILED, "is a folder, not a file"
    except OSError as exc:
        result.status = Status.FAILED
        result.reason = f"cannot read or write: {exc.strerror or exc.__class__.__name__}"
    except ConfigurationError as exc:
        message, code = engine_error(exc)
        result.status, result.reason, result.fatal_exit = Status.FAILED, message, code
    except Exception as exc:
        # Unexpected: name the class only, its arguments might hold note text.
        result.status, result.reason = Status.FAILED, f"internal error ({exc.__class__.__name__})"
    if result.status is Status.OK:
        result.counts = dict(sorted(tally.counts.items()))
        result.chars, result.notes = tally.chars, tally.notes
        result.rows_failed, result.bad_rows = tally.rows_failed, tally.bad_rows
        if tally.rows_failed:
            result.status = Status.PARTIAL
            result.reason = f"{tally.rows_failed} of {tally.rows} rows left out: " + (
                describe_bad_rows(tally)
            )
    result.seconds = round(time.perf_counter() - clock, 4)
    result.finished = time.time()
    return result
