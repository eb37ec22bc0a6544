"""The readiness self-test: a made-up note whose identifiers must all disappear."""

from __future__ import annotations

import logging
import time

import anyio
import anyio.to_thread

from redactphi import Redactor
from redactphi.service.memory import bounded

logger = logging.getLogger(__name__)

# Invented patient; each identifier below must be gone from the redacted text.
SELF_TEST_NOTE = (
    "OPERATIVE NOTE\n"
    "Patient: Margaret Okafor    MRN: 84629173    DOB: 03/14/1951\n"
    "Date of service: 11/02/2024\n"
    "Phone: (617) 555-0142    Email: m.okafor@example.com\n"
    "Procedure: CPT 0489T, autologous adipose-derived cell therapy, right hand.\n"
)
SELF_TEST_PHI = (
    "Okafor",
    "84629173",
    "03/14/1951",
    "11/02/2024",
    "555-0142",
    "m.okafor@example.com",
)
# Coding content that must survive.
SELF_TEST_KEEP = ("0489T", "right hand")


def self_test(redactor: Redactor) -> bool:
    """True when the self-test note comes back with every identifier removed."""
    try:
        result = redactor.redact(SELF_TEST_NOTE)
    except Exception as exc:
        logger.error("self-test raised %s", exc.__class__.__name__)
        return False
    leaked = sum(phi in result.text for phi in SELF_TEST_PHI)
    lost = sum(keep not in result.text for keep in SELF_TEST_KEEP)
    if leaked or lost:
        # Counts only: the self-test note is invented, but the habit is to never log text.
        logger.error("self-test failed: %d identifiers left, %d codes lost", leaked, lost)
        return False
    return True


class Readiness:
    """Caches the self-test result for ``ttl`` seconds; one self-test at a time."""

    def __init__(self, ttl: float = 30.0) -> None:
        self.ttl = ttl
        self.passed: bool | None = None
        self._checked_at = 0.0
        self._lock: anyio.Lock | None = None

    async def check(self, redactor: Redactor | None) -> bool | None:
        if redactor is None:
            return None
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            if self.passed is None or time.monotonic() - self._checked_at > self.ttl:
                self.passed = await anyio.to_thread.run_sync(
                    lambda: bounded(redactor, lambda: self_test(redactor))
                )
                self._checked_at = time.monotonic()
        return self.passed
