"""GET /v1/entities: what the service finds and which presets a request may name."""

from __future__ import annotations

from fastapi import APIRouter

from redactphi.models import SAFE_HARBOR, EntityType, category_of
from redactphi.models.schemas import EntitiesResponse, EntityInfo
from redactphi.service.deps import Service
from redactphi.service.routes import error_docs

router = APIRouter(prefix="/v1", tags=["entities"])


@router.get(
    "/entities",
    response_model=EntitiesResponse,
    summary="Entity types with their Safe Harbor identifiers, and policy presets",
    responses=error_docs(401, 429),
)
async def entities(service: Service) -> EntitiesResponse:
    return EntitiesResponse(
        entities=[
            EntityInfo(
                entity_type=e.value,
                category=category_of(e.value).value,
                safe_harbor=SAFE_HARBOR.get(e, ""),
            )
            for e in EntityType
        ],
        presets=service.policies.presets,
        default_policy=service.policies.default_name,
    )
