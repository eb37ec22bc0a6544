"""GET /healthz and GET /readyz: open even when API keys are configured."""

from __future__ import annotations

from fastapi import APIRouter, Response

from redactphi.models.schemas import HealthResponse, ReadyResponse
from redactphi.service.deps import Service

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthResponse, summary="The process is up")
async def healthz() -> HealthResponse:
    return HealthResponse()


@router.get(
    "/readyz",
    response_model=ReadyResponse,
    summary="The model is loaded and the self-test note was redacted correctly",
    responses={503: {"model": ReadyResponse, "description": "Not ready"}},
)
async def readyz(service: Service, response: Response) -> ReadyResponse:
    passed = await service.readiness.check(service.redactor)
    ready = service.redactor is not None and passed is True
    if not ready:
        response.status_code = 503
        response.headers["Retry-After"] = "5"
    return ReadyResponse(
        status="ready" if ready else "not ready",
        model_loaded=service.redactor is not None,
        self_test="not run" if passed is None else "passed" if passed else "failed",
    )
