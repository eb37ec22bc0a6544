"""Shared fixtures: one real Redactor (real spaCy model, real Presidio) for the whole session."""

from __future__ import annotations

import pytest

from redactphi import Redactor


@pytest.fixture(scope="session")
def redactor() -> Redactor:
    return Redactor()
