"""Request and response bodies of the REST service.

Requests forbid unknown fields, so a misspelt ``polcy`` fails loudly instead of being ignored.
Responses carry offsets, types and scores; the only text they hold is the redacted text.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from redactphi.models.entities import EntityType
from redactphi.models.evidence import Evidence
from redactphi.models.findings import Finding, RedactionResult

PolicySpec = str | dict[str, Any]

_POLICY_DOC = (
    "a preset name (see GET /v1/entities) or an inline policy object; "
    "omitted: the server's default policy"
)
_PATIENT_KEY_DOC = (
    "stable patient identifier that keys consistent surrogates and date shifts across notes; "
    "omitted: the note's first MRN"
)


def _unset(value: object) -> bool:
    return value is None


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReviewedSpan(_Request):
    """A span a reviewer kept, added or retyped: ``text[start:end]`` in Unicode code points."""

    model_config = ConfigDict(extra="forbid", strict=True)  # "5" is not an offset

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    entity_type: EntityType
    role: str | None = Field(
        default=None,
        pattern=r"^[A-Z][A-Z0-9_]{0,31}$",
        description="name role from the analysis (SURGEON, PATIENT ...), for role placeholders",
    )


class RedactRequest(_Request):
    """A note to redact."""

    text: str = Field(description="the note; empty text gives an empty result")
    policy: PolicySpec | None = Field(default=None, description=_POLICY_DOC)
    patient_key: str | None = Field(
        default=None, min_length=1, max_length=256, description=_PATIENT_KEY_DOC
    )
    spans: list[ReviewedSpan] | None = Field(
        default=None,
        description=(
            "reviewed spans: redact exactly these (sorted, not overlapping, inside the text) "
            "instead of running the analysis; the response's `applied` lists each one"
        ),
    )


class AnalyzeRequest(_Request):
    """A note to analyse without changing it."""

    text: str = Field(description="the note; empty text gives no findings")
    details: bool = Field(
        default=False, strict=True, description="also give each finding's recognizer and name role"
    )


class BatchDocument(_Request):
    """One document of a batch, named by the caller's id."""

    id: str = Field(min_length=1, max_length=256, description="caller's id, unique in the batch")
    text: str
    patient_key: str | None = Field(
        default=None, min_length=1, max_length=256, description=_PATIENT_KEY_DOC
    )


class BatchRequest(_Request):
    """Several documents redacted with one policy."""

    documents: list[BatchDocument] = Field(description="up to the server's max_batch_docs")
    policy: PolicySpec | None = Field(default=None, description=_POLICY_DOC)

    @model_validator(mode="after")
    def _unique_ids(self) -> BatchRequest:
        ids = [doc.id for doc in self.documents]
        if len(ids) != len(set(ids)):
            # The ids themselves stay out of the message: they are the caller's data.
            raise ValueError("document ids must be unique within a batch")
        return self


class FindingOut(BaseModel):
    """One identifier: ``text[start:end]`` of the submitted note, in Unicode code points."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    entity_type: str
    score: float
    # Left out when unset, so the plain shape stays the one clients already parse.
    recognizer: str | None = Field(
        default=None, exclude_if=_unset, description="only with `details`"
    )
    role: str | None = Field(
        default=None, exclude_if=_unset, description="only with `details`, for names"
    )
    evidence: Evidence | None = Field(
        default=None, exclude_if=_unset, description="only with `details`: what it rests on"
    )

    @classmethod
    def of(cls, finding: Finding, *, details: bool = False) -> FindingOut:
        return cls(
            start=finding.start,
            end=finding.end,
            entity_type=finding.entity_type,
            score=round(finding.score, 4),
            recognizer=finding.recognizer if details else None,
            role=finding.role if details else None,
            evidence=finding.evidence if details else None,
        )


class AppliedSpan(BaseModel):
    """A reviewed span and its replacement: ``index`` into the request's ``spans``."""

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    entity_type: str
    operator: str = Field(description="the operator that replaced it (tag, mask, date_shift ...)")
    new_start: int = Field(ge=0, description="where the replacement starts in the redacted text")
    new_end: int = Field(ge=0)


class EngineInfo(BaseModel):
    """What produced a redaction, for review manifests."""

    redactphi_version: str
    model: str
    model_version: str


class RedactResponse(BaseModel):
    """The redacted note and what was replaced."""

    text: str = Field(description="the redacted note")
    findings: list[FindingOut] = Field(description="offsets into the submitted note")
    policy: str = Field(description="name of the policy applied")
    stats: dict[str, int] = Field(description="findings per entity type")
    applied: list[AppliedSpan] | None = Field(
        default=None,
        exclude_if=_unset,
        description="only with reviewed `spans`: each span and its replacement",
    )
    engine: EngineInfo | None = Field(
        default=None, exclude_if=_unset, description="only with reviewed `spans`"
    )

    @classmethod
    def of(cls, result: RedactionResult) -> RedactResponse:
        return cls(
            text=result.text,
            findings=[FindingOut.of(f) for f in result.findings],
            policy=result.policy,
            stats=result.stats,
        )


class AnalyzeResponse(BaseModel):
    """Findings only; the note is not returned."""

    findings: list[FindingOut]
    stats: dict[str, int] = Field(description="findings per entity type")


class BatchError(BaseModel):
    """Why one document failed; never its text."""

    status: int = Field(description="the HTTP status the document would have had on its own")
    detail: str


class BatchItem(BaseModel):
    """The result for one document: ``result`` when ``ok``, else ``error``."""

    id: str
    ok: bool
    result: RedactResponse | None = None
    error: BatchError | None = None


class BatchResponse(BaseModel):
    """One item per submitted document, in the order submitted."""

    results: list[BatchItem]
    succeeded: int
    failed: int


class EntityInfo(BaseModel):
    entity_type: str
    category: str
    safe_harbor: str = Field(description="the Safe Harbor identifier, 45 CFR 164.514(b)(2)(i)")


class EntitiesResponse(BaseModel):
    entities: list[EntityInfo]
    presets: list[str] = Field(description="policy preset names accepted in `policy`")
    default_policy: str


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class ReadyResponse(BaseModel):
    status: Literal["ready", "not ready"]
    model_loaded: bool
    self_test: Literal["passed", "failed", "not run"]


class ErrorItem(BaseModel):
    """One validation problem: where and what, never the submitted value."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorResponse(BaseModel):
    detail: str | list[ErrorItem]
    request_id: str = Field(description="quote it when reporting a problem")
