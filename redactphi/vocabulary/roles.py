"""Who a named person is: the ``Role`` a header field or a phrase before the name gives."""

from __future__ import annotations

import functools
from enum import StrEnum

from redactphi.vocabulary._data import table

UNKNOWN = "none"  # the roles.toml section of labels that give no role


class Role(StrEnum):
    """A person's role in a note; a ``str``, so comparisons and JSON output read the label."""

    PATIENT = "PATIENT"
    SURGEON = "SURGEON"
    ATTENDING = "ATTENDING"
    ASSISTANT = "ASSISTANT"
    ANESTHESIA = "ANESTHESIA"
    REFERRING = "REFERRING"
    NURSE = "NURSE"
    RELATIVE = "RELATIVE"
    PROVIDER = "PROVIDER"  # a provider whose role the note does not say
    PERSON = "PERSON"  # anyone else: family, contacts, interpreters


@functools.cache
def header_roles() -> dict[str, Role | None]:
    """Header label -> role (None where the label does not say who the person is)."""
    labels: dict[str, Role | None] = {
        label: None if section == UNKNOWN else Role(section)
        for section, entry in _sections().items()
        for label in entry.get("header", [])
    }
    for key, flags in table("credentials")["credential"].items():
        if "header" in flags:  # "CRNA:", "RN:"
            labels[key.lower()] = Role(flags["header"])
    return labels


def _sections() -> dict[str, dict[str, list[str]]]:
    return {k: v for k, v in table("roles").items() if isinstance(v, dict)}


@functools.cache
def strict_header_labels() -> tuple[str, ...]:
    """Beginnings of header labels whose values are often not people ("Anesthesia: General")."""
    return tuple(table("roles")["strict"])


@functools.cache
def prose_labels() -> tuple[tuple[Role, str], ...]:
    """(role, regex) of the phrases that label a name in running text, in file order."""
    return tuple(
        (Role(section), pattern)
        for section, entry in _sections().items()
        for pattern in entry.get("prose", [])
    )
