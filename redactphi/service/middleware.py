"""ASGI middleware: request ids, the access log, metrics, the last-resort 500 and the body limit.

Plain ASGI rather than ``BaseHTTPMiddleware``: nothing here buffers a body, and exceptions
reach the catch-all untouched.
"""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redactphi.service.logs import ACCESS_LOGGER
from redactphi.service.metrics import UNMATCHED_ROUTE, Metrics
from redactphi.service.responses import REQUEST_ID_KEY, error_response

access_log = logging.getLogger(ACCESS_LOGGER)
logger = logging.getLogger(__name__)


def route_template(scope: Scope) -> str:
    """The matched route's path template; a path nobody routes is not logged verbatim."""
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


class RequestContextMiddleware:
    """Outermost: tags every response with a request id, logs it and counts it.

    The access line holds method, route, status, duration, byte counts, request id and client
    address; never a body, a query string or a header value. An exception no handler took
    becomes a 500 carrying the request id, logged by class name only.
    """

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = uuid.uuid4().hex
        scope[REQUEST_ID_KEY] = rid
        started_at = time.perf_counter()
        state: dict[str, Any] = {"status": 500, "started": False, "in": 0, "out": 0}

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["in"] += len(message.get("body", b""))
            return message

        async def tagging_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["started"] = True
                state["status"] = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = rid
                headers["X-Content-Type-Options"] = "nosniff"
                if "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"  # redacted notes stay out of caches
            elif message["type"] == "http.response.body":
                state["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, tagging_send)
        except Exception as exc:
            logger.error("unhandled %s request_id=%s", exc.__class__.__name__, rid)
            if not state["started"]:
                response = error_response(500, "internal error; nothing was returned", rid)
                await response(scope, receive, tagging_send)
        finally:
            seconds = time.perf_counter() - started_at
            route = route_template(scope)
            client = scope.get("client")
            access_log.info(
                "%s %s %d %.1fms in=%dB out=%dB request_id=%s client=%s",
                scope["method"],
                route,
                state["status"],
                seconds * 1000,
                state["in"],
                state["out"],
                rid,
                client[0] if client else "-",
            )
            self.metrics.observe_request(route, scope["method"], state["status"], seconds)


class _BodyTooLarge(Exception):
    pass


class BodyLimitMiddleware:
    """413 when Content-Length is over the limit, or when a streamed body grows past it.

    ``route_limits`` gives some paths a lower limit than ``max_bytes`` (the single-note routes),
    each with the setting that raises it.
    """

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int,
        route_limits: dict[str, tuple[int, str]] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.route_limits = route_limits or {}

    def _limit(self, scope: Scope) -> tuple[int, str]:
        default = (self.max_bytes, "--max-body-bytes (REDACTPHI_MAX_BODY_BYTES)")
        return self.route_limits.get(scope.get("path", ""), default)

    def _too_large(self, scope: Scope) -> Any:
        limit, setting = self._limit(scope)
        return error_response(
            413,
            f"request body is over the limit of {limit} bytes; split the note, send several "
            f"in one /v1/redact/batch request, or ask the operator to raise {setting}",
            str(scope.get(REQUEST_ID_KEY, "-")),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes, _ = self._limit(scope)
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > max_bytes:
                await self._too_large(scope)(scope, receive, send)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise _BodyTooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, watching_send)
        except _BodyTooLarge:
            if started:
                raise
            await self._too_large(scope)(scope, receive, send)
