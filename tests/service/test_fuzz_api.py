"""Schemathesis against the service's own OpenAPI document: no server errors, and responses,
status codes, content types and auth as documented.

Slow, so it runs only when asked for: ``pytest -m fuzz tests/service`` (``make fuzz-api``).
``REDACTPHI_FUZZ_EXAMPLES`` sets the examples per operation (default 100).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.fuzz
EXAMPLES = os.environ.get("REDACTPHI_FUZZ_EXAMPLES", "100")


def test_schemathesis_finds_no_server_errors(
    auth_server: Any, api_keys: tuple[str, ...], tmp_path: Path
) -> None:
    pytest.importorskip("schemathesis", reason="pip install 'schemathesis>=4.32,<5'")
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{auth_server.url}/openapi.json",
        "--checks=all",
        # A schema-valid inline policy can still break the policy's cross-field rules (a role
        # operator on dates, say) and is rightly refused with 422.
        "--exclude-checks=positive_data_acceptance",
        f"--header=Authorization: Bearer {api_keys[0]}",
        f"--max-examples={EXAMPLES}",
        "--seed=20251123",
        "--request-timeout=60",
        "--workers=2",
        "--report=junit",
        f"--report-dir={tmp_path}",
    ]
    proc = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, timeout=1800, check=False
    )
    print(proc.stdout[-4000:])
    assert proc.returncode == 0, proc.stdout[-12000:] + proc.stderr[-4000:]


# -- a stateful run: sequences of calls, with invariants between them ----------------------------

FUZZ_EXAMPLES = int(EXAMPLES)
MARK = "Qzxvbrandt"  # a made-up surname: it must never come back in an error body


def _metric(text: str, name: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            total += float(line.split()[-1])
    return total


def test_stateful_sequences_keep_the_service_consistent(
    auth_server: Any, api_keys: tuple[str, ...]
) -> None:
    """Random sequences of redactions, analyses, batches and bad requests. After every step:
    no 5xx, nothing in flight, counters only grow, a repeated request gives the same answer,
    and the service stays ready."""
    import httpx
    from hypothesis import HealthCheck, settings
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

    notes = st.sampled_from(
        [
            "Patient: Margaret Okafor    MRN: 84629173    DOB: 03/14/1951",
            "Seen 09/23/2025 by Dr. Wennerstrom; call (617) 555-0142.",
            "",
            "Lidocaine 1% 10 mL at 14:05, right hand. " * 20,
        ]
    )
    policies = st.sampled_from([None, "safe-harbor", "mask", {"default": "mask"}])

    class Service(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.client = httpx.Client(
                base_url=auth_server.url,
                headers={"Authorization": f"Bearer {api_keys[0]}"},
                timeout=60,
            )
            self.answers: dict[str, str] = {}
            self.requests_seen = 0.0

        def teardown(self) -> None:
            self.client.close()

        def check(self, resp: httpx.Response) -> httpx.Response:
            assert resp.status_code < 500, resp.text
            if resp.status_code >= 400:
                assert set(resp.json()) == {"detail", "request_id"}
                assert MARK.lower() not in resp.text.lower()
            return resp

        @rule(text=notes, policy=policies, key=st.none() | st.text(min_size=1, max_size=20))
        def redact(self, text: str, policy: Any, key: str | None) -> None:
            body = {"text": text, "policy": policy, "patient_key": key}
            resp = self.check(self.client.post("/v1/redact", json=body))
            if resp.status_code == 200:
                assert "84629173" not in resp.json()["text"]
                seen = self.answers.setdefault(json.dumps(body, sort_keys=True), resp.text)
                assert seen == resp.text  # deterministic for the same request

        @rule(text=notes)
        def redact_plain(self, text: str) -> None:
            resp = self.check(
                self.client.post(
                    "/v1/redact", content=text.encode(), headers={"Content-Type": "text/plain"}
                )
            )
            assert resp.status_code == 200 and "84629173" not in resp.text

        @rule(text=notes)
        def analyze(self, text: str) -> None:
            resp = self.check(self.client.post("/v1/analyze", json={"text": text}))
            assert resp.status_code == 200
            for f in resp.json()["findings"]:
                assert 0 <= f["start"] < f["end"] <= len(text)

        @rule(texts=st.lists(notes, max_size=3), policy=policies)
        def batch(self, texts: list[str], policy: Any) -> None:
            docs = [{"id": str(i), "text": t} for i, t in enumerate(texts)]
            resp = self.check(
                self.client.post("/v1/redact/batch", json={"documents": docs, "policy": policy})
            )
            assert resp.status_code == 200 and resp.json()["succeeded"] == len(docs)

        @rule(
            junk=st.sampled_from(
                [
                    {"text": 1},
                    {"text": "x", MARK: 1},
                    {"text": "x", "policy": MARK},
                    {"text": "x", "policy": {"entities": {"NAME": {"operator": MARK}}}},
                    {"text": "x", "policy": "hash"},  # a keyed preset without the scope
                ]
            )
        )
        def bad_request(self, junk: dict[str, Any]) -> None:
            resp = self.check(self.client.post("/v1/redact", json=junk))
            assert resp.status_code in (403, 422)

        @invariant()
        def consistent(self) -> None:
            metrics = self.client.get("/metrics").text
            assert _metric(metrics, "redactphi_analysis_in_flight") == 0
            assert _metric(metrics, 'redactphi_documents_total{outcome="error"}') == 0
            assert _metric(metrics, 'redactphi_documents_total{outcome="timeout"}') == 0
            seen = _metric(metrics, "redactphi_http_requests_total")
            assert seen >= self.requests_seen
            self.requests_seen = seen

    Service.TestCase.settings = settings(
        max_examples=max(5, FUZZ_EXAMPLES // 10),
        stateful_step_count=10,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    Service.TestCase().runTest()
    with httpx.Client(base_url=auth_server.url, timeout=60) as client:
        assert client.get("/readyz").status_code == 200


# -- hostile inputs: odd unicode, huge widths, deep nesting --------------------------------------

INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u202e\u2066\u00a0\u2007\u202f\u3000"
COMBINING = "".join(chr(c) for c in range(0x300, 0x36F))


def _hostile_bodies() -> Any:
    from hypothesis import strategies as st

    odd_text = st.text(
        alphabet=st.sampled_from(
            list(INVISIBLE + COMBINING + "Jose\u0301 Ø ß ﬁ ｆｕｌｌ 𝒩𝒶𝓂ℯ \t\r\n0123456789-/")
        ),
        max_size=400,
    ).map(lambda t: f"Patient {MARK}{t}, MRN 8462{t}9173, DOB 03/{t}14/1951, SSN 123{t}-45-6789")
    huge_width = st.integers(min_value=1_000, max_value=1_000_000).map(
        lambda n: {"default": {"operator": "tag", "template": f"{{type:>{n}}}"}}
    )
    depth = st.integers(min_value=100, max_value=100_000)
    nested_list = depth.map(lambda d: "[" * d + "]" * d)
    nested_obj = depth.map(lambda d: '{"a":' * d + "1" + "}" * d)
    raw_json = st.one_of(
        odd_text.map(lambda t: json.dumps({"text": t})),
        odd_text.map(lambda t: json.dumps({"text": t}, ensure_ascii=False)),
        huge_width.map(lambda p: json.dumps({"text": f"Seen by Dr. {MARK}.", "policy": p})),
        nested_list.map(lambda n: '{"text": "x", "policy": ' + n + "}"),
        nested_obj.map(lambda n: '{"text": "x", "policy": ' + n + "}"),
        nested_obj,
        nested_list,
        st.integers(300, 5000).map(lambda n: '{"text": "x", "n": 1' + "0" * n + "}"),
        st.just('{"text": "\\ud800\\udfff\\ud800 ' + MARK + '"}'),
        st.just('{"text": "x", "policy": {"entities": {"NAME": {"operator": "tag", '
                '"template": "{type.__class__.__mro__}"}}}}'),
        st.just('{"text": "x", "policy": {"name": "' + "n" * 10_000 + '"}}'),
        st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
    )  # fmt: skip
    return raw_json


def test_hostile_inputs_get_no_server_error_and_no_hang(
    auth_server: Any, api_keys: tuple[str, ...]
) -> None:
    import httpx
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    paths = st.sampled_from(["/v1/redact", "/v1/analyze", "/v1/redact/batch"])
    media = st.sampled_from(["application/json", "text/plain", "application/json; charset=utf-8"])
    client = httpx.Client(
        base_url=auth_server.url,
        headers={"Authorization": f"Bearer {api_keys[0]}"},
        timeout=60,  # a hang fails the run with a timeout error
    )

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
    )
    @given(body=_hostile_bodies(), path=paths, content_type=media)
    def run(body: str, path: str, content_type: str) -> None:
        resp = client.post(
            path,
            content=body.encode("utf-8", "surrogatepass"),
            headers={"Content-Type": content_type},
        )
        assert resp.status_code < 500, (resp.status_code, resp.text[:500])
        if resp.status_code >= 400:
            assert set(resp.json()) == {"detail", "request_id"}
            assert MARK.lower() not in resp.text.lower()

    try:
        run()
    finally:
        client.close()
    with httpx.Client(base_url=auth_server.url, timeout=60) as probe:
        assert probe.get("/readyz").status_code == 200
