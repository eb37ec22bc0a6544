"""The OpenAPI document, completed with the request schemas the routes read by hand."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema

from redactphi.models.schemas import AnalyzeRequest, BatchRequest, ErrorResponse, RedactRequest
from redactphi.service.policy import policy_json_schema
from redactphi.service.settings import ServiceSettings


def install_openapi(app: FastAPI, settings: ServiceSettings, presets: list[str]) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        ref = "#/components/schemas/{model}"
        _, defs = models_json_schema(
            [(m, "validation") for m in (RedactRequest, AnalyzeRequest, BatchRequest)],
            ref_template=ref,
        )
        components.update(defs.get("$defs", {}))
        _, defs = models_json_schema([(ErrorResponse, "serialization")], ref_template=ref)
        components.update(defs.get("$defs", {}))
        components["BatchRequest"]["properties"]["documents"]["maxItems"] = settings.max_batch_docs
        inline: dict[str, Any] = {"type": "object", "additionalProperties": True}
        policy = policy_json_schema()
        if policy is not None:
            # Describe inline policies by the library's own model rather than "any object".
            components.update(policy.pop("$defs", {}))
            components["Policy"] = policy
            inline = {"$ref": "#/components/schemas/Policy"}
        for name in ("RedactRequest", "BatchRequest"):
            field = components[name]["properties"]["policy"]
            field["anyOf"] = [{"type": "string", "enum": presets}, inline, {"type": "null"}]
        for operation in schema["paths"].get("/v1/redact", {}).values():
            for param in operation.get("parameters", []):
                if param["name"] == "policy" and param["in"] == "query":
                    param["schema"] = {
                        "anyOf": [{"type": "string", "enum": presets}, {"type": "null"}]
                    }
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
