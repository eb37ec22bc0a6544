"""Reading request bodies: media type, charset and UTF-8 checks, then JSON validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

JSON = "application/json"
TEXT = "text/plain"
_UTF8 = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Body:
    media_type: str
    text: str


def _parse_content_type(value: str | None) -> tuple[str, str | None]:
    if not value:
        return "", None
    media, _, rest = value.partition(";")
    charset = None
    for param in rest.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip('"').lower()
    return media.strip().lower(), charset


async def read_body(request: Request, accepted: tuple[str, ...]) -> Body:
    """The body decoded as UTF-8, if its media type is one of ``accepted``."""
    media, charset = _parse_content_type(request.headers.get("content-type"))
    if media not in accepted:
        hint = " (curl: -H 'Content-Type: text/plain')" if TEXT in accepted else ""
        raise HTTPException(
            415, f"unsupported media type; send Content-Type {' or '.join(accepted)}{hint}"
        )
    if charset is not None and charset not in _UTF8:
        raise HTTPException(415, "unsupported charset; send the text as UTF-8 (charset=utf-8)")
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(
            400, f"body is not valid UTF-8 (bad byte at offset {exc.start}); re-encode it as UTF-8"
        ) from None
    return Body(media, text)


def parse_json(model: type[M], text: str) -> M:
    """Validate a JSON body; errors go through the app's 422 handler, which drops the input."""
    try:
        return model.model_validate_json(text)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err["loc"])} for err in exc.errors()]
        ) from None


def build(model: type[M], **fields: object) -> M:
    """Validate fields given outside a JSON body (query, headers) the same way."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        raise RequestValidationError(
            [{**err, "loc": ("body", *err["loc"])} for err in exc.errors()]
        ) from None
