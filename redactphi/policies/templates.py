"""Replacement templates as data: literal text and named placeholders, nothing else.

A template such as ``[{type}:{digest}]`` is split once into literal text and placeholder names
and rendered by concatenation, never by ``str.format``: no format specs (``{type:>5000000}``),
conversions (``{type!r}``), attribute or index access (``{type.__class__}``, ``{type[0]}``) or
positional fields (``{0}``). ``{{`` and ``}}`` stand for literal braces. Errors name the rule,
never the template, since a template may come from a client.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import lru_cache

MAX_TEMPLATE_CHARS = 100
_FORMATTER = string.Formatter()

# (literal text, placeholder name or None) pairs
Parsed = tuple[tuple[str, str | None], ...]


class TemplateError(ValueError):
    """A template breaks a rule; the message never quotes the template."""


@lru_cache(maxsize=256)
def _parse(template: str) -> Parsed:
    try:
        parts = list(_FORMATTER.parse(template))
    except ValueError:  # a lone "{" or "}"
        raise TemplateError("unbalanced brace (write {{ or }} for a literal brace)") from None
    out: list[tuple[str, str | None]] = []
    for literal, field, spec, conversion in parts:
        if field is not None and (spec or conversion is not None):
            raise TemplateError("placeholders take no format spec or conversion")
        out.append((literal, field))
    return tuple(out)


def check_template(template: str, allowed: Iterable[str]) -> str:
    """``template`` if it uses only ``allowed`` placeholders, else :class:`TemplateError`."""
    names = sorted(allowed)
    if len(template) > MAX_TEMPLATE_CHARS:
        raise TemplateError(f"template must be at most {MAX_TEMPLATE_CHARS} characters")
    if "\n" in template or "\r" in template:
        raise TemplateError("template must be one line")
    if any(field is not None and field not in names for _, field in _parse(template)):
        listed = ", ".join("{" + name + "}" for name in names)
        raise TemplateError(f"template may only use the placeholders {listed}")
    return template


def placeholders(template: str) -> set[str]:
    """Names of the placeholders in ``template``."""
    return {field for _, field in _parse(template) if field is not None}


def render(template: str, **values: str) -> str:
    """Fill the placeholders of a checked template (an unknown one is a :class:`TemplateError`)."""
    out: list[str] = []
    for literal, field in _parse(template):
        out.append(literal)
        if field is not None:
            if field not in values:
                raise TemplateError("template uses a placeholder this operator does not fill")
            out.append(values[field])
    return "".join(out)
