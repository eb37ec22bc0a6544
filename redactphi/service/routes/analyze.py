"""POST /v1/analyze: findings only."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from redactphi.models import Finding
from redactphi.models.schemas import AnalyzeRequest, AnalyzeResponse, FindingOut
from redactphi.service.body import JSON, TEXT, build, parse_json, read_body
from redactphi.service.deps import LoadedRedactor, Service
from redactphi.service.routes import error_docs, request_body

router = APIRouter(prefix="/v1", tags=["analyze"])


@router.post(
    "/analyze",
    response_model=AnalyzeResponse,
    summary="Find identifiers without changing the note",
    description='JSON `{"text": ...}` or a `text/plain` body; the note is not returned.',
    responses=error_docs(400, 401, 413, 415, 422, 429, 500, 503, 504),
    openapi_extra=request_body("AnalyzeRequest", plain=True),
)
async def analyze(request: Request, service: Service, redactor: LoadedRedactor) -> Response:
    body = await read_body(request, (JSON, TEXT))
    if body.media_type == TEXT:
        req = build(AnalyzeRequest, text=body.text)
    else:
        req = parse_json(AnalyzeRequest, body.text)
    details = req.details
    rendered = await service.analyze_as(redactor, req.text, lambda f: _json(f, details))
    return Response(rendered, media_type=JSON)


def _json(findings: list[Finding], details: bool) -> bytes:
    """The response body, as FastAPI would write the ``AnalyzeResponse``."""
    stats: dict[str, int] = {}
    for f in findings:
        stats[f.entity_type] = stats.get(f.entity_type, 0) + 1
    response = AnalyzeResponse(
        findings=[FindingOut.of(f, details=details) for f in findings],
        stats=dict(sorted(stats.items())),
    )
    return response.model_dump_json().encode()
