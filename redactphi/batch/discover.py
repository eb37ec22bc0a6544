"""Find the input files, map each to its output path, and refuse plans that could lose data.

Rules:
- A folder input is walked recursively (symlinked folders are not followed; hidden files and
  folders are skipped); its files keep their path relative to the folder under ``--out``.
- A file named on the command line is always taken, whatever the globs say, and lands directly
  under ``--out``.
- Globs match case-insensitively against the file name or its path relative to the input folder;
  ``--exclude`` also prunes folders by name or relative path.
- The output folder may not be, contain or lie inside an input; two inputs may not map to the
  same output. Paths are compared after resolving symlinks.
- A bad path never stops the run: a symlink loop, a dangling link or a folder that cannot be
  listed becomes a job that fails alone with its reason. Only a named input with no directory
  entry at all is a usage error.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from redactphi.batch.formats import format_of
from redactphi.batch.models import Format, Job

TEXT_PATTERNS = ("*.txt", "*.md")
STRUCTURED_PATTERNS = ("*.jsonl", "*.ndjson", "*.csv")


class PlanError(Exception):
    """The command cannot run as given (a usage error, exit 2). Messages name paths only."""


def default_includes(structured: bool) -> tuple[str, ...]:
    return TEXT_PATTERNS + STRUCTURED_PATTERNS if structured else TEXT_PATTERNS


def _matches(rel: str, name: str, patterns: Sequence[str]) -> bool:
    rel, name = rel.lower(), name.lower()
    return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in patterns)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def real(path: Path) -> Path:
    """The path with symlinks resolved, never raising: ``Path.resolve`` raises RuntimeError on
    a symlink loop (before Python 3.13); ``realpath`` stops where it cannot go further."""
    return Path(os.path.realpath(path))


def _walk(
    root: Path, includes: Sequence[str], excludes: Sequence[str], unreadable: list[Path]
) -> Iterable[Path]:
    def onerror(exc: OSError) -> None:
        if exc.filename is not None:
            unreadable.append(Path(exc.filename))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        base = Path(dirpath)
        rel_dir = base.relative_to(root)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and not _matches((rel_dir / d).as_posix(), d, excludes)
        )
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            rel = (rel_dir / name).as_posix()
            if not _matches(rel, name, includes) or _matches(rel, name, excludes):
                continue
            path = base / name
            # Skip FIFOs, sockets and devices, which would block or make no sense; keep broken
            # or unreadable entries so the worker reports them.
            try:
                mode = path.stat().st_mode
            except OSError:
                yield path
                continue
            if stat.S_ISREG(mode):
                yield path


def plan_jobs(
    inputs: Sequence[Path],
    out_dir: Path,
    includes: Sequence[str],
    excludes: Sequence[str] = (),
) -> list[Job]:
    """Jobs for every input file, in a stable order; raises PlanError for unsafe plans."""
    includes = [p.lower() for p in includes]
    excludes = [p.lower() for p in excludes]
    out_res = real(out_dir)
    if out_res.exists() and not out_res.is_dir():
        raise PlanError(f"--out {out_dir} exists and is not a folder")
    jobs: list[Job] = []
    for inp in inputs:
        if not os.path.lexists(inp):
            raise PlanError(f"input not found: {inp}")
        res = real(inp)
        if inp.is_symlink() and not inp.exists():  # dangling or a loop: fails alone
            jobs.append(Job(inp, out_dir / inp.name, str(inp), format_of(inp)))
        elif inp.is_dir():
            if _inside(out_res, res):
                raise PlanError(
                    f"--out {out_dir} is inside the input folder {inp}; "
                    "choose an output folder outside every input"
                )
            if _inside(res, out_res):
                raise PlanError(f"input folder {inp} is inside --out {out_dir}")
            unreadable: list[Path] = []
            for path in _walk(inp, includes, excludes, unreadable):
                rel = path.relative_to(inp)
                jobs.append(Job(path, out_dir / rel, str(path), format_of(path)))
            for folder in unreadable:
                reason = "folder cannot be listed; its files were not redacted"
                rel = folder.relative_to(inp) if folder != inp else Path(".")
                jobs.append(Job(folder, out_dir / rel, str(folder), Format.TEXT, error=reason))
        elif inp.is_file():
            if _inside(res, out_res):
                raise PlanError(
                    f"input {inp} is inside --out {out_dir}; its output would replace it"
                )
            jobs.append(Job(inp, out_dir / inp.name, str(inp), format_of(inp)))
        else:
            raise PlanError(f"input {inp} is not a regular file or folder (use - for stdin)")
    _check_collisions(jobs)
    return jobs


def _check_collisions(jobs: Sequence[Job]) -> None:
    seen: dict[Path, Job] = {}
    sources = {real(job.source) for job in jobs if not job.error}
    for job in jobs:
        if job.error:
            continue  # nothing is written for it
        key = real(job.output)
        if key in sources:  # belt and braces: never write over any input
            raise PlanError(f"output {job.output} would replace the input {job.source}")
        other = seen.get(key)
        if other is not None:
            raise PlanError(
                f"{other.display} and {job.display} would both be written to {job.output}; "
                "redact them into separate --out folders"
            )
        seen[key] = job


def structured(jobs: Iterable[Job]) -> list[Job]:
    return [job for job in jobs if job.fmt is not Format.TEXT]


def check_report_path(report: Path, inputs: Sequence[Path], jobs: Sequence[Job]) -> None:
    """The report may not land in an input folder or on an input or output file."""
    if report.suffix.lower() not in (".jsonl", ".ndjson", ".json", ".csv"):
        raise PlanError(f"--report {report}: use a .jsonl or .csv file name")
    res = real(report)
    if res.exists() and res.is_dir():
        raise PlanError(f"--report {report} is a folder")
    for inp in inputs:
        inp_res = real(inp)
        if res == inp_res or (inp.is_dir() and _inside(res, inp_res)):
            raise PlanError(f"--report {report} is inside the input {inp}")
    if any(res == real(job.output) for job in jobs):
        raise PlanError(f"--report {report} is also an output path")
