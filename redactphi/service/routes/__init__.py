"""One router per resource; ``app.py`` mounts them, adding the API-key check where it applies."""

from __future__ import annotations

from typing import Any

_DESCRIPTIONS = {
    400: "Body is not valid UTF-8",
    401: "Missing or invalid API key",
    403: "The API key lacks a scope the policy's keyed operators need",
    413: "Body or text over its size limit",
    415: "Unsupported media type or charset",
    422: "Malformed JSON, wrong types, unknown policy, too many documents (input never echoed)",
    429: "Rate limit of the API key or client reached; retry after the Retry-After seconds",
    500: "Analysis failed; nothing was returned (quote the request id)",
    503: "Busy or not ready; retry after the Retry-After seconds",
    504: "The analysis passed the server's deadline; nothing was returned",
}


_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}}


def error_docs(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the given error statuses.

    Errors are always JSON, also on routes whose success is text (``/metrics``), so the content
    is spelled out rather than left to the route's response class; ``openapi.py`` adds the
    ErrorResponse schema.
    """
    return {code: {"description": _DESCRIPTIONS[code], "content": _ERROR_CONTENT} for code in codes}


def request_body(schema: str, *, plain: bool) -> dict[str, Any]:
    """``openapi_extra`` for a body read by hand: JSON by schema, and optionally raw text."""
    content: dict[str, Any] = {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}
    }
    if plain:
        content["text/plain"] = {"schema": {"type": "string"}}
    return {"requestBody": {"required": True, "content": content}}
