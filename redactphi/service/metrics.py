"""Prometheus metrics in the app's own registry.

Labels are drawn from closed sets only (route templates, HTTP methods, status codes, entity
types), so neither PHI nor unbounded client input can reach a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from redactphi.models import ALL_ENTITIES

__all__ = ["CONTENT_TYPE", "Metrics"]

_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
_ENTITIES = frozenset(ALL_ENTITIES)
UNMATCHED_ROUTE = "<unmatched>"
DOCUMENT_OUTCOMES = ("ok", "error", "timeout")


class _Typed(Protocol):
    @property
    def entity_type(self) -> str: ...


_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """Request counts and latency, findings per type, and load shedding."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "redactphi_http_requests",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "redactphi_http_request_duration_seconds",
            "Time from request start to the last response byte.",
            ["route", "method"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self.findings = Counter(
            "redactphi_findings",
            "Identifiers found, by entity type.",
            ["entity_type"],
            registry=self.registry,
        )
        self.documents = Counter(
            "redactphi_documents",
            "Documents analysed, by outcome (ok, error or timeout).",
            ["outcome"],
            registry=self.registry,
        )
        self.rejected = Counter(
            "redactphi_overload_rejections",
            "Requests turned away with 503 because the analysis queue was full.",
            registry=self.registry,
        )
        self.timeouts = Counter(
            "redactphi_analysis_timeouts",
            "Requests answered 504 because their analysis passed the deadline.",
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "redactphi_rate_limited",
            "Requests answered 429 because their key or client passed the rate limit.",
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "redactphi_analysis_in_flight",
            "Analyses running or waiting for a slot, including abandoned ones still running.",
            registry=self.registry,
        )
        # Labelled children, looked up once: ``labels()`` validates and locks on every call,
        # about 5 us each, a dozen times a request. The label sets are closed, so these stay
        # small; entities and outcomes are made up front, so their zeros are exported and rates
        # work from the start.
        self._per_entity = {e: self.findings.labels(entity_type=e) for e in ALL_ENTITIES}
        self._per_request: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self._per_outcome = {o: self.documents.labels(outcome=o) for o in DOCUMENT_OUTCOMES}

    def observe_request(self, route: str, method: str, status: int, seconds: float) -> None:
        method = method if method in _METHODS else "OTHER"
        key = (route, method, status)
        children = self._per_request.get(key)
        if children is None:
            children = self._per_request[key] = (
                self.requests.labels(route=route, method=method, status=str(status)),
                self.latency.labels(route=route, method=method),
            )
        children[0].inc()
        children[1].observe(seconds)

    def count_findings(self, findings: Iterable[_Typed]) -> None:
        counts: dict[str, int] = {}  # one labelled increment per type, not per finding
        for finding in findings:
            entity = finding.entity_type if finding.entity_type in _ENTITIES else "OTHER"
            counts[entity] = counts.get(entity, 0) + 1
        for entity, n in counts.items():
            child = self._per_entity.get(entity)
            if child is None:  # "OTHER" when ALL_ENTITIES lacks it
                child = self._per_entity[entity] = self.findings.labels(entity_type=entity)
            child.inc(n)

    def count_document(self, outcome: str) -> None:
        """One document analysed, by outcome (``DOCUMENT_OUTCOMES``)."""
        self._per_outcome[outcome].inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
