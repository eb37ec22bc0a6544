"""PHI-free job counters gathered from the workers with Spark accumulators."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pyspark.accumulators import Accumulator, AccumulatorParam

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


class _CounterParam(AccumulatorParam[Counter[str]]):
    """Counts per worker process ("host:pid"), merged by addition."""

    def zero(self, value: Counter[str]) -> Counter[str]:
        return Counter()

    def addInPlace(self, value1: Counter[str], value2: Counter[str]) -> Counter[str]:
        value1.update(value2)
        return value1


@dataclass(frozen=True)
class Accumulators:
    """The accumulators themselves: shipped to the workers, which add to them."""

    rows: Accumulator[int]
    errors: Accumulator[int]
    batches: Accumulator[Counter[str]]  # Arrow batches handled, per worker process
    builds: Accumulator[Counter[str]]  # Redactors built, per worker process


class JobMetrics:
    """Rows, failed rows, and per worker process: batches handled and Redactors built.

    Pass one to ``redact_dataframe(..., metrics=...)`` (or to several jobs) and read it after
    the action. Like every accumulator updated inside a transformation, a retried task counts
    twice; exact row counts come from the output itself.
    """

    def __init__(self, spark: SparkSession) -> None:
        sc = spark.sparkContext
        self.accumulators = Accumulators(
            rows=sc.accumulator(0),
            errors=sc.accumulator(0),
            batches=sc.accumulator(Counter(), _CounterParam()),
            builds=sc.accumulator(Counter(), _CounterParam()),
        )

    @property
    def batches(self) -> Counter[str]:
        return Counter(self.accumulators.batches.value)

    @property
    def builds(self) -> Counter[str]:
        return Counter(self.accumulators.builds.value)

    def as_dict(self) -> dict[str, Any]:
        acc = self.accumulators
        return {
            "rows": acc.rows.value,
            "errors": acc.errors.value,
            "batches": sum(self.batches.values()),
            "worker_processes": len(self.batches),
            "redactors_built": sum(self.builds.values()),
        }
