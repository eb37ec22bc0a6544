"""The Python side of the Spark job: one lazily built Redactor per worker process.

Spark keeps Python workers alive between tasks (``spark.python.worker.reuse``), so the module
state below lives as long as the worker: the spaCy model loads once per process and every batch
of every later task reuses it. A row that cannot be redacted gets ``status=error`` and a PHI-free
error kind; it never fails the task. Configuration errors (no key, wrong key) do fail the job:
every row would fail the same way.
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from redactphi import __version__
from redactphi.config import Settings
from redactphi.engine import Redactor
from redactphi.errors import (
    AnalysisError,
    ConfigurationError,
    InputError,
    InputTooLargeError,
    RedactPhiError,
)
from redactphi.models import Finding, RedactionResult
from redactphi.spark._spec import (
    CONFIG,
    ERROR,
    FAILED,
    FINDINGS,
    MODEL,
    OK,
    STATUS,
    VERSION,
    JobSpec,
    check_executor_key,
    model_version,
)

if TYPE_CHECKING:
    import pandas as pd

    from redactphi.spark.metrics import Accumulators

logger = logging.getLogger(__name__)

# Per-process state: one Redactor per engine configuration, jobs whose key was checked.
_redactors: dict[str, Redactor] = {}
_checked: set[str] = set()


@dataclass(slots=True)
class RowOut:
    text: str | None
    findings: str | None
    status: str
    error: str | None


def error_kind(exc: BaseException) -> str:
    """A PHI-free name for what went wrong with one row."""
    if isinstance(exc, InputTooLargeError):
        return "input_too_large"
    if isinstance(exc, InputError):
        return "invalid_input"
    if isinstance(exc, AnalysisError):
        return "analysis_failed"
    if isinstance(exc, RedactPhiError):
        return "redaction_failed"
    return f"internal_error:{exc.__class__.__name__}"


def findings_json(findings: Sequence[Finding]) -> str:
    """Offsets (Python string indexes), types and scores; never the text."""
    return json.dumps([f.to_dict() for f in findings], separators=(",", ":"))


class Worker:
    """Runs one job's batches on this process's Redactor."""

    def __init__(self, spec: JobSpec, accumulators: Accumulators | None) -> None:
        self.spec = spec
        self.acc = accumulators
        self.settings = Settings(**spec.engine)
        if spec.config_hash not in _checked:
            check_executor_key(spec, self.settings)
            _checked.add(spec.config_hash)
        found = _redactors.get(spec.engine_key)
        if found is None:
            found = Redactor(self.settings)
            _redactors[spec.engine_key] = found
            logger.info("redactphi worker %d loaded its Redactor", os.getpid())
            if accumulators is not None:
                accumulators.builds.add(Counter({worker_id(): 1}))
        self.redactor = found
        self.model = f"{self.settings.model_name} {model_version(self.settings.model_name)}"

    # -- rows ----------------------------------------------------------------------------------

    def run(self, texts: Sequence[object], patient_key: str | None) -> list[RowOut]:
        """One patient's notes (or unrelated notes when ``patient_key`` is None), in one
        ``redact_many`` call so the library sees the whole group at once."""
        out: list[RowOut | None] = [None] * len(texts)
        todo: list[int] = []
        for i, text in enumerate(texts):
            if text is None or (isinstance(text, float) and math.isnan(text)):
                out[i] = RowOut(None, "[]", OK, None)  # nothing to redact
            elif not isinstance(text, str):
                out[i] = RowOut(None, None, FAILED, "invalid_input")
            elif len(text) > self.settings.max_chars:
                out[i] = RowOut(None, None, FAILED, "input_too_large")
            else:
                todo.append(i)
        if todo:
            batch = [str(texts[i]) for i in todo]
            try:
                done = self._many(batch, patient_key)
            except ConfigurationError:
                raise
            except Exception:
                # Find the bad row(s): redo the group one note at a time.
                done = [self._one(text, patient_key) for text in batch]
            for i, row in zip(todo, done, strict=True):
                out[i] = row
        return [row for row in out if row is not None]

    def _many(self, texts: list[str], patient_key: str | None) -> list[RowOut]:
        # One patient's notes share patient memory: a name found in one is redacted in all.
        keys = None if patient_key is None else [patient_key] * len(texts)
        if self.spec.mode == "analyze":
            found = self.redactor.analyze_many(texts, patient_keys=keys)
            return [RowOut(None, findings_json(f), OK, None) for f in found]
        results = self.redactor.redact_many(
            texts, self.spec.policy, patient_key=patient_key, patient_keys=keys
        )
        return [self._ok(result) for result in results]

    def _one(self, text: str, patient_key: str | None) -> RowOut:
        try:
            if self.spec.mode == "analyze":
                return RowOut(None, findings_json(self.redactor.analyze(text)), OK, None)
            return self._ok(self.redactor.redact(text, self.spec.policy, patient_key=patient_key))
        except ConfigurationError:
            raise
        except Exception as exc:
            kind = error_kind(exc)
            logger.warning("redactphi: a row failed (%s)", kind)
            return RowOut(None, None, FAILED, kind)

    @staticmethod
    def _ok(result: RedactionResult) -> RowOut:
        return RowOut(result.text, findings_json(result.findings), OK, None)

    # -- batches -------------------------------------------------------------------------------

    def frame(self, batch: pd.DataFrame, rows: list[RowOut]) -> pd.DataFrame:
        """The output batch: the input's columns with the text replaced, plus ours."""
        spec = self.spec
        if spec.mode == "analyze":
            out = batch.drop(columns=[spec.text_col])
        else:
            out = batch.copy()
            out[spec.output_col] = [row.text for row in rows]
        out[FINDINGS] = [row.findings for row in rows]
        out[STATUS] = [row.status for row in rows]
        out[ERROR] = [row.error for row in rows]
        out[VERSION] = __version__
        out[MODEL] = self.model
        out[CONFIG] = spec.config_hash
        if self.acc is not None:
            self.acc.rows.add(len(rows))
            self.acc.errors.add(sum(row.status != OK for row in rows))
            self.acc.batches.add(Counter({worker_id(): 1}))
        return out

    def unrelated(self, batch: pd.DataFrame) -> pd.DataFrame:
        return self.frame(batch, self.run(batch[self.spec.text_col].tolist(), None))

    def by_patient(self, batch: pd.DataFrame) -> pd.DataFrame:
        """Rows sorted by patient: each run of one patient's rows goes to the library at once;
        rows without a patient go one by one."""
        texts = batch[self.spec.text_col].tolist()
        keys = [patient_key(v) for v in batch[str(self.spec.patient_col)].tolist()]
        rows: list[RowOut] = []
        start = 0
        while start < len(texts):
            end = start + 1
            if keys[start] is not None:
                while end < len(texts) and keys[end] == keys[start]:
                    end += 1
            rows.extend(self.run(texts[start:end], keys[start]))
            start = end
        return self.frame(batch, rows)


