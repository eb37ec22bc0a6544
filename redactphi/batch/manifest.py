"""The output manifest: which input state each output was made from, so resume redoes edits.

``.redactphi-manifest.jsonl`` in the output folder holds one line per output written::

    {"output": "a/note0.txt", "size": 2841, "mtime_ns": 1732950000123456789}

A worker appends the line before it publishes the output (the atomic rename), so an output that
exists always has its line, even after a SIGKILL. On resume an output is kept only when its
input still has the recorded size and modification time; otherwise (edited input, or an output
from before manifests) it is redone. No content digest is kept on purpose: an unkeyed hash of a
short note is a way to test guesses about the PHI in it. Paths, sizes and times only.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from redactphi.batch.atomic import atomic_writer

MANIFEST_NAME = ".redactphi-manifest.jsonl"


@dataclass(frozen=True, slots=True)
class Fingerprint:
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Fingerprint:
        return cls(st.st_size, st.st_mtime_ns)


def current(path: Path) -> Fingerprint | None:
    """The input's fingerprint now; None when it cannot be read (the job will say why)."""
    try:
        return Fingerprint.of(path.stat())
    except OSError:
        return None


class Manifest:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST_NAME

    def key(self, output: Path) -> str:
        return output.relative_to(self.out_dir).as_posix()

    def load(self) -> dict[str, Fingerprint]:
        """The last record of each output; unreadable lines (a torn last write) are skipped."""
        entries: dict[str, Fingerprint] = {}
        try:
            raw = self.path.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return entries
        for line in raw.splitlines():
            try:
                rec = json.loads(line)
                entries[str(rec["output"])] = Fingerprint(int(rec["size"]), int(rec["mtime_ns"]))
            except (ValueError, KeyError, TypeError):
                continue
        return entries

    def record(self, output: Path, fp: Fingerprint) -> None:
        """Append one line with a single write (O_APPEND: safe next to other workers)."""
        line = json.dumps(
            {"output": self.key(output), "size": fp.size, "mtime_ns": fp.mtime_ns},
            ensure_ascii=False,
        )
        data = (line + "\n").encode("utf-8", "backslashreplace")
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def compact(self, keep: dict[str, Fingerprint]) -> None:
        """Rewrite with one line per output still present (the file only grows otherwise)."""
        with atomic_writer(self.path) as fh:
            for key, fp in sorted(keep.items()):
                rec = {"output": key, "size": fp.size, "mtime_ns": fp.mtime_ns}
                fh.write(
                    (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")
                )
