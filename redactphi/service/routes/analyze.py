"""POST /v1/analyze: findings only."""

from __future__ import annotations

from fastapi import APIRouter, Request

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
async def analyze(request: Request, service: Service, redactor: LoadedRedactor) -> AnalyzeResponse:
    body = await read_body(request, (JSON, TEXT))
    if body.media_type == TEXT:
        req = build(AnalyzeRequest, text=body.text)
    else:
        req = parse_json(AnalyzeRequest, body.text)
    findings = await service.analyze(redactor, req.text)
    stats: dict[str, int] = {}
    for f in findings:
        stats[f.entity_type] = stats.get(f.entity_type, 0) + 1
    return AnalyzeResponse(
        findings=[FindingOut.of(f, details=req.details) for f in findings],
        stats=dict(sorted(stats.items())),
    )
