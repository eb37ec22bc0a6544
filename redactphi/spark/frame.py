"""``redact_dataframe`` and ``analyze_dataframe``: the library over a Spark DataFrame."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from redactphi.errors import ConfigurationError
from redactphi.spark._spec import ADDED_COLUMNS, JobSpec, build_spec
from redactphi.spark._worker import map_batches

if TYPE_CHECKING:
    from redactphi.config import Settings
    from redactphi.policies.apply import PolicyLike
    from redactphi.spark.metrics import JobMetrics


def redact_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    patient_col: str | None = None,
    policy: PolicyLike = "safe-harbor",
    *,
    settings: Settings | None = None,
    output_col: str | None = None,
    partitions: int | None = None,
    metrics: JobMetrics | None = None,
) -> DataFrame:
    """Redact ``text_col`` of every row, as :meth:`Redactor.redact_many` would.

    The result keeps every input column; ``text_col`` holds the redacted text (or, with
    ``output_col``, the redacted text goes there and the original stays). Added columns:
    ``redactphi_findings`` (JSON list of start, end, entity_type, score; offsets index the
    original text as a Python string), ``redactphi_status`` (``ok`` or ``error``),
    ``redactphi_error`` (a PHI-free error kind), ``redactphi_version``, ``redactphi_model`` and
    ``redactphi_config`` (a hash of everything that decides the output). A failed row has a null
    text: it is never passed through unredacted.

    With ``patient_col``, each patient's rows are brought together (hash-partitioned by patient,
    sorted by patient then ``id_col``) and redacted in one ``redact_many`` call with that patient
    as the patient key, so surrogates, date shifts and anything else the library keys by patient
    do not depend on partitioning. ``partitions`` sets the number of partitions (default: the
    input's, and at least twice Spark's default parallelism).
    """
    spec = _spec(
        df, "redact", text_col, output_col or text_col, id_col, patient_col, settings, policy
    )
    return _run(df, spec, partitions, metrics)


def analyze_dataframe(
    df: DataFrame,
    text_col: str = "text",
    id_col: str | None = None,
    patient_col: str | None = None,
    *,
    settings: Settings | None = None,
    partitions: int | None = None,
    metrics: JobMetrics | None = None,
) -> DataFrame:
    """Findings only: the input's columns without ``text_col``, plus the ``redactphi_*`` columns
    of :func:`redact_dataframe`. Join back on ``id_col`` to see the findings beside the notes."""
    spec = _spec(df, "analyze", text_col, text_col, id_col, patient_col, settings, None)
    return _run(df, spec, partitions, metrics)


def _spec(
    df: DataFrame,
    mode: str,
    text_col: str,
    output_col: str,
    id_col: str | None,
    patient_col: str | None,
    settings: Settings | None,
    policy: PolicyLike,
) -> JobSpec:
    fields = {f.name: f for f in df.schema.fields}
    if text_col not in fields:
        raise ConfigurationError(f"text column {text_col!r} is not in the DataFrame")
    if not isinstance(fields[text_col].dataType, StringType):
        raise ConfigurationError(
            f"text column {text_col!r} is {fields[text_col].dataType.simpleString()}, not string"
        )
    for role, name in (("id", id_col), ("patient", patient_col)):
        if name is not None and name not in fields:
            raise ConfigurationError(f"{role} column {name!r} is not in the DataFrame")
    taken = [name for name in ADDED_COLUMNS if name in fields]
    if output_col != text_col and output_col in fields:
        taken.append(output_col)
    if taken:
        raise ConfigurationError(
            f"column(s) {', '.join(taken)} already exist; drop or rename them first"
        )
    return build_spec(
        mode="analyze" if mode == "analyze" else "redact",
        text_col=text_col,
        output_col=output_col,
        id_col=id_col,
        patient_col=patient_col,
        settings=settings,
        policy=policy,
    )


def _run(
    df: DataFrame, spec: JobSpec, partitions: int | None, metrics: JobMetrics | None
) -> DataFrame:
    if partitions is not None and partitions < 1:
        raise ConfigurationError("partitions must be at least 1")
    arranged = _arrange(df, spec, partitions)
    fn = functools.partial(map_batches, spec, metrics.accumulators if metrics else None)
    return arranged.mapInPandas(fn, _schema(df.schema, spec))


def _arrange(df: DataFrame, spec: JobSpec, partitions: int | None) -> DataFrame:
    try:
        parallelism = df.sparkSession.sparkContext.defaultParallelism
        current = df.rdd.getNumPartitions()
    except Exception:  # Spark Connect has no RDD API: Spark chooses unless told
        parallelism = current = 0
    if spec.patient_col is None:
        if partitions is not None:
            return df.repartition(partitions)
        # Too few partitions leave cores idle (one small file is one partition).
        return df if current >= parallelism else df.repartition(2 * parallelism)
    patient = F.col(spec.patient_col)
    order = [patient] + ([F.col(spec.id_col)] if spec.id_col else [])
    # An explicit count: adaptive execution must not coalesce the patients onto one core.
    count = partitions or max(current, 2 * parallelism)
    grouped = df.repartition(count, patient) if count else df.repartition(patient)
    return grouped.sortWithinPartitions(*order)


def _schema(schema: StructType, spec: JobSpec) -> StructType:
    fields = [f for f in schema.fields if not (spec.mode == "analyze" and f.name == spec.text_col)]
    if spec.mode == "redact" and spec.output_col != spec.text_col:
        fields.append(StructField(spec.output_col, StringType(), True))
    elif spec.mode == "redact":
        # The text column becomes nullable: a failed row's text is null, never the original.
        fields = [
            StructField(f.name, f.dataType, True, f.metadata) if f.name == spec.text_col else f
            for f in fields
        ]
    fields += [StructField(name, StringType(), True) for name in ADDED_COLUMNS]
    return StructType(fields)
