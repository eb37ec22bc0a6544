"""Per-key rate limit on /v1, by slowapi over the ``limits`` library (in-memory, per process).

A request is counted against its API key when it presents a valid one, else against its client
address, so guessing keys spends the guesser's own budget. Buckets are named ``key:N`` (the
key's position in the configuration) or ``client:ADDRESS``: never the key itself. Health,
readiness, metrics and the docs are not limited. One bucket covers every /v1 route.
"""

from __future__ import annotations

import os
import time
import warnings

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from slowapi import Limiter
from slowapi.errors import RateLimitExceeded
from slowapi.middleware import SlowAPIASGIMiddleware

from redactphi.service.responses import error_response, request_id

LIMITED_PREFIX = "/v1/"


def _bucket(request: Request) -> str:
    service = request.app.state.service
    header = request.headers.get("authorization", "")
    scheme, _, presented = header.partition(" ")
    if service.auth_enabled and scheme.lower() == "bearer" and presented:
        grant = service.find_key(presented.strip())
        if grant is not None:
            return f"key:{grant.number}"
    client = request.client
    return f"client:{client.host if client else '-'}"


def _retry_after(request: Request) -> int:
    """Seconds until the exhausted window resets (at least 1)."""
    limiter: Limiter = request.app.state.limiter
    current = getattr(request.state, "view_rate_limit", None)
    if current is None:
        return 1
    try:
        reset_at = limiter.limiter.get_window_stats(current[0], *current[1]).reset_time
    except Exception:  # a storage problem must not turn a 429 into a 500
        return 1
    return max(1, int(reset_at - time.time()) + 1)


async def _too_many(request: Request, exc: Exception) -> JSONResponse:
    request.app.state.service.metrics.rate_limited.inc()
    seconds = _retry_after(request)
    return error_response(
        429,
        f"rate limit reached for this API key or client; retry in {seconds} s "
        "(the server's --rate-limit, REDACTPHI_RATE_LIMIT)",
        request_id(request.scope),
        {"Retry-After": str(seconds)},
    )


def install_rate_limit(app: FastAPI, rate: str) -> None:
    """Add the limiter; ``rate`` empty turns it off. Call after every route is included."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "config file not found": on purpose
        limiter = Limiter(
            key_func=_bucket,
            application_limits=[rate] if rate else [],
            storage_uri="memory://",
            enabled=bool(rate),
            config_filename=os.devnull,  # never read a stray .env from the working directory
        )
    for route in app.routes:
        if isinstance(route, APIRoute) and not route.path.startswith(LIMITED_PREFIX):
            limiter.exempt(route.endpoint)
    app.state.limiter = limiter
    app.add_exception_handler(RateLimitExceeded, _too_many)
    app.add_middleware(SlowAPIASGIMiddleware)