def worker_id() -> str:
    """This Python worker process, as "host:pid" (no data in it)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def patient_key(value: Any) -> str | None:
    """A patient column value as the library's patient key (None when missing)."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():  # integer columns with nulls arrive as floats
            return str(int(value))
    text = str(value)
    return text if text.strip() else None


def map_batches(
    spec: JobSpec, accumulators: Accumulators | None, batches: Iterator[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """The ``mapInPandas`` function (bound with functools.partial on the driver)."""
    worker = Worker(spec, accumulators)
    if spec.patient_col is None:
        for batch in batches:
            if len(batch):
                yield worker.unrelated(batch)
        return
    yield from _patient_runs(worker, batches, str(spec.patient_col))


def _patient_runs(
    worker: Worker, batches: Iterator[pd.DataFrame], column: str
) -> Iterator[pd.DataFrame]:
    """Arrow batches cut across patients: hold back the last patient of each batch until the
    next batch shows where that patient's rows end (the partition is sorted by patient)."""
    import pandas as pd

    carry: pd.DataFrame | None = None
    for incoming in batches:
        batch = incoming if carry is None else pd.concat([carry, incoming], ignore_index=True)
        carry = None
        if not len(batch):
            continue
        keys = [patient_key(v) for v in batch[column].tolist()]
        last = keys[-1]
        cut = len(keys)
        if last is not None:
            while cut > 0 and keys[cut - 1] == last:
                cut -= 1
            carry = batch.iloc[cut:].reset_index(drop=True)
        if cut:
            yield worker.by_patient(batch.iloc[:cut].reset_index(drop=True))
    if carry is not None and len(carry):
        yield worker.by_patient(carry)
