"""Per-key rate limit on /v1, with the ``limits`` library (moving window, in memory, per process).

A request is counted against its API key when it presents a valid one, else against its client
address, so guessing keys spends the guesser's own budget. Buckets are named ``key:N`` (the
key's position in the configuration) or ``client:ADDRESS``: never the key itself. One bucket
covers every /v1 route; health, readiness, metrics and the docs are not limited.

slowapi wraps the same library, but its middleware finds routes by walking ``app.routes``,
which no longer lists the endpoints of included routers in current FastAPI: it would silently
limit nothing. A router dependency cannot miss a route.
"""

from __future__ import annotations

import time

from fastapi import HTTPException, Request
from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class RateLimited(HTTPException):
    def __init__(self, retry_after: int) -> None:
        super().__init__(
            429,
            f"rate limit reached for this API key or client; retry in {retry_after} s "
            "(the server's --rate-limit, REDACTPHI_RATE_LIMIT)",
            headers={"Retry-After": str(retry_after)},
        )


class RateLimit:
    """``check(request)`` raises RateLimited once the caller's bucket is spent."""

    def __init__(self, rate: str) -> None:
        self.items: list[RateLimitItem] = parse_many(rate) if rate else []
        # MemoryStorage expires idle buckets on a timer: memory follows active callers only.
        self._limiter = MovingWindowRateLimiter(MemoryStorage()) if self.items else None

    def check(self, request: Request) -> None:
        if self._limiter is None:
            return
        bucket = _bucket(request)
        for item in self.items:
            if not self._limiter.hit(item, "v1", bucket):
                stats = self._limiter.get_window_stats(item, "v1", bucket)
                request.app.state.service.metrics.rate_limited.inc()
                raise RateLimited(max(1, int(stats.reset_time - time.time()) + 1))


def _bucket(request: Request) -> str:
    service = request.app.state.service
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if service.auth_enabled and scheme.lower() == "bearer" and presented.strip():
        grant = service.find_key(presented.strip())
        if grant is not None:
            return f"key:{grant.number}"
    client = request.client
    return f"client:{client.host if client else '-'}"
