"""Everything a request handler needs, built once per app and kept on ``app.state.service``."""

from __future__ import annotations

import functools
import hashlib
import hmac
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import Request

from redactphi import Redactor
from redactphi.models import Finding, RedactionResult
from redactphi.models.schemas import AppliedSpan, ReviewedSpan
from redactphi.service import scopes
from redactphi.service.memory import bounded, observe
from redactphi.service.metrics import Metrics
from redactphi.service.policy import PolicyResolver
from redactphi.service.ratelimit import RateLimit
from redactphi.service.readiness import Readiness
from redactphi.service.runner import AnalysisRunner, DeadlineExceeded, Overloaded
from redactphi.service.settings import ApiKey, ServiceSettings, is_loopback

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class KeyGrant:
    """A configured key as the service keeps it: a digest, its position and its scopes."""

    digest: bytes
    number: int  # 1-based position, the key's only name in logs and rate-limit buckets
    scopes: frozenset[str]


def key_grants(keys: Sequence[ApiKey]) -> tuple[KeyGrant, ...]:
    return tuple(
        KeyGrant(hashlib.sha256(k.secret.get_secret_value().encode()).digest(), n, k.scopes)
        for n, k in enumerate(keys, 1)
    )


@dataclass
class ServiceState:
    settings: ServiceSettings
    api_keys: tuple[KeyGrant, ...]
    metrics: Metrics
    runner: AnalysisRunner
    policies: PolicyResolver
    readiness: Readiness
    rate_limit: RateLimit
    redactor: Redactor | None = None
    # The server's default policy (a frozen Policy) and the scopes it needs, worked out once.
    _default_scopes: tuple[Any, frozenset[str]] | None = field(default=None, init=False, repr=False)

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_keys)

    @functools.cached_property
    def open_scopes(self) -> frozenset[str]:
        """Scopes without keys: everything on loopback (the local user could run the CLI with
        the same key), nothing beyond tag and mask on a network opened with --insecure-no-auth."""
        return scopes.ALL_SCOPES if is_loopback(self.settings.host) else scopes.NO_SCOPES

    def _known_scopes(self, policy: Any) -> frozenset[str] | None:
        """The scopes of the default policy object, computed on its first use; None otherwise."""
        if policy is None or policy is not self.policies.default:
            return None  # None and preset names: scopes.required_scopes caches those itself
        cached = self._default_scopes
        if cached is None or cached[0] is not policy:
            cached = self._default_scopes = (policy, scopes.required_scopes(policy))
        return cached[1]

    def find_key(self, presented: str) -> KeyGrant | None:
        """Constant-time check against every key (hashing first hides the keys' lengths)."""
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        found: KeyGrant | None = None
        for grant in self.api_keys:
            if hmac.compare_digest(grant.digest, digest):
                found = grant
        return found

    def key_matches(self, presented: str) -> bool:
        return self.find_key(presented) is not None

    def resolve_policy(
        self, request: Request, spec: str | Mapping[str, Any] | None, loc: tuple[str, ...]
    ) -> Any:
        """The request's policy, checked against the calling key's scopes (403 if it lacks one)."""
        policy = self.policies.resolve(spec, loc)
        scopes.check(request, policy, self.open_scopes, self._known_scopes(policy))
        return policy

    async def redact(
        self, redactor: Redactor, text: str, policy: Any, patient_key: str | None
    ) -> RedactionResult:
        return await self.redact_as(redactor, text, policy, patient_key, lambda result: result)

    async def redact_as(
        self,
        redactor: Redactor,
        text: str,
        policy: Any,
        patient_key: str | None,
        render: Callable[[RedactionResult], T],
    ) -> T:
        """``render(result)`` of the redaction (see ``_analysed``)."""

        def run() -> tuple[RedactionResult, list[Finding]]:
            result = redactor.redact(text, policy, patient_key=patient_key)
            return result, result.findings

        return await self._analysed(redactor, text, run, render)

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

    async def analyze_as(
        self, redactor: Redactor, text: str, render: Callable[[list[Finding]], T]
    ) -> T:
        """``render(findings)`` of the analysis (see ``_analysed``)."""

        def run() -> tuple[list[Finding], list[Finding]]:
            findings = redactor.analyze(text)
            return findings, findings

        return await self._analysed(redactor, text, run, render)

    async def _analysed(
        self,
        redactor: Redactor,
        text: str,
        run: Callable[[], tuple[R, list[Finding]]],
        render: Callable[[R], T],
    ) -> T:
        """``run`` (an analysis giving a value and its findings), then ``render(value)``, both
        in an analysis thread inside the memory zone: the response is built while the result
        is still in the CPU's caches, and the event loop only sends it."""

        def analysed() -> tuple[T, list[Finding]]:
            value, findings = run()
            observe(redactor, text, findings)
            return render(value), findings

        rendered, findings = await self._counted(lambda: bounded(redactor, analysed))
        self.metrics.count_findings(findings)
        return rendered

    async def _counted(self, fn: Callable[[], T]) -> T:
        try:
            value = await self.runner.run(fn)
        except Overloaded:
            raise
        except DeadlineExceeded:
            self.metrics.count_document("timeout")
            raise
        except Exception:
            self.metrics.count_document("error")
            raise
        self.metrics.count_document("ok")
        return value
