"""Table helpers for the recognizer tests.

Every table row is ``(text, phi, keep)`` run through the real :class:`~redactphi.Redactor`:

- ``phi``: ``(span, entity_type)`` or ``(span, entity_type, role)``. ``span`` is a substring
  (every occurrence must be covered) or ``(start, end)`` offsets. Each occurrence must lie
  wholly inside one finding of that type (and role, when given).
- ``keep``: a substring that no finding may touch, or ``(substring, entity_type)`` when the
  text may be redacted but never as that type (a bad checksum may still be another identifier).
"""

from __future__ import annotations

from collections.abc import Sequence

from redactphi import Finding, Redactor

Span = str | tuple[int, int]
Phi = tuple[Span, str] | tuple[Span, str, str | None]
Keep = str | tuple[str, str]


def occurrences(text: str, span: Span) -> list[tuple[int, int]]:
    if isinstance(span, tuple):
        return [span]
    found = []
    at = text.find(span)
    while at >= 0:
        found.append((at, at + len(span)))
        at = text.find(span, at + 1)
    assert found, f"test row error: {span!r} is not in the text"
    return found


def show(text: str, findings: Sequence[Finding]) -> str:
    return "; ".join(
        f"{f.entity_type}{'/' + f.role if f.role else ''} {text[f.start : f.end]!r}"
        for f in findings
    )


def check_row(redactor: Redactor, text: str, phi: Sequence[Phi], keep: Sequence[Keep]) -> None:
    findings = redactor.analyze(text)
    seen = show(text, findings)
    for item in phi:
        span, entity_type = item[0], item[1]
        for start, end in occurrences(text, span):
            cover = [f for f in findings if f.start <= start and end <= f.end]
            assert cover, f"{text[start:end]!r} not fully covered; found: {seen}"
            assert cover[0].entity_type == entity_type, (
                f"{text[start:end]!r} is {cover[0].entity_type}, want {entity_type}; found: {seen}"
            )
            if len(item) == 3:
                assert cover[0].role == item[2], (
                    f"{text[start:end]!r} has role {cover[0].role}, want {item[2]}; found: {seen}"
                )
    for kept in keep:
        value, banned = (kept, None) if isinstance(kept, str) else kept
        for start, end in occurrences(text, value):
            hits = [
                f
                for f in findings
                if f.start < end and start < f.end and banned in (None, f.entity_type)
            ]
            assert not hits, f"{value!r} must be kept; found: {seen}"
