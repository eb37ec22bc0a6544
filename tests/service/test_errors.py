"""Bad input and failures: each gets its status and a message that never echoes the text."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from redactphi import Redactor

PHI = "Cordelia Vantongeren"
NOTE = f"Patient {PHI}, MRN 77120466, seen 04/02/2025 for CPT 0263T."


def assert_error(resp: httpx.Response, status: int) -> dict[str, object]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"] == "application/json"
    body = resp.json()
    assert set(body) == {"detail", "request_id"}
    assert body["request_id"] == resp.headers["x-request-id"]
    for secret in (PHI, "Vantongeren", "77120466"):
        assert secret not in resp.text
    return body


def test_413_when_content_length_is_over_the_limit(auth_client: httpx.Client) -> None:
    resp = auth_client.post(
        "/v1/redact", content=(NOTE * 2000).encode(), headers={"Content-Type": "text/plain"}
    )
    body = assert_error(resp, 413)
    assert "65536 bytes" in str(body["detail"])


def test_413_when_a_streamed_body_grows_over_the_limit(auth_client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        for _ in range(2000):
            yield NOTE.encode()

    resp = auth_client.post("/v1/redact", content=chunks(), headers={"Content-Type": "text/plain"})
    assert "content-length" not in resp.request.headers
    assert_error(resp, 413)


def test_413_when_the_text_is_longer_than_max_chars(
    serve_app: Any, service_settings: Any, redactor: Redactor
) -> None:
    text = "a" * (redactor.settings.max_chars + 1)
    roomy = 4 * (redactor.settings.max_chars + 1)  # the body limits let it through
    server = serve_app(service_settings(max_body_bytes=roomy, max_note_bytes=roomy))
    with server.client() as client:
        resp = client.post(
            "/v1/redact", content=text.encode(), headers={"Content-Type": "text/plain"}
        )
    body = assert_error(resp, 413)
    assert "max_chars" in str(body["detail"]) or "MAX_CHARS" in str(body["detail"])


def test_422_when_a_batch_has_too_many_documents(auth_client: httpx.Client) -> None:
    docs = [{"id": str(i), "text": NOTE} for i in range(4)]
    body = assert_error(auth_client.post("/v1/redact/batch", json={"documents": docs}), 422)
    [problem] = body["detail"]  # type: ignore[misc]
    assert problem["loc"] == ["body", "documents"] and problem["type"] == "too_long"
    assert "4 documents" in problem["msg"] and "limit of 3" in problem["msg"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/v1/redact", "application/x-www-form-urlencoded"),  # curl --data-binary's default
        ("/v1/redact", None),
        ("/v1/redact", "text/html"),
        ("/v1/redact", "text/plain; charset=latin-1"),
        ("/v1/analyze", "application/xml"),
        ("/v1/redact/batch", "text/plain"),
    ],
)
def test_415_unsupported_media_type(
    open_client: httpx.Client, path: str, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    resp = open_client.post(path, content=NOTE.encode(), headers=headers)
    assert resp.request.headers.get("content-type") == content_type
    assert_error(resp, 415)


@pytest.mark.parametrize("media", ["text/plain", "application/json"])
def test_400_invalid_utf8(open_client: httpx.Client, media: str) -> None:
    raw = NOTE.encode("latin-1") + b"\xe9\xff"
    if media == "application/json":
        raw = b'{"text": "' + raw + b'"}'
    body = assert_error(
        open_client.post("/v1/redact", content=raw, headers={"Content-Type": media}), 400
    )
    assert "UTF-8" in str(body["detail"])


@pytest.mark.parametrize(
    "payload",
    [
        b'{"text": "' + NOTE.encode() + b'"',  # truncated JSON
        b'["' + NOTE.encode() + b'"]',  # not an object
        b'{"text": ["' + NOTE.encode() + b'"]}',  # wrong type
        b'{"note": "' + NOTE.encode() + b'"}',  # missing field, unknown field
        b'{"text": "x", "' + PHI.encode() + b'": 1}',  # PHI as an unknown key
        b'{"text": "' + NOTE.encode() + b'", "patient_key": 42}',
        b'{"text": "\\ud800' + NOTE.encode() + b'"}',  # lone surrogate
    ],
)
def test_422_malformed_json_without_echo(open_client: httpx.Client, payload: bytes) -> None:
    resp = open_client.post(
        "/v1/redact", content=payload, headers={"Content-Type": "application/json"}
    )
    body = assert_error(resp, 422)
    assert isinstance(body["detail"], list) and body["detail"]
    for item in body["detail"]:
        assert set(item) == {"loc", "msg", "type"}
        assert item["loc"][0] == "body"


def test_422_names_the_problem(open_client: httpx.Client) -> None:
    resp = open_client.post("/v1/redact", json={"text": 5})
    assert resp.json()["detail"] == [
        {"loc": ["body", "text"], "msg": "Input should be a valid string", "type": "string_type"}
    ]


@pytest.mark.parametrize(
    "policy", ["no-such-preset", "/etc/passwd", "../../policies/presets/coding.toml"]
)
def test_422_policy_must_be_a_preset_name(open_client: httpx.Client, policy: str) -> None:
    # A file path from the network must never make the server read that file.
    body = assert_error(open_client.post("/v1/redact", json={"text": NOTE, "policy": policy}), 422)
    assert "unknown policy preset" in str(body["detail"])
    assert policy not in str(body["detail"])


def test_422_invalid_inline_policy(open_client: httpx.Client) -> None:
    resp = open_client.post(
        "/v1/redact", json={"text": NOTE, "policy": {"entities": {"DATE": "no-such-operator"}}}
    )
    body = assert_error(resp, 422)
    assert "policy" in str(body["detail"])


def test_422_policy_that_needs_a_key_the_server_lacks(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    if redactor.settings.key is not None or redactor.settings.key_file is not None:
        pytest.skip("a secret key is configured in this environment")
    body = assert_error(open_client.post("/v1/redact", json={"text": NOTE, "policy": "hash"}), 422)
    assert "REDACTPHI_KEY" in str(body["detail"])


def test_422_duplicate_batch_ids(open_client: httpx.Client) -> None:
    docs = [{"id": "same", "text": NOTE}, {"id": "same", "text": NOTE}]
    body = assert_error(open_client.post("/v1/redact/batch", json={"documents": docs}), 422)
    assert "unique" in str(body["detail"])


def test_404_and_405_use_the_same_error_shape(open_client: httpx.Client) -> None:
    assert_error(open_client.get("/v1/nothing-here"), 404)
    assert_error(open_client.get("/v1/redact"), 405)


def test_500_on_analysis_failure_with_request_id_and_no_text(
    faulty_server: object, triggers: type, caplog: pytest.LogCaptureFixture
) -> None:
    note = f"{NOTE} {triggers.crash}"
    with caplog.at_level(logging.INFO), httpx.Client(base_url=faulty_server.url) as client:  # type: ignore[attr-defined]
        resp = client.post("/v1/redact", json={"text": note})
        plain = client.post("/v1/redact", content=note, headers={"Content-Type": "text/plain"})
        metrics = client.get("/metrics").text
    errors = next(
        ln
        for ln in metrics.splitlines()
        if ln.startswith('redactphi_documents_total{outcome="error"}')
    )
    assert float(errors.split()[-1]) >= 2
    for r in (resp, plain):
        body = assert_error(r, 500)
        assert body["request_id"] in str(body["detail"])
    assert resp.json()["request_id"] in caplog.text  # the operator can find it in the log
    assert PHI not in caplog.text and "77120466" not in caplog.text


def test_500_on_an_unexpected_bug_logs_only_the_exception_class(
    faulty_server: object, triggers: type, caplog: pytest.LogCaptureFixture
) -> None:
    note = f"{NOTE} {triggers.explode}"
    with caplog.at_level(logging.INFO), httpx.Client(base_url=faulty_server.url) as client:  # type: ignore[attr-defined]
        resp = client.post("/v1/redact", json={"text": note})
    assert_error(resp, 500)
    assert "RuntimeError" in caplog.text and resp.json()["request_id"] in caplog.text
    assert PHI not in caplog.text and "77120466" not in caplog.text


def test_batch_isolates_a_failing_document(faulty_server: object, triggers: type) -> None:
    docs = [
        {"id": "good", "text": NOTE},
        {"id": "bad", "text": f"{NOTE} {triggers.crash}"},
        {"id": "buggy", "text": f"{NOTE} {triggers.explode}"},
    ]
    with httpx.Client(base_url=faulty_server.url) as client:  # type: ignore[attr-defined]
        resp = client.post("/v1/redact/batch", json={"documents": docs})
    assert resp.status_code == 200
    good, bad, buggy = resp.json()["results"]
    assert good["ok"] and "Vantongeren" not in good["result"]["text"]
    for item in (bad, buggy):
        assert not item["ok"] and item["error"]["status"] == 500
    assert PHI not in resp.text.replace(good["result"]["text"], "")


def test_503_with_retry_after_when_the_queue_is_full(
    faulty_server: object, faulty_redactor: object, triggers: type
) -> None:
    url = faulty_server.url  # type: ignore[attr-defined]
    redactor = faulty_redactor
    redactor.entered.clear()  # type: ignore[attr-defined]
    redactor.release.clear()  # type: ignore[attr-defined]
    first: dict[str, httpx.Response] = {}

    def hold_the_only_slot() -> None:
        first["resp"] = httpx.post(f"{url}/v1/redact", json={"text": triggers.block}, timeout=90)

    holder = threading.Thread(target=hold_the_only_slot)
    holder.start()
    try:
        assert redactor.entered.wait(timeout=60)  # type: ignore[attr-defined]
        with httpx.Client(base_url=url) as client:
            busy = client.post("/v1/redact", json={"text": NOTE})
            body = assert_error(busy, 503)
            assert busy.headers["retry-after"] == "1"
            assert "retry" in str(body["detail"])
            # Health checks do not queue behind analyses.
            assert client.get("/healthz").status_code == 200
    finally:
        redactor.release.set()  # type: ignore[attr-defined]
        holder.join(timeout=90)
    assert first["resp"].status_code == 200
    with httpx.Client(base_url=url) as client:
        assert client.post("/v1/redact", json={"text": NOTE}).status_code == 200
        metrics = client.get("/metrics").text
    assert "redactphi_overload_rejections_total 1.0" in metrics


def test_readyz_503_when_the_self_test_fails(broken_server: object) -> None:
    with httpx.Client(base_url=broken_server.url) as client:  # type: ignore[attr-defined]
        resp = client.get("/readyz")
        assert resp.status_code == 503
        assert resp.json() == {"status": "not ready", "model_loaded": True, "self_test": "failed"}
        assert resp.headers["retry-after"]
        assert client.get("/healthz").status_code == 200  # alive, just not ready
        assert_error(client.post("/v1/redact", json={"text": NOTE}), 500)
