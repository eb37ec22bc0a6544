"""Patient memory for JSONL and CSV exports: a file's rows of one patient share their findings.

The file is read twice through the same row loop: once with a recorder that only notes each
note and its patient key, then, after one ``Redactor.redact_many(..., patient_keys=...)`` over
them all, with a replayer that hands each row its result. Parsing, row errors and output stay
exactly those of the plain path; if any note fails in the shared pass, every row is redone alone
(without memory), so one bad row still fails alone.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import IO, Any

from redactphi.batch.formats import Tally
from redactphi.batch.models import RedactOptions
from redactphi.errors import RedactPhiError
from redactphi.models import RedactionResult

RowLoop = Callable[[IO[bytes], IO[bytes], Any, RedactOptions, Tally], None]


class _Recorder:
    def __init__(self) -> None:
        self.notes: list[tuple[str, str | None]] = []

    def redact(
        self, text: str, policy: Any = None, *, patient_key: str | None = None
    ) -> RedactionResult:
        self.notes.append((text, patient_key))
        return RedactionResult(text=text, findings=[])


class _Replayer:
    def __init__(self, real: Any, notes: list[tuple[str, str | None]], results: list[Any]) -> None:
        self.real = real
        self.queue = list(zip(notes, results, strict=True))[::-1]

    def redact(
        self, text: str, policy: Any = None, *, patient_key: str | None = None
    ) -> RedactionResult:
        if self.queue and self.queue[-1][0] == (text, patient_key):
            return self.queue.pop()[1]  # type: ignore[no-any-return]
        return self.real.redact(text, policy, patient_key=patient_key)  # type: ignore[no-any-return]


def redact_with_memory(
    loop: RowLoop,
    src: IO[bytes],
    dst: IO[bytes],
    redactor: Any,
    opts: RedactOptions,
    tally: Tally,
) -> None:
    """Run ``loop`` (``redact_jsonl`` or ``redact_csv``) with patient memory across its rows."""
    data = src.read()
    recorder = _Recorder()
    # A file that cannot be read fails in the real pass below, with its own message.
    with contextlib.suppress(Exception):
        loop(io.BufferedReader(io.BytesIO(data)), io.BytesIO(), recorder, opts, Tally())
    texts = [text for text, _ in recorder.notes]
    keys = [key for _, key in recorder.notes]
    try:
        results = list(redactor.redact_many(texts, opts.policy, patient_keys=keys))
    except RedactPhiError:
        results = None  # a bad note: every row is redone alone below
    chosen = redactor if results is None else _Replayer(redactor, recorder.notes, results)
    loop(io.BufferedReader(io.BytesIO(data)), dst, chosen, opts, tally)
