"""Everything a request handler needs, built once per app and kept on ``app.state.service``."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import SecretStr

from redactphi import Redactor
from redactphi.models import Finding, RedactionResult
from redactphi.models.schemas import AppliedSpan, ReviewedSpan
from redactphi.service.metrics import Metrics
from redactphi.service.policy import PolicyResolver
from redactphi.service.readiness import Readiness
from redactphi.service.runner import AnalysisRunner, Overloaded
from redactphi.service.settings import ServiceSettings

T = TypeVar("T")


def key_digests(keys: list[SecretStr]) -> tuple[bytes, ...]:
    return tuple(hashlib.sha256(k.get_secret_value().encode()).digest() for k in keys)


@dataclass
class ServiceState:
    settings: ServiceSettings
    api_key_digests: tuple[bytes, ...]
    metrics: Metrics
    runner: AnalysisRunner
    policies: PolicyResolver
    readiness: Readiness
    redactor: Redactor | None = None

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_key_digests)

    def key_matches(self, presented: str) -> bool:
        """Constant-time check against every key (hashing first hides the keys' lengths)."""
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        found = False
        for known in self.api_key_digests:
            found |= hmac.compare_digest(known, digest)
        return found

    async def redact(
        self, redactor: Redactor, text: str, policy: Any, patient_key: str | None
    ) -> RedactionResult:
        result = await self._counted(lambda: redactor.redact(text, policy, patient_key=patient_key))
        self.metrics.count_findings(result.findings)
        return result

    async def redact_reviewed(
        self,
        redactor: Redactor,
        text: str,
        spans: list[ReviewedSpan],
        policy: Any,
        patient_key: str | None,
    ) -> tuple[RedactionResult, list[AppliedSpan]]:
        """The policy applied to exactly the reviewer's spans; no analysis runs."""
        from redactphi.service.reviewed import redact_spans

        result, applied = await self._counted(
            lambda: redact_spans(redactor, text, spans, policy, patient_key)
        )
        self.metrics.count_findings(result.findings)
        return result, applied

    async def analyze(self, redactor: Redactor, text: str) -> list[Finding]:
        findings = await self._counted(lambda: redactor.analyze(text))
        self.metrics.count_findings(findings)
        return findings

    async def _counted(self, fn: Callable[[], T]) -> T:
        try:
            value = await self.runner.run(fn)
        except Overloaded:
            raise
        except Exception:
            self.metrics.documents.labels(outcome="error").inc()
            raise
        self.metrics.documents.labels(outcome="ok").inc()
        return value
