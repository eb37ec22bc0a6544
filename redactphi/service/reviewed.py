"""Redaction of reviewed spans: the policy applied to exactly the spans a reviewer kept.

No analysis runs. Each span is checked against the text (inside it, sorted, not overlapping)
before anything is replaced, and the result must replace every span, one for one: a span that
would not be replaced is a leak, so that is an error rather than a partial answer.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi.exceptions import RequestValidationError

from redactphi import Redactor, __version__
from redactphi.errors import AnalysisError, ConfigurationError, InputTooLargeError
from redactphi.models import Evidence, Finding, RedactionResult
from redactphi.models.schemas import AppliedSpan, EngineInfo, ReviewedSpan

REVIEWER = "reviewer"


def check_spans(text: str, spans: list[ReviewedSpan]) -> None:
    """422 naming the first bad span by index; offsets and text are never quoted."""
    previous_end = 0
    for index, span in enumerate(spans):
        if span.end <= span.start or span.end > len(text):
            _reject(index, "end", "span must end after its start and inside the text")
        if span.start < previous_end:
            _reject(index, "start", "spans must be sorted by start and must not overlap")
        previous_end = span.end


def _reject(index: int, field: str, msg: str) -> None:
    raise RequestValidationError(
        [{"loc": ("body", "spans", index, field), "msg": msg, "type": "span_invalid"}]
    )


def redact_spans(
    redactor: Redactor,
    text: str,
    spans: list[ReviewedSpan],
    policy: Any,
    patient_key: str | None,
) -> tuple[RedactionResult, list[AppliedSpan]]:
    """Runs in a worker thread. The redactor's settings give the key and the size limit."""
    from redactphi.policies import apply_policy

    if len(text) > redactor.settings.max_chars:
        raise InputTooLargeError(len(text), redactor.settings.max_chars)
    findings = [
        Finding(s.start, s.end, s.entity_type.value, 1.0, REVIEWER, s.role, Evidence.REVIEWED)
        for s in spans
    ]
    try:
        result = apply_policy(
            text, findings, policy, settings=redactor.settings, patient_key=patient_key
        )
    except ConfigurationError:
        raise
    except Exception as exc:
        # Fail closed, and keep the exception's message (it may quote the text) out of it.
        raise AnalysisError(f"redaction failed ({exc.__class__.__name__})") from None
    replacements = result.replacements
    if [(r.start, r.end) for r in replacements] != [(s.start, s.end) for s in spans]:
        raise AnalysisError("redaction did not replace every reviewed span")
    applied = [
        AppliedSpan(
            index=index,
            start=r.start,
            end=r.end,
            entity_type=r.entity_type,
            operator=r.operator,
            new_start=r.new_start,
            new_end=r.new_end,
        )
        for index, r in enumerate(replacements)
    ]
    return result, applied


@cache
def engine_info(model_name: str) -> EngineInfo:
    """The package versions behind a redaction (the model's from its installed metadata)."""
    import spacy.util

    version = spacy.util.get_package_version(model_name) or "unknown"
    return EngineInfo(redactphi_version=__version__, model=model_name, model_version=version)
