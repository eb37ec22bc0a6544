"""Reads the vocabulary's data files, once per process."""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources
from typing import Any

DATA = resources.files("redactphi.vocabulary") / "data"


@functools.cache
def table(name: str) -> dict[str, Any]:
    """The parsed ``data/<name>.toml`` (shared: callers must not mutate it)."""
    return tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))


def alternation(words: list[str]) -> str:
    """A regex of ``words`` as written, longest first (a word before its own prefix)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
