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
def kin_pattern(*, prose: bool = False) -> str:
    """Regex of the kinship words, in file order (only those that label prose, when asked)."""
    return "|".join(
        word for word, flags in table("kin")["kin"].items() if not prose or flags.get("prose")
    )


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
    for word, flags in table("kin")["kin"].items():
        if flags.get("header"):  # "HCP:"
            labels[word] = Role.RELATIVE
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
    out = []
    for section, entry in _sections().items():
        patterns = list(entry.get("prose", []))
        if entry.get("kin") and patterns:  # "wife", "son" ... lead the section's first pattern
            patterns[0] = f"{kin_pattern(prose=True)}|{patterns[0]}"
        out += [(Role(section), pattern) for pattern in patterns]
    return tuple(out)
