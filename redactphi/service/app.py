"""``create_app(settings)``: the FastAPI application. The model loads in the lifespan."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from redactphi import ConfigurationError, Redactor, Settings, __version__
from redactphi.service.deps import rate_limit, require_api_key, require_metrics_key
from redactphi.service.handlers import install_handlers
from redactphi.service.memory import warm_vocabulary
from redactphi.service.metrics import Metrics
from redactphi.service.middleware import BodyLimitMiddleware, RequestContextMiddleware
from redactphi.service.openapi import install_openapi
from redactphi.service.policy import PolicyResolver
from redactphi.service.ratelimit import RateLimit
from redactphi.service.readiness import Readiness
from redactphi.service.routes import analyze, entities, health, metrics, redact, review
from redactphi.service.runner import AnalysisRunner
from redactphi.service.settings import ServiceSettings, check_bind
from redactphi.service.state import ServiceState, key_grants

if TYPE_CHECKING:
    from fastapi.telemetry import TelemetryConfig

logger = logging.getLogger("redactphi.service")

DESCRIPTION = """\
Finds every HIPAA Safe Harbor identifier in a clinical note and replaces it, keeping codes,
modifiers, drugs, doses, laterality and times.

With API keys configured, every `/v1` route needs `Authorization: Bearer <key>`;
`/healthz`, `/readyz`, `/docs` and `/openapi.json` stay open. Keyed operators (date shift,
surrogate, hash, encrypt) need a key granted their scope (403 otherwise). Each request's analysis
has a deadline (504), each key or client a rate limit (429).
"""
DOCS_ASSETS = "/docs-assets"

# FastAPI's own OpenTelemetry starts whenever the process has a configured provider (as under
# opentelemetry-instrument). Its spans carry the raw URL path and query values, and its spans
# and logs carry exception messages: places a note's text can reach. /metrics and the access
# log are the service's telemetry, and they hold none of that.
NO_FASTAPI_TELEMETRY: TelemetryConfig = {
    "tracing": False,
    "metrics": False,
    "logs": False,
    "operation_spans": False,
    "auto_configure": False,
}


def create_app(
    settings: ServiceSettings | None = None,
    *,
    redactor: Redactor | None = None,
    engine_settings: Settings | None = None,
) -> FastAPI:
    """Build the app. Fails closed on a bad configuration (unreadable key file, unknown default
    policy, a non-loopback host without keys); the model itself loads at start-up.

    ``redactor``: an already loaded Redactor to serve with instead of loading one (tests,
    embedding). ``engine_settings``: settings for the Redactor the lifespan loads (default:
    ``REDACTPHI_*`` variables).
    """
    settings = settings or ServiceSettings()
    keys = settings.load_api_keys()
    check_bind(settings, keys)
    service_metrics = Metrics()
    state = ServiceState(
        settings=settings,
        api_keys=key_grants(keys),
        metrics=service_metrics,
        runner=AnalysisRunner(
            settings.max_concurrency,
            settings.queue_size,
            service_metrics,
            settings.analysis_timeout,
        ),
        policies=PolicyResolver(settings.policy),
        readiness=Readiness(),
        rate_limit=RateLimit(settings.rate_limit),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if redactor is not None:
            state.redactor = redactor
        else:
            started = time.perf_counter()
            try:
                state.redactor = await anyio.to_thread.run_sync(lambda: Redactor(engine_settings))
            except Exception as exc:
                logger.critical("model load failed [%s]", exc.__class__.__name__)
                raise
            logger.info("model loaded in %.1f s", time.perf_counter() - started)
        loaded = state.redactor
        recurring = settings.recurring_chunks
        if not await anyio.to_thread.run_sync(lambda: warm_vocabulary(loaded, recurring=recurring)):
            logger.warning("vocabulary warm-up skipped: analyses will cost a little more")
        try:
            # Fail closed at start-up when the default policy cannot work (e.g. needs a key).
            await anyio.to_thread.run_sync(lambda: loaded.redact("", state.policies.default))
        except ConfigurationError as exc:
            logger.critical("default policy unusable: %s", exc)
            raise
        except Exception as exc:  # an analysis fault: the self-test below reports it
            logger.error("start-up check failed [%s]", exc.__class__.__name__)
        if await state.readiness.check(state.redactor):
            logger.info("self-test passed; ready")
        else:
            logger.error("self-test failed; /readyz answers 503")
        freeze_heap()
        logger.info(
            "auth %s; max body %d B (one note %d B), batch %d docs, %d analyses at once, "
            "queue %d, deadline %g s, rate limit %s",
            "on" if state.auth_enabled else "OFF",
            settings.max_body_bytes,
            settings.note_limit,
            settings.max_batch_docs,
            settings.max_concurrency,
            settings.queue_size,
            settings.analysis_timeout,
            settings.rate_limit or "off",
        )
        yield
        state.runner.shutdown()
        state.redactor = None

    # FastAPIOffline serves Swagger UI's script and CSS from its own wheel: no CDN, so /docs
    # works on an isolated network.
    app = FastAPIOffline(
        title="redactphi",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url="/docs",
        redoc_url=None,
        static_url=DOCS_ASSETS,
        swagger_ui_parameters={"validatorUrl": None},  # the validator badge calls out
        telemetry=NO_FASTAPI_TELEMETRY,
    )
    app.state.service = state

    # The rate limit comes first: a caller past it is turned away before any other work.
    v1 = [Depends(rate_limit)] + ([Depends(require_api_key)] if state.auth_enabled else [])
    for router in (redact.router, analyze.router, entities.router):
        app.include_router(router, dependencies=v1)
    app.include_router(health.router)
    app.include_router(review.router)  # static page, no data: the page asks for the key
    metrics_auth = (
        [Depends(require_metrics_key)] if state.auth_enabled and not settings.metrics_public else []
    )
    app.include_router(metrics.router, dependencies=metrics_auth)

    install_handlers(app)
    install_openapi(app, settings, state.policies.presets)
    # Added innermost first: the request context wraps the body limit, so a 413 is logged too.
    note_limit = (settings.note_limit, "--max-note-bytes (REDACTPHI_MAX_NOTE_BYTES)")
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        route_limits={"/v1/redact": note_limit, "/v1/analyze": note_limit},
    )
    app.add_middleware(RequestContextMiddleware, metrics=service_metrics)
    return app


# Young-generation collections: one every 10 000 net new container objects instead of 700. An
# analysis briefly holds a few thousand (tokens, matches, results), so at 700 most requests paid
# for one or two collections that found nothing to free.
GC_YOUNG_THRESHOLD = 10_000


def freeze_heap() -> None:
    """Keep what start-up built (model, word lists, caches warmed by the self-test) out of the
    cyclic GC. A full collection walks every tracked object; over the loaded model that took
    about 200 ms, paid by whichever request set it off, about one in 150. Frozen objects are
    still freed by reference counting; only cycles among them would outlive their use."""
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD, older, oldest)


def create_app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory`` and for each worker of ``redactphi serve``."""
    return create_app(ServiceSettings())
