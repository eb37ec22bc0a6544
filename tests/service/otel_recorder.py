"""OpenTelemetry providers that keep what they are handed, for the telemetry tests.

A configured provider is what an operator's tracing set-up (``opentelemetry-instrument``, a
platform's bootstrap) installs globally; these stand in for its exporters. ``install_globally``
is run by a ``sitecustomize`` in the served subprocess: each process writes a JSON-lines file,
its own name first, then one line per span, log record or measurement as it comes (uvicorn's
workers end without running ``atexit``).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from opentelemetry import _logs, metrics, trace
from opentelemetry.trace import INVALID_SPAN_CONTEXT, NonRecordingSpan


class Record:
    def __init__(self, sink: Path | None = None) -> None:
        self.spans: list[dict[str, Any]] = []
        self.logs: list[dict[str, Any]] = []
        self.measurements: list[dict[str, Any]] = []
        self.sink = sink

    def keep(self, kind: str, entry: dict[str, Any]) -> None:
        getattr(self, kind).append(entry)
        self.write(kind, entry)

    def write(self, kind: str, entry: dict[str, Any]) -> None:
        if self.sink is not None:
            with self.sink.open("a", encoding="utf-8") as out:
                out.write(json.dumps({kind: entry}) + "\n")

    def as_json(self) -> dict[str, Any]:
        return {"spans": self.spans, "logs": self.logs, "measurements": self.measurements}


def _text(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else repr(value)


class _Recording:
    """Holds the record every provider, tracer and logger here writes to."""

    def __init__(self, record: Record) -> None:
        self._record = record


class _Span(NonRecordingSpan):
    def __init__(self, record: dict[str, Any], sink: Record) -> None:
        super().__init__(INVALID_SPAN_CONTEXT)
        self._record, self._sink = record, sink

    def is_recording(self) -> bool:
        return True

    def set_attribute(self, key: str, value: Any) -> None:
        self._record["attributes"][key] = _text(value)

    def set_attributes(self, attributes: Any) -> None:
        for key, value in dict(attributes).items():
            self.set_attribute(key, value)

    def add_event(self, name: str, attributes: Any = None, timestamp: Any = None) -> None:
        self._record["events"].append({"name": name, "attributes": dict(attributes or {})})

    def record_exception(self, exception: BaseException, *args: Any, **kwargs: Any) -> None:
        self._record["events"].append({"name": "exception", "message": str(exception)})

    def update_name(self, name: str) -> None:
        self._record["name"] = name

    def end(self, end_time: int | None = None) -> None:
        self._sink.write("ended", self._record)


class _Tracer(_Recording, trace.Tracer):
    def start_span(
        self,
        name: str,
        context: Any = None,
        kind: Any = None,
        attributes: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> trace.Span:
        entry = {
            "name": name,
            "attributes": {k: _text(v) for k, v in dict(attributes or {}).items()},
            "events": [],
        }
        self._record.keep("spans", entry)
        return _Span(entry, self._record)

    @contextmanager
    def start_as_current_span(self, name: str, *args: Any, **kwargs: Any) -> Iterator[trace.Span]:
        kwargs.pop("end_on_exit", None)
        span = self.start_span(name, *args, **kwargs)
        with trace.use_span(span, end_on_exit=True):
            yield span


class RecordingTracerProvider(_Recording, trace.TracerProvider):
    def get_tracer(self, *args: Any, **kwargs: Any) -> trace.Tracer:
        return _Tracer(self._record)


class _Logger(_Recording, _logs.Logger):
    def emit(self, record: Any = None, **fields: Any) -> None:  # type: ignore[override]
        exception = fields.get("exception")
        self._record.keep(
            "logs",
            {
                "body": _text(fields.get("body", record)),
                "event_name": fields.get("event_name"),
                "exception": str(exception) if exception is not None else None,
            },
        )

    def enabled(self, **kwargs: Any) -> bool:
        return True


class RecordingLoggerProvider(_Recording, _logs.LoggerProvider):
    def get_logger(self, *args: Any, **kwargs: Any) -> _logs.Logger:
        return _Logger(self._record)


class _Instrument:
    def __init__(self, record: Record, name: str) -> None:
        self._record, self._name = record, name

    def _keep(self, amount: Any, attributes: Any = None, *args: Any, **kwargs: Any) -> None:
        attrs = {k: _text(v) for k, v in dict(attributes or {}).items()}
        self._record.keep("measurements", {"instrument": self._name, "attributes": attrs})

    record = add = set = _keep


class _Meter(metrics.NoOpMeter):
    def __init__(self, record: Record) -> None:
        super().__init__("recorder")
        self._record = record

    def create_histogram(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return _Instrument(self._record, name)

    def create_counter(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return _Instrument(self._record, name)

    def create_up_down_counter(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return _Instrument(self._record, name)


class RecordingMeterProvider(_Recording, metrics.MeterProvider):
    def get_meter(self, *args: Any, **kwargs: Any) -> metrics.Meter:
        return _Meter(self._record)


def providers(record: Record) -> dict[str, Any]:
    """For ``FastAPI(telemetry={...})``: the three providers over one record."""
    return {
        "tracer_provider": RecordingTracerProvider(record),
        "meter_provider": RecordingMeterProvider(record),
        "logger_provider": RecordingLoggerProvider(record),
    }


def install_globally(out: Path) -> None:
    """Set the recording providers as this process's global ones, recording into
    ``out/<pid>.jsonl``."""
    record = Record(out / f"{os.getpid()}.jsonl")
    # A spawned child (a uvicorn worker) is still "MainProcess" this early; its argv tells.
    record.write("process", {"spawned": "--multiprocessing-fork" in sys.argv})
    trace.set_tracer_provider(RecordingTracerProvider(record))
    metrics.set_meter_provider(RecordingMeterProvider(record))
    _logs.set_logger_provider(RecordingLoggerProvider(record))
