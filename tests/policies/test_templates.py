"""Templates are data: documented placeholders only, rendered without str.format, errors without
the client's values, and a 422 at the service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from redactphi import ConfigurationError, Finding, Redactor
from redactphi.policies import apply_policy, load_policy
from redactphi.policies.templates import TemplateError, check_template, render
from redactphi.service.app import create_app
from redactphi.service.settings import ServiceSettings

HOSTILE = [
    "{type:>5000000}",  # a format spec: 1 KB of text would become 40 MB
    "{type.x}",  # attribute access: a 500 before
    "{type.__class__}",  # a dunder: printed "<class 'str'>"
    "{type.__init__.__globals__}",
    "{type[0]}",
    "{type!r}",
    "{type:{type}}",
    "{0}",
    "{}",
    "{unknown}",
    "[{type",  # unbalanced braces
    "{type}]}",
    "[{type}]" * 20,  # longer than MAX_TEMPLATE_CHARS
]


def tag_policy(template: str) -> dict[str, Any]:
    return {"entities": {"NAME": {"operator": "tag", "template": template}}}


@pytest.mark.parametrize("template", HOSTILE)
@pytest.mark.parametrize(
    ("operator", "extra"), [("tag", {}), ("role", {}), ("hash", {"length": 8})]
)
def test_hostile_templates_are_refused_without_echo(
    template: str, operator: str, extra: dict[str, Any]
) -> None:
    spec = {"operator": operator, "template": template, **extra}
    with pytest.raises(ConfigurationError) as info:
        load_policy({"entities": {"NAME": spec}})
    message = str(info.value)
    assert "entities.NAME" in message and "template" in message
    assert template not in message
    for fragment in ("5000000", "__class__", "__globals__", "unknown", "!r", "{0}", "[0]"):
        assert fragment not in message


@pytest.mark.parametrize(
    ("template", "allowed", "values", "expected"),
    [
        ("[{type}]", {"type"}, {"type": "NAME"}, "[NAME]"),
        ("{{literal}}", {"type"}, {"type": "NAME"}, "{literal}"),
        ("{{{type}}}", {"type"}, {"type": "NAME"}, "{NAME}"),
        (
            "<{role}|{type}>",
            {"role", "type"},
            {"role": "SURGEON", "type": "NAME"},
            "<SURGEON|NAME>",
        ),
        ("#{digest}", {"type", "digest"}, {"type": "MRN", "digest": "0f"}, "#0f"),
        ("no placeholder", {"type"}, {"type": "NAME"}, "no placeholder"),
        ("{type}", {"type"}, {"type": "{0.__class__}"}, "{0.__class__}"),  # values are not parsed
    ],
)
def test_documented_placeholders_render(
    template: str, allowed: set[str], values: dict[str, str], expected: str
) -> None:
    assert render(check_template(template, allowed), **values) == expected


def test_placeholders_belong_to_their_operator() -> None:
    with pytest.raises(TemplateError):
        check_template("[{role}]", {"type"})  # tag has no role
    with pytest.raises(ConfigurationError, match="must contain \\{digest\\}"):
        load_policy({"entities": {"MRN": {"operator": "hash", "template": "[{type}:{{digest}}]"}}})
    with pytest.raises(TemplateError):
        render("[{role}]", type="NAME")  # unchecked templates cannot reach past their values


def test_a_literal_brace_template_redacts(key_env: str) -> None:
    policy = load_policy(
        {
            "entities": {
                "NAME": {"operator": "tag", "template": "{{{type}}}"},
                "MRN": {"operator": "hash", "template": "{{id}}:{digest}", "length": 6},
            }
        }
    )
    text = "Pt Ann Lee, MRN 00123456."
    findings = [Finding(3, 10, "NAME", 0.9), Finding(16, 24, "MRN", 0.9)]
    out = apply_policy(text, findings, policy).text
    assert out.startswith("Pt {NAME}, MRN {id}:")
    assert len(out) == len("Pt {NAME}, MRN {id}:") + 6 + 1


@pytest.fixture(scope="module")
def service(redactor: Redactor) -> Iterator[TestClient]:
    settings = ServiceSettings(
        host="127.0.0.1", api_keys=[], api_keys_file=None, policy=None, insecure_no_auth=False
    )
    with TestClient(create_app(settings, redactor=redactor)) as client:
        yield client


@pytest.mark.parametrize("template", [*HOSTILE[:5], "{0}", "{unknown}"])
def test_service_answers_422_without_echo(service: TestClient, template: str) -> None:
    body = {"text": "Surgeon: Robert Chen, MD", "policy": tag_policy(template)}
    resp = service.post("/v1/redact", json=body)
    assert resp.status_code == 422, resp.status_code
    assert "template" in str(resp.json()["detail"])
    assert template not in resp.text and "Chen" not in resp.text


def test_service_accepts_a_literal_brace_template(service: TestClient) -> None:
    body = {"text": "Surgeon: Robert Chen, MD", "policy": tag_policy("{{{type}}}")}
    resp = service.post("/v1/redact", json=body)
    assert resp.status_code == 200, resp.status_code
    assert resp.json()["text"] == "Surgeon: {NAME}, MD"
