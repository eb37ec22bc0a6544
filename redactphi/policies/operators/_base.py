"""The shape every redactphi operator shares: a Presidio ``Operator`` with typed parameters.

Presidio passes operator parameters as a dict. Each of our operators takes exactly one entry,
``params[SPEC]``: a frozen dataclass of its own type, built per finding by
:mod:`redactphi.policies.apply`. ``validate`` checks its type, ``operate`` is a pure function of
the span text and that spec. Nothing is mutated, and a spec's repr never shows key material, a
patient scope or a date offset.
"""

from __future__ import annotations

import re
from abc import abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar, cast

from presidio_anonymizer.entities import InvalidParamError, OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

SPEC = "spec"  # the one params key our operators read

S = TypeVar("S")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")


class SpecOperator(Operator, Generic[S]):
    """A Presidio operator whose parameters are one typed spec (see the module docstring)."""

    name: ClassVar[str]
    spec_type: ClassVar[type]
    kind: ClassVar[OperatorType] = OperatorType.Anonymize

    @classmethod
    def config(cls, spec: S) -> OperatorConfig:
        """The Presidio ``OperatorConfig`` that runs this operator with ``spec``."""
        return OperatorConfig(cls.name, {SPEC: spec})

    @abstractmethod
    def apply(self, text: str, spec: S) -> str:
        """The replacement of ``text``."""

    def operate(self, text: str, params: dict[str, Any] | None = None) -> str:
        return self.apply(text, self._spec(params))

    def validate(self, params: dict[str, Any] | None = None) -> None:
        self._spec(params)

    def operator_name(self) -> str:
        return self.name

    def operator_type(self) -> OperatorType:
        return self.kind

    def _spec(self, params: dict[str, Any] | None) -> S:
        spec = (params or {}).get(SPEC)
        if not isinstance(spec, self.spec_type):
            raise InvalidParamError(
                f"operator '{self.name}' takes a {self.spec_type.__name__} as params['{SPEC}']"
            )
        return cast(S, spec)


def per_line(original: str, replace: Callable[[str], str]) -> str:
    """Replace each line of a span separately, keeping the line breaks between them."""
    if "\n" not in original:
        return replace(original)
    out: list[str] = []
    cursor = 0
    for match in _LINE_BREAK.finditer(original):
        if match.start() > cursor:
            out.append(replace(original[cursor : match.start()]))
        out.append(match.group(0))
        cursor = match.end()
    if cursor < len(original):
        out.append(replace(original[cursor:]))
    return "".join(out)


def keep_breaks(original: str, new: str) -> str:
    """``new`` followed by the line breaks it lacks, so the note keeps its line count."""
    missing = original.count("\n") - new.count("\n")
    return new + "\n" * missing if missing > 0 else new
