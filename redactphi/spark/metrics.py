"""PHI-free job counters gathered from the workers with Spark accumulators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyspark.accumulators import Accumulator, AccumulatorParam

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


class _UnionParam(AccumulatorParam[frozenset[str]]):
    def zero(self, value: frozenset[str]) -> frozenset[str]:
        return frozenset()

    def addInPlace(self, value1: frozenset[str], value2: frozenset[str]) -> frozenset[str]:
        return value1 | value2


@dataclass(frozen=True)
class Accumulators:
    """The accumulators themselves: shipped to the workers, which add to them."""

    rows: Accumulator[int]
    errors: Accumulator[int]
    batches: Accumulator[int]
    builds: Accumulator[int]
    workers: Accumulator[frozenset[str]]


class JobMetrics:
    """Rows, failed rows, Arrow batches, Redactors built and worker processes seen.

    Pass one to ``redact_dataframe(..., metrics=...)`` and read it after the action. Like every
    accumulator updated inside a transformation, a retried task counts twice; exact row counts
    come from the output itself.
    """

    def __init__(self, spark: SparkSession) -> None:
        sc = spark.sparkContext
        self.accumulators = Accumulators(
            rows=sc.accumulator(0),
            errors=sc.accumulator(0),
            batches=sc.accumulator(0),
            builds=sc.accumulator(0),
            workers=sc.accumulator(frozenset(), _UnionParam()),
        )

    def as_dict(self) -> dict[str, Any]:
        acc = self.accumulators
        return {
            "rows": acc.rows.value,
            "errors": acc.errors.value,
            "batches": acc.batches.value,
            "redactors_built": acc.builds.value,
            "worker_processes": len(acc.workers.value),
        }
