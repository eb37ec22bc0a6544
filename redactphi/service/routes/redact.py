"""POST /v1/redact and POST /v1/redact/batch."""

from __future__ import annotations

import logging
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response

from redactphi import Redactor
from redactphi.errors import ConfigurationError, InputError, InputTooLargeError
from redactphi.models import RedactionResult
from redactphi.models.schemas import (
    BatchError,
    BatchItem,
    BatchRequest,
    BatchResponse,
    RedactRequest,
    RedactResponse,
)
from redactphi.service.body import JSON, TEXT, build, parse_json, read_body
from redactphi.service.deps import LoadedRedactor, Service
from redactphi.service.memory import bounded, observe
from redactphi.service.responses import request_id
from redactphi.service.reviewed import check_spans, engine_info
from redactphi.service.routes import error_docs, request_body

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["redact"])

PolicyQuery = Annotated[
    str | None,
    Query(description="preset name, used when the body names no policy (handy for text/plain)"),
]
PatientKeyHeader = Annotated[
    str | None,
    Header(
        alias="X-Patient-Key",
        min_length=1,
        max_length=256,
        description="patient key for text/plain bodies (JSON bodies use `patient_key`)",
    ),
]


@router.post(
    "/redact",
    response_model=RedactResponse,
    summary="Redact one note",
    description=(
        "JSON in, JSON out; or `Content-Type: text/plain` in, the redacted text out "
        "(findings count in the `X-Redactphi-Findings` header). With reviewed `spans` (JSON "
        "only), exactly those spans are replaced and `applied` says how."
    ),
    responses={
        200: {"content": {"text/plain": {"schema": {"type": "string"}}}},
        **error_docs(400, 401, 403, 413, 415, 422, 429, 500, 503, 504),
    },
    openapi_extra=request_body("RedactRequest", plain=True),
)
async def redact(
    request: Request,
    service: Service,
    redactor: LoadedRedactor,
    policy: PolicyQuery = None,
    patient_key: PatientKeyHeader = None,
) -> Any:
    body = await read_body(request, (JSON, TEXT))
    if body.media_type == TEXT:
        req = build(RedactRequest, text=body.text, patient_key=patient_key)
        loc: tuple[str, ...] = ("query", "policy")
    else:
        req = parse_json(RedactRequest, body.text)
        loc = ("body", "policy") if req.policy is not None else ("query", "policy")
    if policy is not None:  # an unknown preset in the query is refused even when the body wins
        service.policies.resolve(policy, ("query", "policy"))
    spec = req.policy if req.policy is not None else policy
    resolved = service.resolve_policy(request, spec, loc)
    if req.spans is not None:
        check_spans(req.text, req.spans)
        reviewed, applied = await service.redact_reviewed(
            redactor, req.text, req.spans, resolved, req.patient_key or patient_key
        )
        response = RedactResponse.of(reviewed)
        response.applied = applied
        response.engine = engine_info(redactor.settings.model_name)
        return response
    key = req.patient_key or patient_key
    if body.media_type == TEXT:
        result = await service.redact(redactor, req.text, resolved, key)
        return PlainTextResponse(
            result.text, headers={"X-Redactphi-Findings": str(len(result.findings))}
        )
    rendered = await service.redact_as(redactor, req.text, resolved, key, _json)
    return Response(rendered, media_type=JSON)


def _json(result: RedactionResult) -> bytes:
    """The response body, as FastAPI would write ``RedactResponse.of(result)``."""
    return RedactResponse.of(result).model_dump_json().encode()


