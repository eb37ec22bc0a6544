"""Dependencies shared by the routers, as ``Annotated`` aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from redactphi import Redactor
from redactphi.service.state import ServiceState

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="apiKey",
    description="an API key from REDACTPHI_API_KEYS or --api-keys-file",
)
_UNAUTHORIZED = "missing or invalid API key; send the header 'Authorization: Bearer <key>'"


# Plain lookups are ``async def``: FastAPI runs a sync dependency in its thread pool, a thread
# hop per request for nothing. Each reads the state from the request rather than depending on
# ``Service``: every level of dependencies costs FastAPI a resolution pass on every request.
def _state(request: Request) -> ServiceState:
    service: ServiceState = request.app.state.service
    return service


async def get_service(request: Request) -> ServiceState:
    return _state(request)


Service = Annotated[ServiceState, Depends(get_service)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _check(
    request: Request, service: ServiceState, credentials: HTTPAuthorizationCredentials | None
) -> None:
    grant = service.find_key(credentials.credentials) if credentials is not None else None
    if grant is None:
        raise HTTPException(401, _UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    request.state.scopes = grant.scopes  # read by the policy scope check


async def require_api_key(request: Request, credentials: Credentials) -> None:
    """Every /v1 route, when API keys are configured (registered only then)."""
    _check(request, _state(request), credentials)


async def require_metrics_key(request: Request, credentials: Credentials) -> None:
    """/metrics takes a key too, unless the operator opened it with --metrics-public."""
    _check(request, _state(request), credentials)


async def rate_limit(request: Request) -> None:
    """Every /v1 route: 429 once the key's (or, without one, the client's) budget is spent."""
    _state(request).rate_limit.check(request)


async def get_redactor(request: Request) -> Redactor:
    service = _state(request)
    if service.redactor is None:
        raise HTTPException(503, "the model is not loaded yet", headers={"Retry-After": "5"})
    return service.redactor


LoadedRedactor = Annotated[Redactor, Depends(get_redactor)]
