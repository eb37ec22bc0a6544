"""``Metrics``: each label set keeps its own count, though its child is looked up only once."""

from __future__ import annotations

from dataclasses import dataclass

from redactphi.service.metrics import UNMATCHED_ROUTE, Metrics


@dataclass
class _Found:
    entity_type: str


def _value(metrics: Metrics, line_start: str) -> float:
    text = metrics.render().decode()
    line = next(ln for ln in text.splitlines() if ln.startswith(line_start))
    return float(line.rsplit(" ", 1)[1])


def test_each_route_method_and_status_counts_apart() -> None:
    metrics = Metrics()
    for _ in range(3):
        metrics.observe_request("/v1/redact", "POST", 200, 0.05)
    metrics.observe_request("/v1/redact", "POST", 422, 0.001)
    metrics.observe_request(UNMATCHED_ROUTE, "BREW", 404, 0.001)  # an unknown method: OTHER
    requests = "redactphi_http_requests_total"
    assert _value(metrics, f'{requests}{{method="POST",route="/v1/redact",status="200"}}') == 3
    assert _value(metrics, f'{requests}{{method="POST",route="/v1/redact",status="422"}}') == 1
    assert _value(metrics, f'{requests}{{method="OTHER",route="<unmatched>",status="404"}}') == 1
    # Both statuses of a route feed one latency histogram.
    count = 'redactphi_http_request_duration_seconds_count{method="POST",route="/v1/redact"}'
    assert _value(metrics, count) == 4


def test_findings_and_documents_count_by_type_and_outcome_from_zero() -> None:
    metrics = Metrics()
    findings = "redactphi_findings_total"
    documents = "redactphi_documents_total"
    assert _value(metrics, f'{findings}{{entity_type="NAME"}}') == 0
    assert _value(metrics, f'{documents}{{outcome="timeout"}}') == 0
    metrics.count_findings([_Found("NAME"), _Found("NAME"), _Found("DATE"), _Found("ODD")])
    metrics.count_findings([_Found("NAME")])
    assert _value(metrics, f'{findings}{{entity_type="NAME"}}') == 3
    assert _value(metrics, f'{findings}{{entity_type="DATE"}}') == 1
    assert _value(metrics, f'{findings}{{entity_type="OTHER"}}') == 1  # a type nobody listed
    for outcome in ("ok", "ok", "error", "timeout"):
        metrics.count_document(outcome)
    assert _value(metrics, f'{documents}{{outcome="ok"}}') == 2
    assert _value(metrics, f'{documents}{{outcome="error"}}') == 1
    assert _value(metrics, f'{documents}{{outcome="timeout"}}') == 1
