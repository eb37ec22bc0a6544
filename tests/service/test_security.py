"""Key scopes, key strength, error bodies that never echo client input, and offline docs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from redactphi import ConfigurationError, Redactor
from redactphi.service.settings import UnsafeBindError, check_bind

NOTE = "Patient Cordelia Vantongeren, MRN 77120466, seen 04/02/2025 for CPT 0263T."
PLAIN_KEY = "scope-plain-Zq7vR2mXk9LpW4sT8nBc3Yh"
HASH_KEY = "scope-hash-J6dFg1QaE5uVw0iOpLk2Mn"
ALL_KEY = "scope-all-Xc4Vb7Nm0Pq3Rs6Tu9Wy2Za"
TAINT = ("hartsfield", "evangeline")  # client-chosen words: never in an error body


@pytest.fixture(scope="module")
def scoped_server(serve_app_module: Any) -> Any:
    return serve_app_module(
        api_keys=f"{PLAIN_KEY},{HASH_KEY} hash,{ALL_KEY} date_shift surrogate hash encrypt"
    )


def post(server: Any, key: str, path: str, payload: dict[str, Any]) -> httpx.Response:
    with server.client(headers={"Authorization": f"Bearer {key}"}) as client:
        return client.post(path, json=payload)


def no_key_configured(redactor: Redactor) -> bool:
    return redactor.settings.key is None and redactor.settings.key_file is None


# -- scopes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "policy",
    [
        "hash",
        "coding",  # date_shift
        "surrogate",
        "encrypt",
        {"entities": {"DATE": "date_shift"}},
        {"extends": "safe-harbor", "entities": {"NAME": {"operator": "hash", "length": 12}}},
        {"default": "surrogate"},
    ],
)
def test_keyed_operators_need_a_scope(scoped_server: Any, policy: Any) -> None:
    for path, payload in (
        ("/v1/redact", {"text": NOTE, "policy": policy}),
        ("/v1/redact/batch", {"documents": [{"id": "1", "text": NOTE}], "policy": policy}),
    ):
        resp = post(scoped_server, PLAIN_KEY, path, payload)
        assert resp.status_code == 403, resp.text
        assert "scope" in resp.json()["detail"] and "Vantongeren" not in resp.text


@pytest.mark.parametrize("policy", ["safe-harbor", "mask", None, {"default": "mask"}])
def test_tag_and_mask_need_no_scope(scoped_server: Any, policy: Any) -> None:
    resp = post(scoped_server, PLAIN_KEY, "/v1/redact", {"text": NOTE, "policy": policy})
    assert resp.status_code == 200, resp.text
    assert "Vantongeren" not in resp.json()["text"]


def test_a_granted_scope_opens_only_its_operator(scoped_server: Any, redactor: Redactor) -> None:
    # Past the scope check the policy still needs the server's secret key: without one the
    # answer is 422 (not 403), which shows the scope check let it through.
    expected = 422 if no_key_configured(redactor) else 200
    assert (
        post(scoped_server, HASH_KEY, "/v1/redact", {"text": NOTE, "policy": "hash"}).status_code
        == expected
    )
    assert (
        post(scoped_server, HASH_KEY, "/v1/redact", {"text": NOTE, "policy": "coding"}).status_code
        == 403
    )
    assert (
        post(scoped_server, ALL_KEY, "/v1/redact", {"text": NOTE, "policy": "coding"}).status_code
        == expected
    )


def test_the_server_default_policy_is_checked_too(service_settings: Any) -> None:
    from fastapi import HTTPException
    from starlette.requests import Request

    from redactphi.service.app import create_app

    # A keyed default policy is not exempt: a key without the scope may not use it either.
    app = create_app(service_settings(api_keys=PLAIN_KEY, policy="coding"))
    request = Request({"type": "http", "headers": [], "app": app})
    request.state.scopes = frozenset()
    with pytest.raises(HTTPException) as info:
        app.state.service.resolve_policy(request, None, ("body", "policy"))
    assert info.value.status_code == 403 and "date_shift" in str(info.value.detail)
    request.state.scopes = frozenset({"date_shift"})
    assert app.state.service.resolve_policy(request, None, ("body", "policy")) is not None


def test_scopes_worked_out_once_follow_the_policy(service_settings: Any) -> None:
    from fastapi import HTTPException
    from starlette.requests import Request

    from redactphi.policies import load_policy
    from redactphi.service import scopes
    from redactphi.service.app import create_app

    assert scopes.required_scopes("coding") == frozenset({"date_shift"})
    assert scopes.required_scopes("coding") == frozenset({"date_shift"})  # cached
    assert scopes.required_scopes(None) == frozenset()
    app = create_app(service_settings(api_keys=PLAIN_KEY, policy="coding"))
    service = app.state.service
    request = Request({"type": "http", "headers": [], "app": app})
    request.state.scopes = frozenset()
    for _ in range(2):  # the default policy's scopes are remembered, and still enforced
        with pytest.raises(HTTPException):
            service.resolve_policy(request, None, ("body", "policy"))
    service.policies.default = load_policy("mask")  # a replaced default is worked out afresh
    assert service.resolve_policy(request, None, ("body", "policy")) is service.policies.default


def test_an_open_server_off_loopback_grants_no_scope(redactor: Redactor) -> None:
    from redactphi.service.app import create_app
    from redactphi.service.settings import ServiceSettings

    app = create_app(
        ServiceSettings(host="0.0.0.0", insecure_no_auth=True, api_keys=[], api_keys_file=None),
        redactor=redactor,
    )
    assert app.state.service.open_scopes == frozenset()
    loopback = create_app(
        ServiceSettings(host="127.0.0.1", api_keys=[], api_keys_file=None), redactor=redactor
    )
    assert "hash" in loopback.state.service.open_scopes


# -- keys: length, strength, scopes in the key file ---------------------------------------------


def test_short_keys_are_refused_by_position(service_settings: Any) -> None:
    from redactphi.service.app import create_app

    with pytest.raises(ConfigurationError, match="entry 2") as info:
        create_app(service_settings(api_keys="Zq7vR2mXk9LpW4sT8nBc3Yh,Hartsfield-key"))
    assert "Hartsfield" not in str(info.value)


def test_unknown_scopes_are_refused_without_echo(service_settings: Any, tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("# reviewers\nZq7vR2mXk9LpW4sT8nBc3Yh hash Hartsfield-scope\n", "utf-8")
    with pytest.raises(ConfigurationError, match="line 2: unknown scope") as info:
        service_settings(api_keys_file=keys).load_api_keys()
    assert "Hartsfield" not in str(info.value) and "Zq7v" not in str(info.value)


def test_key_file_lines_carry_scopes(service_settings: Any, tmp_path: Path) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("Zq7vR2mXk9LpW4sT8nBc3Yh   hash  surrogate\nJ6dFg1QaE5uVw0iOp\n", "utf-8")
    loaded = service_settings(api_keys_file=keys).load_api_keys()
    assert [sorted(k.scopes) for k in loaded] == [["hash", "surrogate"], []]
    assert "Zq7v" not in repr(loaded)


@pytest.mark.parametrize(
    "key", ["J6dFg1QaE5uVw0iOpLk2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0123456789" * 4]
)
def test_weak_keys_are_refused_off_loopback_only(service_settings: Any, key: str) -> None:
    remote = service_settings(host="10.1.2.3", api_keys=key)
    with pytest.raises(UnsafeBindError, match="weak API keys") as info:
        check_bind(remote, remote.load_api_keys())
    assert key not in str(info.value)
    local = service_settings(host="127.0.0.1", api_keys=key)
    check_bind(local, local.load_api_keys())
    strong = service_settings(host="10.1.2.3", api_keys="Zq7vR2mXk9LpW4sT8nBc3YhJ6dFg1QaE5uVw")
    check_bind(strong, strong.load_api_keys())


def test_serve_refuses_a_weak_key_off_loopback(
    env_without_service_vars: Any, tmp_path: Path
) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("Hartsfield-weak-key\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "redactphi.service.cli", "--host", "0.0.0.0",
         f"--api-keys-file={keys}"],
        capture_output=True, text=True, env=env_without_service_vars(), cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "weak API keys" in proc.stderr and "Hartsfield" not in proc.stderr


# -- error bodies never echo client input ------------------------------------------------------


@pytest.mark.parametrize(
    "policy",
    [
        {"Evangeline": 1},
        {"entities": {"DATE": {"operator": "Hartsfield"}}},
        {"entities": {"NAME": {"operator": "tag", "template": "[{Hartsfield}]"}}},
        {"entities": {"NAME": {"operator": "tag", "template": "{type.Hartsfield}"}}},
        {"entities": {"NAME": {"operator": "tag", "template": "{type!r:Hartsfield}"}}},
        {"entities": {"DATE": {"operator": "mask", "Hartsfield": 1}}},
        {"entities": {"Hartsfield": "tag"}},
        {"categories": {"Hartsfield": "tag"}},
        {"extends": "Hartsfield"},
        {"extends": ["Hartsfield"]},
        {"name": "Hartsfield Evangeline"},
        {"default": {"operator": "mask", "char": "Hartsfield"}},
        {"entities": {"AGE": {"operator": "age90", "text": "Hartsfield 95"}}},
    ],
)
def test_invalid_inline_policies_name_field_and_rule_only(
    open_client: httpx.Client, policy: dict[str, Any]
) -> None:
    resp = open_client.post("/v1/redact", json={"text": NOTE, "policy": policy})
    assert resp.status_code == 422, resp.text
    assert not [t for t in TAINT if t in resp.text.lower()], resp.text
    for item in resp.json()["detail"]:
        assert set(item) == {"loc", "msg", "type"} and item["loc"][:2] == ["body", "policy"]


def test_a_policy_needing_the_missing_key_does_not_echo_its_name(
    open_client: httpx.Client, redactor: Redactor
) -> None:
    if not no_key_configured(redactor):
        pytest.skip("a secret key is configured in this environment")
    policy = {"name": "Hartsfield-Evangeline", "default": "hash"}
    resp = open_client.post("/v1/redact", json={"text": NOTE, "policy": policy})
    assert resp.status_code == 422
    assert "REDACTPHI_KEY" in resp.text
    assert not [t for t in TAINT if t in resp.text.lower()], resp.text


def test_no_error_anywhere_echoes_the_request(open_client: httpx.Client) -> None:
    taint = "Hartsfield"
    requests: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/v1/redact", {"json": {"text": NOTE, taint: 1}}),
        ("POST", "/v1/redact", {"json": {"text": NOTE, "policy": taint}}),
        ("POST", "/v1/redact", {"params": {"policy": taint}, "content": NOTE,
                                "headers": {"Content-Type": "text/plain"}}),
        ("POST", "/v1/redact", {"content": NOTE, "headers": {"Content-Type": f"text/{taint}"}}),
        ("POST", "/v1/redact", {"content": NOTE, "headers": {
            "Content-Type": "text/plain", "X-Patient-Key": taint * 40}}),
        ("POST", "/v1/redact", {"content": '{"text": "' + taint, "headers": {
            "Content-Type": "application/json"}}),
        ("POST", "/v1/redact/batch", {"json": {"documents": [{"id": taint, "text": NOTE},
                                                              {"id": taint, "text": NOTE}]}}),
        ("POST", "/v1/redact/batch", {"json": {"documents": [{"id": taint, "text": 5}]}}),
        ("POST", "/v1/analyze", {"json": {"text": [taint]}}),
        ("GET", f"/v1/{taint}", {}),
        ("DELETE", "/v1/redact", {}),
    ]  # fmt: skip
    for method, path, kwargs in requests:
        resp = open_client.request(method, path, **kwargs)
        assert 400 <= resp.status_code < 500, (path, resp.status_code)
        assert taint.lower() not in resp.text.lower(), (path, resp.text)


# -- offline docs --------------------------------------------------------------------------------


def test_docs_load_every_asset_from_the_service(auth_server: Any) -> None:
    with auth_server.client() as client:  # no key: the docs stay open
        page = client.get("/docs")
        assert page.status_code == 200
        urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", page.text)
        urls += re.findall(r"""url:\s*["']([^"']+)["']""", page.text)
        assert urls, page.text
        assert not re.search(r"https?://", page.text), "the docs page reaches off the server"
        assert "/openapi.json" in urls
        for url in urls:
            asset = client.get(url)
            assert asset.status_code == 200 and asset.content, url
        js = next(u for u in urls if u.endswith(".js"))
        assert b"SwaggerUIBundle" in client.get(js).content
