"""The real ``serve`` command in a subprocess: its logging, its workers and its refusals."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

# An invented patient. None of these strings may reach the server's output, whatever we send.
PHI = (
    "Evangeline",
    "Hartsfield",
    "48213977",
    "07/19/1942",
    "617-555-0199",
    "e.hartsfield@example.org",
    "88 Larchmont Terrace",
    "123-45-6789",
    "ACCT-99120377",
)
NOTE = (
    "OPERATIVE NOTE\n"
    "Patient: Evangeline Hartsfield    MRN: 48213977    DOB: 07/19/1942\n"
    "Address: 88 Larchmont Terrace, Brookline, MA 02446    Phone: 617-555-0199\n"
    "Email: e.hartsfield@example.org    SSN: 123-45-6789    Account: ACCT-99120377\n"
    "Procedure: CPT 0748T, injection of autologous stem cells into a perianal fistula.\n"
    "Mrs. Hartsfield tolerated the procedure well.\n"
)
KEY = "leak-test-key-0123456789abcdef"
RECORDER = Path(__file__).with_name("otel_recorder.py")


def load_recorder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("otel_recorder", RECORDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def recording_site(tmp_path: Path) -> tuple[Path, Path]:
    """A ``sitecustomize`` that gives every process of the server configured OpenTelemetry
    providers (as ``opentelemetry-instrument`` would), each recording into ``otel/<pid>.jsonl``."""
    site, out = tmp_path / "site", tmp_path / "otel"
    site.mkdir()
    out.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(RECORDER.parent)!r})\n"
        "import otel_recorder\n"
        f"otel_recorder.install_globally(Path({str(out)!r}))\n",
        encoding="utf-8",
    )
    return site, out


def test_no_phi_in_the_server_log_or_telemetry(
    spawn_server: Any, env_without_service_vars: Any, tmp_path: Path
) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text(KEY + "\n", encoding="utf-8")
    site, otel = recording_site(tmp_path)
    pythonpath = ":".join(p for p in (str(site), env_without_service_vars().get("PYTHONPATH")) if p)
    server = spawn_server(
        [
            "--port=0",
            "--workers=2",  # the real multi-process path: factory and environment hand-off
            f"--api-keys-file={keys}",
            "--max-body-bytes=20000",
            "--log-level=debug",  # the most the server will ever say
        ],
        # FastAPI would also set up exporters from OTEL_* variables with this on.
        env_without_service_vars(PYTHONPATH=pythonpath, FASTAPI_OTEL_AUTO_CONFIGURE="true"),
    )
    server.wait_ready()
    auth = {"Authorization": f"Bearer {KEY}"}
    sent: list[httpx.Response] = []
    with httpx.Client(base_url=server.url, headers=auth, timeout=60) as client:

        def post(path: str, **kwargs: Any) -> httpx.Response:
            resp = client.post(path, **kwargs)
            sent.append(resp)
            return resp

        assert post("/v1/redact", json={"text": NOTE}).status_code == 200
        text = {"Content-Type": "text/plain"}
        assert post("/v1/redact", content=NOTE, headers=text).status_code == 200
        assert (
            post(
                "/v1/redact", content=NOTE, headers={**text, "X-Patient-Key": "48213977"}
            ).status_code
            == 200
        )
        assert post("/v1/analyze", json={"text": NOTE}).status_code == 200
        batch = {"documents": [{"id": "48213977", "text": NOTE, "patient_key": "48213977"}]}
        assert post("/v1/redact/batch", json=batch).status_code == 200
        # Every error path, each carrying the PHI somewhere in the request.
        json_type = {"Content-Type": "application/json"}
        assert post("/v1/redact", content='{"text": "' + NOTE, headers=json_type).status_code == 422
        assert post("/v1/redact", json={"text": [NOTE]}).status_code == 422
        assert post("/v1/redact", json={"text": "x", "Evangeline Hartsfield": 1}).status_code == 422
        assert post("/v1/redact", json={"text": NOTE, "policy": "Hartsfield"}).status_code == 422
        assert (
            post(
                "/v1/redact", params={"policy": "Hartsfield"}, content=NOTE, headers=text
            ).status_code
            == 422
        )
        assert post("/v1/redact", content=NOTE.encode() + b"\xff", headers=text).status_code == 400
        assert post("/v1/redact", content=NOTE * 100, headers=text).status_code == 413
        assert (
            post("/v1/redact", content=NOTE, headers={"Content-Type": "text/html"}).status_code
            == 415
        )
        assert post("/v1/Hartsfield-48213977", content=NOTE, headers=text).status_code == 404
        assert (
            post(
                "/v1/redact", json={"text": NOTE}, headers={"Authorization": "Bearer Hartsfield"}
            ).status_code
            == 401
        )
        for resp in sent:
            if resp.status_code >= 400:
                assert not any(phi in resp.text for phi in PHI), resp.text
    assert server.stop() == 0
    log = server.output
    # The log really holds the traffic: each request's id and access line are there ...
    for resp in sent:
        assert resp.headers["x-request-id"] in log
    assert re.search(r"redactphi\.access: POST /v1/redact 200 [\d.]+ms in=\d+B out=\d+B", log)
    assert "POST <unmatched> 404" in log
    assert log.count("self-test passed") == 2  # one per worker
    # ... and none of the patient's identifiers.
    leaked = [phi for phi in PHI if phi in log]
    assert leaked == [], f"PHI in the server log: {leaked}"
    # FastAPI's own OpenTelemetry stays off under configured providers: the two workers that
    # served the traffic had them, and were handed no span, log record or measurement.
    lines = [
        json.loads(line) for path in otel.glob("*.jsonl") for line in path.read_text().splitlines()
    ]
    workers = [line for line in lines if line.get("process", {}).get("spawned")]
    assert len(workers) == 2, lines
    assert [line for line in lines if "process" not in line] == []


def test_the_recorder_sees_what_fastapi_telemetry_exports() -> None:
    """The control for the test above: with its telemetry on, FastAPI hands these providers
    the raw path, the query values and an exception's message (each could be a note's text)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    recorder = load_recorder()
    record = recorder.Record()
    app = FastAPI(telemetry=recorder.providers(record))

    @app.get("/fails")
    async def fails() -> None:
        raise RuntimeError("while reading Evangeline Hartsfield")

    client = TestClient(app, raise_server_exceptions=False)
    assert client.get("/Hartsfield-48213977", params={"q": "Evangeline"}).status_code == 404
    assert client.get("/fails").status_code == 500
    exported = json.dumps(record.as_json())
    assert "/Hartsfield-48213977" in exported and "q=Evangeline" in exported
    assert "while reading Evangeline Hartsfield" in exported
    assert record.logs and record.measurements


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--host", "0.0.0.0"], {}),
        ([], {"REDACTPHI_HOST": "::"}),
    ],
)
def test_refuses_a_non_loopback_bind_without_keys(
    env_without_service_vars: Any, tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "redactphi.service.cli", *args],
        capture_output=True,
        text=True,
        env=env_without_service_vars(**env),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "refusing to bind" in proc.stderr and "--insecure-no-auth" in proc.stderr
    assert "Uvicorn running" not in proc.stderr + proc.stdout


def test_main_cli_registers_serve(env_without_service_vars: Any, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "redactphi.cli", "serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        env=env_without_service_vars(),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "refusing to bind" in proc.stderr


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["--api-keys-file", "missing-keys.txt"], "cannot read API keys file", 1),
        (["--policy", "no-such-preset"], "unknown policy", 1),
    ],
)
def test_bad_configuration_stops_before_serving(
    env_without_service_vars: Any, tmp_path: Path, args: list[str], message: str, code: int
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "redactphi.service.cli", *args],
        capture_output=True,
        text=True,
        env=env_without_service_vars(),
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == code, proc.stderr
    assert message in proc.stderr
