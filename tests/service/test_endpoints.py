"""Every endpoint over HTTP against a real uvicorn server (no API keys)."""

from __future__ import annotations

import httpx
import pytest

from redactphi import Redactor
from redactphi.models import SAFE_HARBOR, EntityType

NOTE = (
    "OPERATIVE NOTE\n"
    "Patient: Rosalind Achterberg    MRN: 55201938    DOB: 02/11/1958\n"
    "Date of surgery: 09/23/2025\n"
    "Surgeon: Tobias Wennerstrom, MD\n"
    "Procedure: CPT 0489T, autologous adipose-derived regenerative cell therapy, left hand.\n"
    "Lidocaine 1% 10 mL injected at 14:05. Tolerated well.\n"
)


def as_json(result: object) -> dict[str, object]:
    from redactphi.models.schemas import RedactResponse

    return RedactResponse.of(result).model_dump()  # type: ignore[arg-type]


def test_healthz(open_client: httpx.Client) -> None:
    resp = open_client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok"}
    assert len(resp.headers["x-request-id"]) == 32


def test_readyz_after_model_load_and_self_test(open_client: httpx.Client) -> None:
    resp = open_client.get("/readyz")
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"status": "ready", "model_loaded": True, "self_test": "passed"}


def test_redact_json_matches_the_library(open_client: httpx.Client, redactor: Redactor) -> None:
    resp = open_client.post("/v1/redact", json={"text": NOTE})
    assert resp.status_code == 200
    body = resp.json()
    assert body == as_json(redactor.redact(NOTE))
    assert "02/11/1958" not in body["text"] and "09/23/2025" not in body["text"]
    assert "0489T" in body["text"] and "left hand" in body["text"]
    assert body["policy"] == "safe-harbor"
    assert body["stats"]["DATE"] == sum(f["entity_type"] == "DATE" for f in body["findings"]) >= 2
    for f in body["findings"]:
        assert set(f) == {"start", "end", "entity_type", "score"}
        assert 0 <= f["start"] < f["end"] <= len(NOTE)
    assert resp.headers["cache-control"] == "no-store"


def test_redact_text_plain_in_text_plain_out(open_client: httpx.Client, redactor: Redactor) -> None:
    resp = open_client.post(
        "/v1/redact", content=NOTE.encode(), headers={"Content-Type": "text/plain"}
    )
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain")
    expected = redactor.redact(NOTE)
    assert resp.text == expected.text
    assert resp.text.count("\n") == NOTE.count("\n")  # layout kept
    assert int(resp.headers["x-redactphi-findings"]) == len(expected.findings)


def test_text_plain_with_charset_and_policy_query(open_client: httpx.Client) -> None:
    resp = open_client.post(
        "/v1/redact",
        params={"policy": "mask"},
        content=b"Seen on 09/23/2025, CPT 0748T.",
        headers={"Content-Type": "text/plain; charset=UTF-8"},
    )
    assert resp.status_code == 200
    assert resp.text == "Seen on **********, CPT 0748T."
    assert "0748T" in resp.text


def test_inline_policy_object(open_client: httpx.Client) -> None:
    policy = {"name": "masked-dates", "entities": {"DATE": {"operator": "mask", "char": "#"}}}
    resp = open_client.post("/v1/redact", json={"text": "Surgery on 09/23/2025.", "policy": policy})
    assert resp.status_code == 200, resp.text
    assert resp.json()["text"] == "Surgery on ##########."
    assert resp.json()["policy"] == "masked-dates"


@pytest.mark.parametrize("media", ["application/json", "text/plain"])
def test_empty_text_is_fine(open_client: httpx.Client, media: str) -> None:
    content = b'{"text": ""}' if media == "application/json" else b""
    resp = open_client.post("/v1/redact", content=content, headers={"Content-Type": media})
    assert resp.status_code == 200
    if media == "application/json":
        assert resp.json() == {"text": "", "findings": [], "policy": "safe-harbor", "stats": {}}
    else:
        assert resp.text == "" and resp.headers["x-redactphi-findings"] == "0"


