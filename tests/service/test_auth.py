"""API keys: bearer auth on /v1 and /metrics, open health checks, and the loopback rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from redactphi import ConfigurationError
from redactphi.service.app import create_app
from redactphi.service.settings import UnsafeBindError, check_bind, is_loopback

V1 = [
    ("POST", "/v1/redact", {"json": {"text": "Seen 09/23/2025."}}),
    ("POST", "/v1/analyze", {"json": {"text": "Seen 09/23/2025."}}),
    ("POST", "/v1/redact/batch", {"json": {"documents": [{"id": "a", "text": "x"}]}}),
    ("GET", "/v1/entities", {}),
    ("GET", "/metrics", {}),
]


@pytest.mark.parametrize(("method", "path", "kwargs"), V1)
@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-key", "Bearer", "Basic dGVzdDp0ZXN0", "test-key-alpha-0123456789"],
)
def test_401_without_a_valid_bearer_key(
    auth_server: Any, method: str, path: str, kwargs: dict[str, Any], authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    with auth_server.client() as client:
        resp = client.request(method, path, headers=headers, **kwargs)
    assert resp.status_code == 401, resp.text
    assert resp.headers["www-authenticate"] == "Bearer"
    assert resp.json()["request_id"] == resp.headers["x-request-id"]
    assert "09/23/2025" not in resp.text


@pytest.mark.parametrize(("method", "path", "kwargs"), V1)
def test_each_configured_key_works(
    auth_server: Any, api_keys: tuple[str, ...], method: str, path: str, kwargs: dict[str, Any]
) -> None:
    for key in api_keys:
        with auth_server.client(headers={"Authorization": f"Bearer {key}"}) as client:
            assert client.request(method, path, **kwargs).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/openapi.json", "/docs"])
def test_health_and_docs_stay_open(auth_server: Any, path: str) -> None:
    with auth_server.client() as client:
        assert client.get(path).status_code == 200


def test_openapi_declares_bearer_auth_on_v1_only(auth_server: Any) -> None:
    with auth_server.client() as client:
        spec = client.get("/openapi.json").json()
    assert spec["components"]["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "an API key from REDACTPHI_API_KEYS or --api-keys-file",
    }
    assert spec["paths"]["/v1/redact"]["post"]["security"] == [{"apiKey": []}]
    assert "security" not in spec["paths"]["/healthz"]["get"]


def test_no_keys_means_no_auth(open_client: httpx.Client) -> None:
    assert open_client.get("/v1/entities").status_code == 200
    assert open_client.get("/metrics").status_code == 200


def test_metrics_public_opens_only_metrics(
    serve_app: Any, service_settings: Any, api_keys: tuple[str, ...]
) -> None:
    server = serve_app(service_settings(api_keys=list(api_keys), metrics_public=True))
    with server.client() as client:
        assert client.get("/metrics").status_code == 200
        assert client.get("/v1/entities").status_code == 401


def test_keys_from_a_file(serve_app: Any, service_settings: Any, tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# coders' workstation\nfile-key-0123456789abcdef\n\n", encoding="utf-8")
    server = serve_app(service_settings(api_keys_file=keys))
    with server.client() as client:
        assert client.get("/v1/entities").status_code == 401
        ok = client.get(
            "/v1/entities", headers={"Authorization": "Bearer file-key-0123456789abcdef"}
        )
        assert ok.status_code == 200
        comment = client.get(
            "/v1/entities", headers={"Authorization": "Bearer # coders' workstation"}
        )
        assert comment.status_code == 401


def test_keys_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from redactphi.service.settings import ServiceSettings

    monkeypatch.setenv("REDACTPHI_API_KEYS", " k-one-0123456789 , k-two-0123456789 ,")
    monkeypatch.delenv("REDACTPHI_API_KEYS_FILE", raising=False)
    keys = ServiceSettings().load_api_keys()
    assert [k.secret.get_secret_value() for k in keys] == ["k-one-0123456789", "k-two-0123456789"]
    assert "k-one" not in repr(ServiceSettings())  # SecretStr hides keys in reprs


def test_an_empty_or_missing_key_file_fails_closed(service_settings: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="holds no keys"):
        create_app(service_settings(api_keys_file=empty))
    with pytest.raises(ConfigurationError, match="cannot read API keys file"):
        create_app(service_settings(api_keys_file=tmp_path / "missing.txt"))


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts_need_no_keys(service_settings: Any, host: str) -> None:
    assert is_loopback(host)
    check_bind(service_settings(host=host), [])


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "192.168.0.7"])
def test_non_loopback_without_keys_is_refused(service_settings: Any, host: str) -> None:
    assert not is_loopback(host)
    with pytest.raises(UnsafeBindError, match="--insecure-no-auth"):
        check_bind(service_settings(host=host), [])
    with pytest.raises(UnsafeBindError):
        create_app(service_settings(host=host))
    check_bind(service_settings(host=host, insecure_no_auth=True), [])
    with_keys = service_settings(host=host, api_keys="Zq7vR2mXk9LpW4sT8nBc3YhJ6dFg1QaE")
    check_bind(with_keys, with_keys.load_api_keys())
