"""Exception handlers: each error becomes a status and a message that never quotes the note."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from redactphi.errors import (
    AnalysisError,
    ConfigurationError,
    InputError,
    InputTooLargeError,
    KeyRequiredError,
    RedactPhiError,
)
from redactphi.service.responses import clean_errors, error_response, request_id
from redactphi.service.runner import DeadlineExceeded, Overloaded

logger = logging.getLogger(__name__)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    return error_response(exc.status_code, exc.detail, request_id(request.scope), exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    # FastAPI's own handler echoes each error's `input`: the submitted note. Not here.
    assert isinstance(exc, RequestValidationError)
    return error_response(422, clean_errors(exc.errors()), request_id(request.scope))


async def _too_large(request: Request, exc: Exception) -> JSONResponse:
    return error_response(413, str(exc), request_id(request.scope))


async def _input_error(request: Request, exc: Exception) -> JSONResponse:
    return error_response(422, str(exc), request_id(request.scope))


async def _configuration_error(request: Request, exc: Exception) -> JSONResponse:
    # Fixed wording: a library message may quote the policy's own name or values, which came
    # from the client.
    if isinstance(exc, KeyRequiredError):
        detail = (
            "policy cannot be applied: it needs the server's secret key, which is not "
            "configured (REDACTPHI_KEY or REDACTPHI_KEY_FILE); use a tag or mask policy"
        )
    else:
        detail = "policy cannot be applied; check it against the Policy schema in /openapi.json"
    return error_response(422, detail, request_id(request.scope))


async def _analysis_error(request: Request, exc: Exception) -> JSONResponse:
    rid = request_id(request.scope)
    logger.error("analysis failed request_id=%s [%s]", rid, exc.__class__.__name__)
    return error_response(500, f"analysis failed; nothing was returned (request id {rid})", rid)


async def _overloaded(request: Request, exc: Exception) -> JSONResponse:
    service = request.app.state.service
    seconds = service.settings.retry_after
    return error_response(
        503,
        f"busy: every analysis slot and queue place is taken; retry in {seconds} s",
        request_id(request.scope),
        {"Retry-After": str(seconds)},
    )


async def _deadline(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DeadlineExceeded)
    rid = request_id(request.scope)
    logger.warning("analysis deadline passed request_id=%s after %g s", rid, exc.seconds)
    return error_response(
        504,
        f"analysis did not finish within {exc.seconds:g} s; nothing was returned. Split the "
        "note, or ask the operator to raise --analysis-timeout (REDACTPHI_ANALYSIS_TIMEOUT)",
        rid,
    )


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputTooLargeError, _too_large)
    app.add_exception_handler(InputError, _input_error)
    app.add_exception_handler(ConfigurationError, _configuration_error)
    app.add_exception_handler(AnalysisError, _analysis_error)
    app.add_exception_handler(RedactPhiError, _analysis_error)
    app.add_exception_handler(Overloaded, _overloaded)
    app.add_exception_handler(DeadlineExceeded, _deadline)
