"""No request can stall the service: the analysis deadline, the rate limit and the body limit
of the single-note routes, against real servers on 127.0.0.1."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from redactphi import Redactor

PHI = "Cordelia Vantongeren"
NOTE = f"Patient {PHI}, MRN 77120466, seen 04/02/2025 for CPT 0263T."


@pytest.fixture(scope="module")
def rate_keys(limited_server: Any) -> tuple[str, str]:
    return limited_server.keys  # type: ignore[no-any-return]


def assert_clean_error(resp: httpx.Response, status: int) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    assert set(body) == {"detail", "request_id"}
    assert body["request_id"] == resp.headers["x-request-id"]
    for secret in ("Vantongeren", "77120466", "rate-key-"):
        assert secret not in resp.text
    return body


def metric(client: httpx.Client, name: str) -> float:
    line = next(ln for ln in client.get("/metrics").text.splitlines() if ln.startswith(name + " "))
    return float(line.split()[-1])


def wait_idle(server: Any) -> None:
    """Until the abandoned analysis has really ended (the model is shared with later tests)."""
    with server.client() as client:
        for _ in range(600):
            if metric(client, "redactphi_analysis_in_flight") == 0:
                return
            time.sleep(0.1)
    pytest.fail("the abandoned analysis never ended")


# -- the analysis deadline ----------------------------------------------------------------------


def test_a_stalled_analysis_is_answered_504_and_keeps_its_slot_until_it_ends(
    serve_app: Any,
    service_settings: Any,
    redactor: Redactor,
    faulty_redactor_class: Any,
    triggers: Any,
) -> None:
    faulty = faulty_redactor_class(redactor)
    server = serve_app(
        service_settings(max_concurrency=1, queue_size=1, analysis_timeout=1.0), faulty
    )
    queued_note = f"{NOTE} queued-behind-the-stall"
    try:
        with server.client(timeout=20) as client:
            stalled = client.post("/v1/redact", json={"text": f"{NOTE} {triggers.block}"})
            body = assert_clean_error(stalled, 504)
            assert "REDACTPHI_ANALYSIS_TIMEOUT" in body["detail"]
            assert faulty.entered.is_set()  # it really ran, and still does
            # Queued behind the stalled thread: answered at its own deadline, never run.
            assert_clean_error(client.post("/v1/redact", json={"text": queued_note}), 504)
            # The abandoned thread still counts against the capacity (1 slot + 1 queue place):
            # one more request may wait, but the slot is not handed out twice.
            assert metric(client, "redactphi_analysis_in_flight") == 1.0
            assert metric(client, "redactphi_analysis_timeouts_total") == 2.0
            assert client.get("/healthz").status_code == 200  # the event loop is free
    finally:
        faulty.release.set()
    with server.client(timeout=60) as client:
        ok = client.post("/v1/redact", json={"text": NOTE})
        assert ok.status_code == 200 and "Vantongeren" not in ok.json()["text"]
        assert metric(client, "redactphi_analysis_in_flight") == 0.0
    assert queued_note not in faulty.analysed  # cancelled before it started: no CPU spent


def test_a_stalled_analysis_fills_a_server_without_queue_with_503(
    serve_app: Any,
    service_settings: Any,
    redactor: Redactor,
    faulty_redactor_class: Any,
    triggers: Any,
) -> None:
    faulty = faulty_redactor_class(redactor)
    server = serve_app(
        service_settings(max_concurrency=1, queue_size=0, analysis_timeout=1.0), faulty
    )
    try:
        with server.client(timeout=20) as client:
            assert_clean_error(client.post("/v1/analyze", json={"text": triggers.block}), 504)
            busy = client.post("/v1/analyze", json={"text": NOTE})
            assert_clean_error(busy, 503)
            assert busy.headers["retry-after"]
    finally:
        faulty.release.set()
    wait_idle(server)


def test_a_batch_past_its_deadline_stops_before_its_next_document(
    serve_app: Any,
    service_settings: Any,
    redactor: Redactor,
    faulty_redactor_class: Any,
    triggers: Any,
) -> None:
    faulty = faulty_redactor_class(redactor)
    server = serve_app(service_settings(analysis_timeout=1.0), faulty)
    docs = [{"id": "stall", "text": triggers.block}, {"id": "after", "text": f"{NOTE} after"}]
    try:
        with server.client(timeout=20) as client:
            resp = client.post("/v1/redact/batch", json={"documents": docs})
            assert_clean_error(resp, 504)
    finally:
        faulty.release.set()
    wait_idle(server)
    assert f"{NOTE} after" not in faulty.analysed


# -- the rate limit -----------------------------------------------------------------------------


def test_each_key_has_its_own_rate_limit(limited_server: Any, rate_keys: tuple[str, str]) -> None:
    key_a, key_b = rate_keys
    with limited_server.client(headers={"Authorization": f"Bearer {key_a}"}) as a:
        assert [a.get("/v1/entities").status_code for _ in range(3)] == [200, 200, 200]
        over = a.post("/v1/redact", json={"text": NOTE})
        body = assert_clean_error(over, 429)
        assert int(over.headers["retry-after"]) >= 1
        assert "REDACTPHI_RATE_LIMIT" in body["detail"]
        # Health, readiness and metrics are never limited.
        assert all(a.get("/healthz").status_code == 200 for _ in range(5))
        assert a.get("/metrics").status_code == 200
    with limited_server.client(headers={"Authorization": f"Bearer {key_b}"}) as b:
        assert b.post("/v1/redact", json={"text": NOTE}).status_code == 200
        assert metric(b, "redactphi_rate_limited_total") >= 1


def test_guessed_keys_spend_the_guessing_clients_budget(limited_server: Any) -> None:
    statuses = []
    with limited_server.client() as client:
        for n in range(5):
            headers = {"Authorization": f"Bearer guess-{n}-0123456789abcdef"}
            statuses.append(client.get("/v1/entities", headers=headers).status_code)
    assert statuses[:3] == [401, 401, 401] and statuses[3:] == [429, 429]


# -- the body limit of the single-note routes --------------------------------------------------


def test_one_note_has_a_lower_default_body_limit_than_a_batch(open_client: httpx.Client) -> None:
    from redactphi.service.settings import ServiceSettings

    fields = ServiceSettings.model_fields
    note_limit = fields["max_note_bytes"].default
    assert note_limit < fields["max_body_bytes"].default
    big = ("Seen today. " * (note_limit // 12 + 10)).encode()
    for path in ("/v1/redact", "/v1/analyze"):
        resp = open_client.post(path, content=big, headers={"Content-Type": "text/plain"})
        body = assert_clean_error(resp, 413)
        assert f"{note_limit} bytes" in body["detail"]
        assert "REDACTPHI_MAX_NOTE_BYTES" in body["detail"]


def test_the_note_limit_is_a_setting_and_batches_keep_the_general_limit(
    serve_app: Any, service_settings: Any
) -> None:
    server = serve_app(service_settings(max_note_bytes=1000))
    text = "Seen by Dr. Cordelia Vantongeren on 04/02/2025. " * 30  # ~1.5 KB
    with server.client() as client:
        assert_clean_error(client.post("/v1/redact", json={"text": text}), 413)
        batch = client.post("/v1/redact/batch", json={"documents": [{"id": "1", "text": text}]})
        assert batch.status_code == 200 and batch.json()["succeeded"] == 1


def test_the_openapi_document_lists_the_new_statuses(open_client: httpx.Client) -> None:
    spec = open_client.get("/openapi.json").json()
    redact = spec["paths"]["/v1/redact"]["post"]["responses"]
    assert {"403", "429", "504"} <= set(redact)
    assert {"429", "504"} <= set(spec["paths"]["/v1/analyze"]["post"]["responses"])
