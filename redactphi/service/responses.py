"""Error responses: one JSON shape, ``{"detail": ..., "request_id": ...}``, never the input."""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from functools import cache
from typing import Any

from fastapi.responses import JSONResponse

REQUEST_ID_KEY = "redactphi.request_id"
_LOC_ROOTS = frozenset({"body", "query", "header", "path", "cookie"})
# Pydantic error types whose message quotes the submitted value.
_MSG_QUOTES_INPUT = frozenset({"union_tag_invalid"})


def request_id(scope: Mapping[str, Any]) -> str:
    return str(scope.get(REQUEST_ID_KEY, "-"))


def error_response(
    status: int, detail: object, rid: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"detail": detail, "request_id": rid}, status_code=status, headers=dict(headers or {})
    )


@cache
def _known_names() -> frozenset[str]:
    """Field names of every request schema: the only strings a ``loc`` may show."""
    from redactphi.models import ALL_ENTITIES, Category
    from redactphi.models.schemas import AnalyzeRequest, BatchRequest, RedactRequest
    from redactphi.service.policy import policy_json_schema

    names: set[str] = set(_LOC_ROOTS) | set(ALL_ENTITIES) | {c.value for c in Category}
    names |= {"policy", "X-Patient-Key", "x-patient-key"}  # query and header parameters

    def walk(node: object) -> None:
        if isinstance(node, MutableMapping):
            props = node.get("properties")
            if isinstance(props, Mapping):
                names.update(str(k) for k in props)
            # Enum and const values name operators and presets in a discriminated union's loc.
            names.update(v for v in node.get("enum", ()) if isinstance(v, str))
            if isinstance(node.get("const"), str):
                names.add(node["const"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for model in (RedactRequest, AnalyzeRequest, BatchRequest):
        walk(model.model_json_schema())
    walk(policy_json_schema())
    return frozenset(names)


def clean_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors reduced to loc, msg and type.

    ``input`` and ``ctx`` are dropped, and a ``loc`` step that is not one of our field names
    (a key the client made up, which could be anything) is shown as ``<key>``.
    """
    known = _known_names()
    out: list[dict[str, Any]] = []
    for err in errors:
        loc = [
            step if isinstance(step, int) or step in known else "<key>"
            for step in err.get("loc", ())
        ]
        kind = str(err.get("type", "value_error"))
        msg = "invalid value" if kind in _MSG_QUOTES_INPUT else str(err.get("msg", "invalid"))
        out.append({"loc": loc, "msg": msg, "type": kind})
    return out
