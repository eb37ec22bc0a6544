"""GET /metrics in the Prometheus text format."""

from __future__ import annotations

from fastapi import APIRouter, Response
from fastapi.responses import PlainTextResponse

from redactphi.service.deps import Service
from redactphi.service.metrics import CONTENT_TYPE
from redactphi.service.routes import error_docs

router = APIRouter(tags=["metrics"])


@router.get(
    "/metrics",
    response_model=str,
    response_class=PlainTextResponse,
    summary="Prometheus metrics (needs a key when keys are configured, unless --metrics-public)",
    responses=error_docs(401),
)
async def metrics(service: Service) -> Response:
    return Response(service.metrics.render(), media_type=CONTENT_TYPE)