@router.post(
    "/redact/batch",
    response_model=BatchResponse,
    summary="Redact several documents",
    description=(
        "Up to the server's `max_batch_docs` documents (more: 422), one policy. Each document "
        "gets its own result; one that fails is reported in its item without failing the others."
    ),
    responses=error_docs(400, 401, 403, 413, 415, 422, 429, 500, 503, 504),
    openapi_extra=request_body("BatchRequest", plain=False),
)
async def redact_batch(
    request: Request, service: Service, redactor: LoadedRedactor
) -> BatchResponse:
    body = await read_body(request, (JSON,))
    req = parse_json(BatchRequest, body.text)
    limit = service.settings.max_batch_docs
    if len(req.documents) > limit:
        # 422 like any other schema violation: the OpenAPI document states it as maxItems.
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "documents"),
                    "msg": f"batch has {len(req.documents)} documents, over the limit of "
                    f"{limit}; split it or raise --max-batch-docs (REDACTPHI_MAX_BATCH_DOCS)",
                    "type": "too_long",
                }
            ]
        )
    policy = service.resolve_policy(request, req.policy, ("body", "policy"))
    rid = request_id(request.scope)
    docs = [(doc.text, doc.patient_key) for doc in req.documents]
    stop = threading.Event()  # set at the deadline: the thread stops before its next document
    outcomes = await service.runner.run(
        lambda: bounded(redactor, lambda: _redact_all(redactor, docs, policy, rid, stop)),
        on_abandon=stop.set,
    )
    items: list[BatchItem] = []
    for doc, outcome in zip(req.documents, outcomes, strict=True):
        if isinstance(outcome, BatchError):
            service.metrics.count_document("error")
            items.append(BatchItem(id=doc.id, ok=False, error=outcome))
        else:
            service.metrics.count_document("ok")
            service.metrics.count_findings(outcome.findings)
            items.append(BatchItem(id=doc.id, ok=True, result=outcome))
    failed = sum(not item.ok for item in items)
    return BatchResponse(results=items, succeeded=len(items) - failed, failed=failed)


def _redact_all(
    redactor: Redactor,
    docs: list[tuple[str, str | None]],
    policy: Any,
    rid: str,
    stop: threading.Event,
) -> list[RedactResponse | BatchError]:
    """Runs in a worker thread. Documents that share a patient key share patient memory (a
    name found in one is redacted in all); if any document fails, each is redone alone so
    that its failure is reported in its own slot."""
    keys = [key for _, key in docs]
    if len({k for k in keys if k is not None}) == sum(k is not None for k in keys):
        return _redact_each(redactor, docs, policy, rid, stop)  # no patient has two notes here
    try:
        results = list(redactor.redact_many([t for t, _ in docs], policy, patient_keys=keys))
        for (text, _), result in zip(docs, results, strict=True):
            observe(redactor, text, result.findings)
        return [RedactResponse.of(r) for r in results]
    except ConfigurationError:
        raise
    except Exception:  # a bad document: redo one by one
        return _redact_each(redactor, docs, policy, rid, stop)


def _redact_each(
    redactor: Redactor,
    docs: list[tuple[str, str | None]],
    policy: Any,
    rid: str,
    stop: threading.Event,
) -> list[RedactResponse | BatchError]:
    """Runs in a worker thread. A document's own failure is reported in its slot; a
    configuration error (a policy that cannot work) fails the whole request."""
    out: list[RedactResponse | BatchError] = []
    for index, (text, patient_key) in enumerate(docs):
        if stop.is_set():  # the request was already answered 504: nobody reads the rest
            break
        try:
            result = redactor.redact(text, policy, patient_key=patient_key)
            observe(redactor, text, result.findings)
            out.append(RedactResponse.of(result))
        except ConfigurationError:
            raise
        except InputTooLargeError as exc:
            out.append(BatchError(status=413, detail=str(exc)))
        except InputError as exc:
            out.append(BatchError(status=422, detail=str(exc)))
        except Exception as exc:  # AnalysisError and anything else: fail closed
            # Fail closed for this document only; the log names the class and position.
            logger.error(
                "analysis failed request_id=%s document=%d [%s]",
                rid,
                index,
                exc.__class__.__name__,
            )
            out.append(
                BatchError(
                    status=500,
                    detail=f"analysis failed; nothing was returned (request id {rid})",
                )
            )
    return out
