"""Titles, name suffixes and credentials: the words around a name that are not the name."""

from __future__ import annotations

import functools
from typing import Any

from redactphi.vocabulary._data import alternation, table
from redactphi.vocabulary.roles import Role


def _credentials() -> dict[str, dict[str, Any]]:
    return dict(table("credentials")["credential"])


def _titles() -> dict[str, dict[str, Any]]:
    return dict(table("titles")["title"])


@functools.cache
def titles(*, cue: bool | None = None, courtesy: bool | None = None) -> frozenset[str]:
    """Title words (lower case, no full stop), filtered by their flags when asked."""
    return frozenset(
        word
        for word, flags in _titles().items()
        if (cue is None or flags.get("cue", True) == cue)
        and (courtesy is None or flags.get("courtesy", False) == courtesy)
    )


@functools.cache
def provider_titles() -> frozenset[str]:
    return frozenset(word for word, flags in _titles().items() if flags.get("provider", False))


@functools.cache
def name_suffixes() -> frozenset[str]:
    """Generational and honorific suffixes: ``jr``, ``iii``, ``esq``."""
    return frozenset(table("titles")["suffix"]["words"])


@functools.cache
def credential_pattern() -> str:
    """Regex of the credentials the names rules read as cues, in file order."""
    return "|".join(
        flags.get("pattern", key) for key, flags in _credentials().items() if flags.get("cue", True)
    )


@functools.cache
def role_credential_pattern() -> str:
    """Regex of the credentials that make the coding policy read a provider (match with case)."""
    return "|".join(
        flags.get("role_pattern", flags.get("pattern", key))
        for key, flags in _credentials().items()
        if flags.get("role", False)
    )


@functools.cache
def credential_roles() -> dict[str, Role]:
    """Credentials (lower case) that say the person's role: ``crna`` -> anesthesia."""
    return {
        key.lower(): Role(flags["role"])
        for key, flags in _credentials().items()
        if isinstance(flags.get("role"), str)
    }


@functools.cache
def credential_span_pattern() -> str:
    """Regex of the credentials that, inside a name, mark a provider (match without case)."""
    out = []
    for key, flags in _credentials().items():
        spelling = flags.get("in_span", False)
        if spelling:
            out.append(spelling if isinstance(spelling, str) else flags.get("pattern", key))
    return "|".join(out)


@functools.cache
def credentials(flag: str) -> frozenset[str]:
    """Credentials (lower case, as written: ``pa-c``) with ``flag`` set: ``lower``, ``ends_name``,
    ``soft_title``."""
    return frozenset(key.lower() for key, flags in _credentials().items() if flags.get(flag, False))


@functools.cache
def name_affixes() -> frozenset[str]:
    """Every title, suffix and credential, lower case without full stops, with and without
    hyphens (``pa-c``, ``pac``): the words a policy keeps when it replaces a name."""
    words = {key.lower() for key in _credentials()} | titles() | name_suffixes()
    return frozenset(words | {w.replace("-", "") for w in words})


def words_pattern(words: frozenset[str]) -> str:
    """Regex alternation of ``words``, longest first."""
    return alternation(list(words))
