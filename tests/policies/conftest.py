"""Fixtures for the policy tests: a test key in the environment and hand-made findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from redactphi import Finding

TEST_KEY = "test-key-0123456789-abcdefghij"
OTHER_KEY = "another-test-key-9876543210-zyx"

FindingMaker = Callable[..., list[Finding]]


@pytest.fixture
def key_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """REDACTPHI_KEY set to the test key (and no key file)."""
    monkeypatch.delenv("REDACTPHI_KEY_FILE", raising=False)
    monkeypatch.setenv("REDACTPHI_KEY", TEST_KEY)
    yield TEST_KEY


@pytest.fixture
def no_key_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REDACTPHI_KEY", raising=False)
    monkeypatch.delenv("REDACTPHI_KEY_FILE", raising=False)


def spans(text: str, *items: tuple[str, str] | tuple[str, str, str]) -> list[Finding]:
    """Findings for (substring, type[, role]) in order of appearance; each substring is looked
    up after the previous one."""
    out: list[Finding] = []
    cursor = 0
    for item in items:
        value, entity_type = item[0], item[1]
        role = item[2] if len(item) == 3 else None
        start = text.index(value, cursor)
        out.append(Finding(start, start + len(value), entity_type, 0.9, "test", role))
        cursor = start + len(value)
    return out


@pytest.fixture
def make_findings() -> FindingMaker:
    return spans
