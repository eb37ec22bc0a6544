"""Run a batch: plan, lock the output folder, redact with a pool of workers, report.

Workers come from a ``forkserver`` context: each is forked from a clean single-threaded server
(safe next to the progress thread) and loads its own Redactor once in the pool initializer.
At most two jobs per worker are queued, so a stop request leaves little to wait for.

A worker that dies (say, to the OOM killer) breaks the pool: a new pool is started, the files
that were in flight are retried one at a time, and a file that kills a worker on its own is
reported as failed.

Stopping: the first SIGINT/SIGTERM stops new work, lets the running files finish, writes the
report summary and exits 128+signal; a second one exits at once (outputs stay complete: every
write is atomic, and workers exit when their parent is gone).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from redactphi.batch.atomic import OutputLock, OutputLockedError, sweep_stale_temps
from redactphi.batch.discover import (
    PlanError,
    check_report_path,
    default_includes,
    plan_jobs,
    structured,
)
from redactphi.batch.manifest import Manifest, current
from redactphi.batch.models import BatchSummary, FileResult, Job, RedactOptions, Status
from redactphi.batch.progress import ProgressSink
from redactphi.batch.report import ReportWriter
from redactphi.batch.worker import init_worker, run_job
from redactphi.config import Settings

QUEUED_PER_WORKER = 2
MAX_POOL_RESTARTS = 20
POLL_SECONDS = 0.2


@dataclass(slots=True)
class BatchConfig:
    inputs: Sequence[Path]
    out_dir: Path
    settings: Settings
    opts: RedactOptions = field(default_factory=RedactOptions)
    includes: Sequence[str] | None = None  # None: .txt/.md, plus .jsonl/.csv with text fields
    excludes: Sequence[str] = ()
    workers: int = 1
    report: Path | None = None
    resume: bool = True
    force: bool = False


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_batch(cfg: BatchConfig, progress: ProgressSink) -> BatchSummary:
    """Redact every planned file; raises PlanError for usage problems before any work."""
    includes = cfg.includes or default_includes(bool(cfg.opts.text_fields))
    jobs = plan_jobs(cfg.inputs, cfg.out_dir, includes, cfg.excludes)
    if structured(jobs) and not cfg.opts.text_fields:
        raise PlanError(
            f"{structured(jobs)[0].display} is JSONL/CSV: name the column to redact "
            "with --text-field NAME"
        )
    if cfg.report is not None:
        check_report_path(cfg.report, cfg.inputs, jobs)
    if not cfg.resume and not cfg.force:
        _refuse_existing(jobs, cfg.out_dir)  # before the lock file is created: a usage error
    try:
        cfg.out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PlanError(f"cannot create --out {cfg.out_dir}: {exc.strerror}") from None
    try:
        lock = OutputLock(cfg.out_dir).__enter__()
    except OutputLockedError as exc:
        raise PlanError(str(exc)) from None
    except OSError as exc:  # a read-only folder or file system: nothing can be written there
        raise PlanError(
            f"cannot write to --out {cfg.out_dir}: {exc.strerror or exc.__class__.__name__}; "
            "choose a folder you can write to"
        ) from None
    try:
        return _run_locked(cfg, jobs, progress)
    finally:
        lock.__exit__(None, None, None)


def _run_locked(cfg: BatchConfig, jobs: list[Job], progress: ProgressSink) -> BatchSummary:
    sweep_stale_temps(cfg.out_dir)
    if not cfg.resume and not cfg.force:
        _refuse_existing(jobs, cfg.out_dir)
    # An output only appears by an atomic rename of a complete file, so existing means done,
    # provided its input is the one it was made from (the manifest says).
    skip, changed = set(), 0
    if not cfg.force:
        manifest = Manifest(cfg.out_dir)
        recorded = manifest.load()
        kept = {}
        for job in jobs:
            if job.error or not job.output.exists():
                continue
            key = manifest.key(job.output)
            fp = recorded.get(key)
            if fp is not None and fp == current(job.source):
                skip.add(id(job))
                kept[key] = fp
            else:
                changed += 1
        try:
            manifest.compact(kept)
        except OSError as exc:
            raise PlanError(f"cannot write to --out {cfg.out_dir}: {exc.strerror}") from None
    todo = [job for job in jobs if id(job) not in skip]
    if changed:
        progress.message(
            f"{changed} existing outputs were made from another version of their input "
            "(or before manifests); redoing them"
        )
    summary = BatchSummary(workers=min(cfg.workers, len(todo)), started_at=now_iso())
    clock = time.perf_counter()
    try:
        report = ReportWriter(cfg.report) if cfg.report else None
    except OSError as exc:
        raise PlanError(f"cannot write --report {cfg.report}: {exc.strerror}") from None
    try:
        for job in jobs:
            if id(job) in skip:
                result = FileResult(
                    job.display, str(job.output), Status.SKIPPED, "output exists, input unchanged"
                )
                summary.add(result)
                if report:
                    report.file(result)

        def record(result: FileResult) -> None:
            summary.add(result)
            if report:
                report.file(result)
            if result.status is Status.FAILED:
                progress.message(f"failed: {result.path}: {result.reason}")
            elif result.status is Status.PARTIAL:
                progress.message(f"partial: {result.path}: {result.reason}")
            progress.advance(result)

        progress.start(len(todo), len(jobs) - len(todo))
        try:
            if todo:
                _run_pool(todo, cfg, summary, record, progress)
        finally:
            progress.stop()
        summary.seconds = time.perf_counter() - clock
        summary.finished_at = now_iso()
        summary.exit_code = _exit_code(summary)
        if report:
            report.summary(summary, cfg.opts.policy)
    finally:
        if report:
            report.close()
    return summary


def _refuse_existing(jobs: Sequence[Job], out_dir: Path) -> None:
    existing = [job for job in jobs if job.output.exists()]
    if existing:
        raise PlanError(
            f"{len(existing)} outputs already exist in {out_dir} (e.g. {existing[0].output});"
            " use --resume to skip them or --force to redo them"
        )


def _exit_code(summary: BatchSummary) -> int:
    if summary.fatal_exit:
        return summary.fatal_exit
    if summary.interrupted:
        return 128 + summary.signal
    return 1 if summary.failed or summary.partial else 0


class _StopFlag:
    """Set by SIGINT/SIGTERM; a second signal exits at once."""

    def __init__(self) -> None:
        self.signum = 0

    def __call__(self, signum: int, frame: Any) -> None:
        if self.signum:
            os._exit(128 + signum)
        self.signum = signum


@contextmanager
def _stop_on_signals() -> Iterator[_StopFlag]:
    flag = _StopFlag()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    previous = {s: signal.signal(s, flag) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield flag
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _closing(*conns: Connection) -> Iterator[None]:
    try:
        yield
    finally:
        for conn in conns:
            conn.close()


def _mp_context() -> Any:
    if sys.platform == "win32":  # pragma: no cover
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # The server imports the engine once; every worker is forked from it ready to load a model.
    ctx.set_forkserver_preload(["redactphi.batch.worker"])
    return ctx


def _run_pool(
    todo: list[Job],
    cfg: BatchConfig,
    summary: BatchSummary,
    record: Callable[[FileResult], None],
    progress: ProgressSink,
) -> None:
    queue: deque[Job] = deque(todo)
    # Jobs that were in flight when a worker died. Each is then run alone, so a second death
    # names the file that causes it, and the files queued next to it are not blamed.
    suspects: set[int] = set()
    window = {"first": float("inf"), "last": 0.0}
    ctx = _mp_context()

    def collect(fut: Future[FileResult], job: Job) -> None:
        try:
            result = fut.result()
        except Exception as exc:
            reason = f"internal error ({type(exc).__name__})"  # the class only: no note text
            result = FileResult(job.display, str(job.output), Status.FAILED, reason)
        if result.fatal_exit:
            summary.fatal, summary.fatal_exit = result.reason, result.fatal_exit
            queue.appendleft(job)
            return
        if result.notes:
            window["first"] = min(window["first"], result.started)
            window["last"] = max(window["last"], result.finished)
        record(result)

    with _stop_on_signals() as stop:
        while queue and not stop.signum and not summary.fatal:
            if summary.restarts > MAX_POOL_RESTARTS:
                summary.fatal, summary.fatal_exit = "worker processes keep dying; stopping", 1
                break
            workers = max(1, min(cfg.workers, len(queue)))
            inflight: dict[Future[FileResult], Job] = {}
            broken = False
            # Workers exit when this pipe closes: see worker._watch_parent.
            alive_r, alive_w = ctx.Pipe(duplex=False)
            initargs = (cfg.settings, cfg.opts, alive_r, cfg.out_dir)
            with (
                _closing(alive_r, alive_w),
                ProcessPoolExecutor(
                    workers, mp_context=ctx, initializer=init_worker, initargs=initargs
                ) as pool,
            ):
                while (queue or inflight) and not broken and not summary.fatal:
                    while (
                        queue
                        and len(inflight) < workers * QUEUED_PER_WORKER
                        and not stop.signum
                        and not any(id(j) in suspects for j in inflight.values())
                        and (id(queue[0]) not in suspects or not inflight)
                    ):
                        job = queue.popleft()
                        try:
                            inflight[pool.submit(run_job, job)] = job
                        except BrokenProcessPool:
                            queue.appendleft(job)
                            broken = True
                            break
                    if stop.signum:
                        for fut in list(inflight):
                            if fut.cancel():
                                queue.appendleft(inflight.pop(fut))
                    if not inflight:
                        break
                    done, _ = wait(inflight, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                    for fut in done:
                        if isinstance(fut.exception(), BrokenProcessPool):
                            broken = True
                        else:
                            collect(fut, inflight.pop(fut))
                if summary.fatal:
                    for fut in inflight:
                        fut.cancel()
                    queue.extendleft(inflight.values())
                    inflight.clear()
            if broken:
                # Every worker of a broken pool is gone now; sweep what the dead ones half wrote.
                sweep_stale_temps(cfg.out_dir)
                summary.restarts += 1
                _after_crash(inflight, queue, suspects, record, collect)
                progress.message(
                    "a worker process died (out of memory or a crash); "
                    "retrying its files one at a time"
                )
        summary.interrupted = bool(stop.signum)
        summary.signal = stop.signum
    summary.not_started = len(queue)
    if window["last"] > window["first"]:
        summary.processing_seconds = window["last"] - window["first"]


def _after_crash(
    inflight: dict[Future[FileResult], Job],
    queue: deque[Job],
    suspects: set[int],
    record: Callable[[FileResult], None],
    collect: Callable[[Future[FileResult], Job], None],
) -> None:
    unfinished = []
    for fut, job in inflight.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            collect(fut, job)  # finished before the pool broke
        else:
            unfinished.append(job)
    if len(unfinished) == 1 and id(unfinished[0]) in suspects:
        job = unfinished[0]
        record(
            FileResult(
                job.display,
                str(job.output),
                Status.FAILED,
                "the worker process died on this file (out of memory or a crash); "
                "nothing was written",
            )
        )
        return
    suspects.update(id(job) for job in unfinished)
    queue.extendleft(reversed(unfinished))
