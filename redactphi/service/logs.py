"""Logging for the service: one stderr handler, and no exception text or traceback anywhere.

Exception messages and tracebacks can hold note text (a ``KeyError`` on a word, a frame's locals),
so every record's exception is reduced to its class name before it is formatted.
"""

from __future__ import annotations

import logging
from typing import Any

ACCESS_LOGGER = "redactphi.access"


class ExceptionClassOnlyFilter(logging.Filter):
    """Replace a record's exception and stack with the exception's class name."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            exc_type = record.exc_info[0]
            name = exc_type.__name__ if exc_type is not None else "Exception"
            record.msg = f"{record.getMessage()} [{name}]"
            record.args = None
            record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True


def logging_config(level: str = "info") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` mapping, passed to uvicorn as ``log_config``."""
    level = level.upper()
    # Third-party libraries stay at WARNING or above even in debug mode: their debug output
    # (Presidio's decision traces, for one) may quote the text being analysed.
    quiet = level if level in ("ERROR", "CRITICAL") else "WARNING"
    handler = {"handlers": ["stderr"], "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"class_only": {"()": ExceptionClassOnlyFilter}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "plain",
                "filters": ["class_only"],
            },
        },
        "loggers": {
            "uvicorn": {**handler, "level": level},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "redactphi": {**handler, "level": level},
            "presidio-analyzer": {**handler, "level": quiet},
            "presidio-anonymizer": {**handler, "level": quiet},
        },
        "root": {"handlers": ["stderr"], "level": quiet},
    }
