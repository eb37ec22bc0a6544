"""The ``redactphi spark`` job: read a folder, redact it, commit the output once, completely.

Output appears only by renaming a finished staging folder into place, so OUTPUT either does not
exist or holds a complete result with Spark's ``_SUCCESS`` marker and our ``_redactphi.json``
manifest (PHI-free: versions, configuration hash, counts). Re-running a finished job with the
same input and configuration is a no-op; re-running a killed one starts again in the staging
folder, which is deterministic (``NAME.redactphi-staging`` beside OUTPUT) and overwritten.
Paths are Hadoop paths: local folders or any Hadoop-compatible URI (hdfs://, s3a://, abfss://).
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from redactphi import __version__
from redactphi.errors import RedactPhiError
from redactphi.spark._spec import ERROR, STATUS, JobSpec

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from redactphi.config import Settings

logger = logging.getLogger(__name__)

MANIFEST = "_redactphi.json"
SUCCESS = "_SUCCESS"
STAGING_SUFFIX = ".redactphi-staging"
CORRUPT = "_corrupt_record"
_MALFORMED = "__redactphi_malformed"


class Format(StrEnum):
    PARQUET = "parquet"
    JSONL = "jsonl"
    CSV = "csv"


SUFFIXES = {
    ".parquet": Format.PARQUET,
    ".jsonl": Format.JSONL,
    ".ndjson": Format.JSONL,
    ".json": Format.JSONL,
    ".csv": Format.CSV,
}


class JobError(RedactPhiError):
    """The job cannot run as asked (bad paths, an output that is not ours). PHI-free."""


@dataclass(frozen=True)
class JobConfig:
    input: str
    output: str
    text_col: str = "text"
    id_col: str | None = None
    patient_col: str | None = None
    policy: str | None = None
    input_format: Format | None = None  # None: from the input's file names
    output_format: Format | None = None  # None: the input's format
    partitions: int | None = None
    overwrite: bool = False


@dataclass
class JobSummary:
    output: str
    job_id: str
    config_hash: str
    rows: int = 0
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False  # the same job had already finished

    @property
    def failed(self) -> int:
        return sum(self.errors.values())


class _Fs:
    """The Hadoop FileSystem calls the job needs, through the driver's JVM."""

    def __init__(self, spark: SparkSession) -> None:
        self.jvm: Any = spark.sparkContext._jvm
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()

    def path(self, uri: str, child: str | None = None) -> Any:
        """A fully qualified Hadoop path (relative local paths become absolute file: URIs)."""
        base = self.jvm.org.apache.hadoop.fs.Path(uri)
        base = base.getFileSystem(self.conf).makeQualified(base)
        return base if child is None else self.jvm.org.apache.hadoop.fs.Path(base, child)

    def fs(self, path: Any) -> Any:
        return path.getFileSystem(self.conf)

    def exists(self, path: Any) -> bool:
        return bool(self.fs(path).exists(path))

    def is_dir(self, path: Any) -> bool:
        return bool(self.fs(path).getFileStatus(path).isDirectory())

    def delete(self, path: Any) -> None:
        if self.exists(path):
            self.fs(path).delete(path, True)

    def rename(self, src: Any, dst: Any) -> None:
        if not self.fs(src).rename(src, dst):
            raise JobError(f"could not move the finished output into place at {dst.toString()}")

    def names(self, path: Any) -> list[str]:
        return sorted(status.getPath().getName() for status in self.fs(path).listStatus(path))

    def read_text(self, path: Any) -> str | None:
        if not self.exists(path):
            return None
        stream = self.fs(path).open(path)
        try:
            reader = self.jvm.java.io.BufferedReader(
                self.jvm.java.io.InputStreamReader(stream, "UTF-8")
            )
            lines = []
            line = reader.readLine()
            while line is not None:
                lines.append(line)
                line = reader.readLine()
            return "\n".join(lines)
        finally:
            stream.close()

    def write_text(self, path: Any, text: str) -> None:
        stream = self.fs(path).create(path, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def fingerprint(self, files: list[str]) -> str:
        """What the input is: each file's path, size and modification time."""
        digest = hashlib.sha256()
        for uri in sorted(files):
            status = self.fs(self.path(uri)).getFileStatus(self.path(uri))
            digest.update(f"{uri}\t{status.getLen()}\t{status.getModificationTime()}\n".encode())
        return digest.hexdigest()


def detect_format(fs: _Fs, uri: str) -> Format:
    """The format from the input's name, else from the first data file in the folder."""
    path = fs.path(uri)
    if not fs.exists(path):
        raise JobError(f"input {uri} does not exist")
    names = [path.getName()]
    if fs.is_dir(path):
        names = [n for n in fs.names(path) if not n.startswith(("_", "."))]
    for name in names:
        for suffix, fmt in SUFFIXES.items():
            if name.lower().endswith(suffix):
                return fmt
    raise JobError(f"cannot tell the format of {uri}; use --format parquet, jsonl or csv")


def read_input(spark: SparkSession, uri: str, fmt: Format) -> DataFrame:
    reader = spark.read
    if fmt is Format.PARQUET:
        return reader.parquet(uri)
    if fmt is Format.JSONL:
        return reader.json(uri)
    # RFC 4180: quoted fields may hold newlines and doubled quotes; every column is a string.
    return reader.csv(uri, header=True, multiLine=True, escape='"')


def write_output(df: DataFrame, uri: str, fmt: Format) -> None:
    writer = df.write.mode("overwrite")
    if fmt is Format.PARQUET:
        writer.parquet(uri)
    elif fmt is Format.JSONL:
        writer.json(uri)
    else:
        writer.csv(uri, header=True, escape='"')


def run_job(spark: SparkSession, cfg: JobConfig, settings: Settings | None = None) -> JobSummary:
    """Redact ``cfg.input`` into ``cfg.output`` (see the module docstring for the guarantees)."""
    from pyspark.sql import functions as F

    from redactphi.spark.frame import _run, _spec

    started = time.perf_counter()
    fs = _Fs(spark)
    in_fmt = cfg.input_format or detect_format(fs, cfg.input)
    out_fmt = cfg.output_format or in_fmt
    df = read_input(spark, cfg.input, in_fmt)
    malformed = CORRUPT in df.columns
    if malformed:
        # A line Spark could not parse: its raw text (PHI) must never reach the output.
        df = df.withColumn(_MALFORMED, F.col(CORRUPT).isNotNull()).drop(CORRUPT)
        df = df.withColumn(
            cfg.text_col, F.when(F.col(_MALFORMED), F.lit(None)).otherwise(F.col(cfg.text_col))
        )
    spec = _spec(
        df, "redact", cfg.text_col, cfg.text_col, cfg.id_col, cfg.patient_col, settings, cfg.policy
    )
    job_id = _job_id(spec, cfg, in_fmt, out_fmt, fs.fingerprint(df.inputFiles()))
    output = fs.path(cfg.output)
    staging = fs.path(output.getParent().toString(), f"{output.getName()}{STAGING_SUFFIX}")
    summary = JobSummary(cfg.output, job_id, spec.config_hash)

    done = _finished(fs, output)
    if done is not None and done.get("job_id") == job_id:
        return _from_manifest(summary, done, skipped=True)
    if fs.exists(output) and not cfg.overwrite:
        if done is not None:
            raise JobError(
                f"{cfg.output} holds the output of a different job (other input or settings); "
                "use --overwrite to replace it, or another output path"
            )
        if fs.read_text(fs.path(cfg.output, MANIFEST)) is None:
            raise JobError(
                f"{cfg.output} exists and is not a redactphi output; "
                "use --overwrite to replace it, or another output path"
            )
        # Ours but incomplete (a copy-based rename that crashed): redone below.

    staged = _finished(fs, staging)
    if staged is None or staged.get("job_id") != job_id:
        out = _run(df, spec, cfg.partitions, None)
        if malformed:
            out = (
                out.withColumn(STATUS, F.when(F.col(_MALFORMED), "error").otherwise(F.col(STATUS)))
                .withColumn(
                    ERROR, F.when(F.col(_MALFORMED), "malformed_record").otherwise(F.col(ERROR))
                )
                .drop(_MALFORMED)
            )
        write_output(out, staging.toString(), out_fmt)
        if not fs.exists(fs.path(staging.toString(), SUCCESS)):
            raise JobError("Spark finished without its _SUCCESS marker; nothing was committed")
        counts = _status_counts(spark, staging.toString(), out_fmt)
        summary.rows = sum(counts.values())
        summary.ok = counts.pop("ok", 0)
        summary.errors = dict(sorted(counts.items()))
        summary.seconds = round(time.perf_counter() - started, 2)
        manifest = _manifest(summary, spec, cfg, in_fmt, out_fmt)
        fs.write_text(fs.path(staging.toString(), MANIFEST), json.dumps(manifest, indent=2))
    else:
        _from_manifest(summary, staged, skipped=False)
    fs.delete(output)
    fs.rename(staging, output)
    summary.seconds = round(time.perf_counter() - started, 2)
    logger.info("redactphi spark job %s committed %d rows", job_id, summary.rows)
    return summary


def _job_id(spec: JobSpec, cfg: JobConfig, in_fmt: Format, out_fmt: Format, inputs: str) -> str:
    described = {
        "config": spec.config_hash,
        "inputs": inputs,
        "formats": [in_fmt.value, out_fmt.value],
        "columns": [cfg.text_col, cfg.id_col, cfg.patient_col],
        "partitions": cfg.partitions,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16]


def _finished(fs: _Fs, folder: Any) -> dict[str, Any] | None:
    """The manifest of a complete output (``_SUCCESS`` and manifest both present), else None."""
    if not fs.exists(fs.path(folder.toString(), SUCCESS)):
        return None
    raw = fs.read_text(fs.path(folder.toString(), MANIFEST))
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _status_counts(spark: SparkSession, uri: str, fmt: Format) -> dict[str, int]:
    """Rows per outcome, read back from what was written (exact, unlike accumulators)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(STATUS, StringType()), StructField(ERROR, StringType())])
    if fmt is Format.PARQUET:
        df = spark.read.parquet(uri).select(STATUS, ERROR)
    elif fmt is Format.JSONL:
        df = spark.read.schema(schema).json(uri)
    else:
        df = spark.read.csv(uri, header=True, multiLine=True, escape='"').select(STATUS, ERROR)
    outcome = F.when(F.col(STATUS) == "ok", "ok").otherwise(F.coalesce(F.col(ERROR), F.lit("?")))
    return {str(r["k"]): int(r["count"]) for r in df.groupBy(outcome.alias("k")).count().collect()}


def _manifest(
    summary: JobSummary, spec: JobSpec, cfg: JobConfig, in_fmt: Format, out_fmt: Format
) -> dict[str, Any]:
    from redactphi.spark._spec import model_version

    return {
        "job_id": summary.job_id,
        "redactphi_version": __version__,
        "model": f"{spec.engine['model_name']} {model_version(spec.engine['model_name'])}",
        "config_hash": spec.config_hash,
        "policy": spec.policy.name if spec.policy is not None else None,
        "input_format": in_fmt.value,
        "output_format": out_fmt.value,
        "columns": {"text": cfg.text_col, "id": cfg.id_col, "patient": cfg.patient_col},
        "rows": summary.rows,
        "ok": summary.ok,
        "errors": summary.errors,
        "seconds": summary.seconds,
    }


def _from_manifest(summary: JobSummary, data: dict[str, Any], *, skipped: bool) -> JobSummary:
    summary.rows = int(data.get("rows", 0))
    summary.ok = int(data.get("ok", 0))
    summary.errors = {str(k): int(v) for k, v in dict(data.get("errors", {})).items()}
    summary.skipped = skipped
    return summary


def summary_dict(summary: JobSummary) -> dict[str, Any]:
    return {**asdict(summary), "failed": summary.failed}
