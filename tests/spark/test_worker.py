"""The worker side without a JVM: patient runs across Arrow batches, and the executor key check.

The Redactor is the real shared one, wrapped to record how ``redact_many`` is called.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from redactphi import ConfigurationError, KeyRequiredError, Redactor
from redactphi.models import RedactionResult
from redactphi.spark import _worker
from redactphi.spark._spec import JobSpec, build_spec, check_executor_key, default_settings
from tests.spark.helpers import Note


class Recording:
    """The real Redactor, noting each ``redact_many`` call's patient key and size."""

    def __init__(self, real: Redactor) -> None:
        self.real = real
        self.calls: list[tuple[str | None, int]] = []

    def redact_many(
        self,
        texts: Iterable[str],
        policy: Any = None,
        *,
        patient_key: str | None = None,
        patient_keys: list[str | None] | None = None,
    ) -> Iterator[RedactionResult]:
        batch = list(texts)
        self.calls.append((patient_key, len(batch)))
        if patient_key is not None:  # the worker hands the library one key per note
            assert patient_keys == [patient_key] * len(batch)
        return self.real.redact_many(
            batch, policy, patient_key=patient_key, patient_keys=patient_keys
        )


def spec_for(policy: str, patient_col: str | None) -> JobSpec:
    return build_spec(
        mode="redact",
        text_col="text",
        output_col="text",
        id_col="id",
        patient_col=patient_col,
        settings=None,
        policy=policy,
    )


def test_a_patient_cut_across_batches_reaches_the_library_whole(
    notes: list[Note], redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pandas as pd

    spec = spec_for("surrogate", "patient")
    recording = Recording(redactor)
    monkeypatch.setitem(_worker._redactors, spec.engine_key, recording)
    patients = [None, "A", "A", "A", "B", "B", "B", "C"]  # sorted, nulls first, as Spark sends
    rows = [{"id": f"n{i}", "patient": p, "text": notes[i].text} for i, p in enumerate(patients)]
    batches = [pd.DataFrame(rows[:3]), pd.DataFrame(rows[3:6]), pd.DataFrame(rows[6:])]
    out = pd.concat(list(_worker.map_batches(spec, None, iter(batches))), ignore_index=True)

    assert recording.calls == [(None, 1), ("A", 3), ("B", 3), ("C", 1)]
    assert out["id"].tolist() == [row["id"] for row in rows]
    for row, got in zip(rows, out["text"].tolist(), strict=True):
        want = redactor.redact(str(row["text"]), "surrogate", patient_key=row["patient"])
        assert got == want.text


def test_an_executor_with_another_key_fails_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = spec_for("hash", None)  # the conftest's key is in the environment
    assert spec.key_fingerprint is not None
    check_executor_key(spec, default_settings())  # same key: fine
    monkeypatch.setenv("REDACTPHI_KEY", "a-different-key-0123456789")
    with pytest.raises(ConfigurationError, match="differs from the driver's"):
        check_executor_key(spec, default_settings())
    monkeypatch.delenv("REDACTPHI_KEY")
    with pytest.raises(KeyRequiredError, match="executorEnv"):
        check_executor_key(spec, default_settings())


def test_the_job_description_carries_no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from tests.spark.helpers import TEST_KEY

    spec = spec_for("surrogate", "patient")
    assert "key" not in spec.engine
    assert TEST_KEY.encode() not in pickle.dumps(spec)
    monkeypatch.setenv("REDACTPHI_KEY", "a-different-key-0123456789")
    assert spec_for("surrogate", "patient").config_hash != spec.config_hash
