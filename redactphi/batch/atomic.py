"""Crash-safe output: atomic writes, clean-up of interrupted ones, and one run per folder.

An output file only ever appears by ``os.replace`` of a fully written and fsynced temporary
file in the same folder, so an output that exists is complete: that is what ``--resume`` relies
on. A run killed mid-write leaves at most a hidden ``.NAME.XXXX.redactphi-tmp`` file, which the
next run into the same folder deletes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".redactphi-tmp"
LOCK_NAME = ".redactphi.lock"

try:  # POSIX advisory locks; elsewhere concurrent runs are simply not detected
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


class OutputLockedError(Exception):
    """Another run holds the output folder."""


def _file_mode() -> int:
    # mkstemp creates 0600 files; give outputs the mode a plain open() would (0666 & ~umask).
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextlib.contextmanager
def atomic_writer(dest: Path) -> Iterator[IO[bytes]]:
    """Yield a binary file that becomes ``dest`` only if the block completes without error."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    # Keep the temporary name within the usual 255-byte limit even for long note names.
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{dest.name[:100]}.", suffix=TEMP_SUFFIX, dir=dest.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _file_mode())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_dir(dest.parent)


def _fsync_dir(folder: Path) -> None:
    # Make the rename itself durable; not every platform lets a directory be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sweep_stale_temps(out_dir: Path) -> int:
    """Delete temporary files left by an interrupted run; returns how many."""
    removed = 0
    for path in out_dir.rglob(f".*{TEMP_SUFFIX}"):
        if path.is_file() and not path.is_symlink():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
    return removed


class OutputLock:
    """Exclusive lock on the output folder, held for the whole run and freed even on SIGKILL."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / LOCK_NAME
        self._fh: IO[bytes] | None = None

    def __enter__(self) -> OutputLock:
        self._fh = open(self.path, "ab")  # held until __exit__
        if fcntl is not None:
            try:
                fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                self._fh.close()
                raise OutputLockedError(
                    f"another redactphi run is writing to {self.path.parent}; "
                    "wait for it to finish or choose another --out folder"
                ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock; the file stays to avoid unlink races
            self._fh = None