def test_analyze_json_and_text(open_client: httpx.Client, redactor: Redactor) -> None:
    expected = [f.to_dict() for f in redactor.analyze(NOTE)]
    by_json = open_client.post("/v1/analyze", json={"text": NOTE})
    by_text = open_client.post(
        "/v1/analyze", content=NOTE.encode(), headers={"Content-Type": "text/plain"}
    )
    for resp in (by_json, by_text):
        assert resp.status_code == 200
        assert resp.json()["findings"] == expected
        assert "text" not in resp.json()
        assert "Achterberg" not in resp.text


def test_batch_reports_each_document(open_client: httpx.Client, redactor: Redactor) -> None:
    too_long = "x" * (redactor.settings.max_chars + 1)
    docs = [
        {"id": "note-1", "text": NOTE},
        {"id": "too-long", "text": too_long},
        {"id": "empty", "text": ""},
    ]
    resp = open_client.post("/v1/redact/batch", json={"documents": docs})
    assert resp.status_code == 200
    body = resp.json()
    assert [item["id"] for item in body["results"]] == ["note-1", "too-long", "empty"]
    assert (body["succeeded"], body["failed"]) == (2, 1)
    first, failed, empty = body["results"]
    assert first["ok"] and first["result"] == as_json(redactor.redact(NOTE))
    assert not failed["ok"] and failed["result"] is None
    assert failed["error"]["status"] == 413 and "limit" in failed["error"]["detail"]
    assert "xxxx" not in resp.text[-2000:]
    assert empty["ok"] and empty["result"]["findings"] == []


def test_batch_may_be_empty(open_client: httpx.Client) -> None:
    resp = open_client.post("/v1/redact/batch", json={"documents": []})
    assert resp.status_code == 200
    assert resp.json() == {"results": [], "succeeded": 0, "failed": 0}


def test_entities_lists_types_safe_harbor_and_presets(open_client: httpx.Client) -> None:
    resp = open_client.get("/v1/entities")
    assert resp.status_code == 200
    body = resp.json()
    assert [e["entity_type"] for e in body["entities"]] == [e.value for e in EntityType]
    mrn = next(e for e in body["entities"] if e["entity_type"] == "MRN")
    assert mrn == {
        "entity_type": "MRN",
        "category": "ID",
        "safe_harbor": SAFE_HARBOR[EntityType.MRN],
    }
    assert "safe-harbor" in body["presets"] and body["default_policy"] == "safe-harbor"


def test_openapi_and_docs(open_client: httpx.Client) -> None:
    spec = open_client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {
        "/v1/redact", "/v1/analyze", "/v1/redact/batch", "/v1/entities",
        "/healthz", "/readyz", "/metrics",
    }  # fmt: skip
    body = spec["paths"]["/v1/redact"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain"}
    assert "RedactRequest" in spec["components"]["schemas"]
    assert "securitySchemes" not in spec.get("components", {})  # no keys, no auth declared
    docs = open_client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_metrics_count_requests_and_findings_without_phi(open_client: httpx.Client) -> None:
    assert open_client.post("/v1/redact", json={"text": NOTE}).status_code == 200
    assert open_client.get("/no/such/Achterberg").status_code == 404
    resp = open_client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    assert 'redactphi_http_requests_total{method="POST",route="/v1/redact",status="200"}' in text
    assert 'route="<unmatched>",status="404"' in text
    assert "redactphi_http_request_duration_seconds_bucket" in text
    date_line = next(ln for ln in text.splitlines() if 'findings_total{entity_type="DATE"}' in ln)
    assert float(date_line.split()[-1]) >= 2
    for phi in ("Achterberg", "Rosalind", "55201938", "02/11/1958", "Wennerstrom"):
        assert phi not in text


def test_batch_shares_patient_memory_between_a_patients_notes(open_client: httpx.Client) -> None:
    docs = [
        {"id": "a", "text": "Wife Oriana Quellmatz at bedside.", "patient_key": "p1"},
        {"id": "b", "text": "quellmatz called overnight.", "patient_key": "p1"},
        {"id": "c", "text": "quellmatz called overnight.", "patient_key": "p2"},
    ]
    resp = open_client.post("/v1/redact/batch", json={"documents": docs})
    assert resp.status_code == 200
    a, b, c = (item["result"]["text"] for item in resp.json()["results"])
    assert "Quellmatz" not in a
    assert "quellmatz" not in b  # learned from note a of the same patient
    assert "quellmatz" in c  # another patient's note learns nothing from p1
