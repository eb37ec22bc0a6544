"""Runs analyses in worker threads, a bounded number at once, with a bounded wait queue.

spaCy and Presidio are synchronous; running them on the event loop would stall every other
request. Past ``max_concurrency + queue_size`` requests in flight, new ones are refused at once
(503 with Retry-After) instead of queueing without limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

from redactphi.service.metrics import Metrics

T = TypeVar("T")


class Overloaded(Exception):
    """Every analysis slot is busy and the wait queue is full."""


class AnalysisRunner:
    def __init__(self, max_concurrency: int, queue_size: int, metrics: Metrics) -> None:
        self.max_concurrency = max_concurrency
        self.capacity = max_concurrency + queue_size
        self._metrics = metrics
        self._pending = 0
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in a worker thread once a slot is free; raise Overloaded if none will be."""
        # Check and increment with no await between them: the event loop makes this atomic.
        if self._pending >= self.capacity:
            self._metrics.rejected.inc()
            raise Overloaded
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.max_concurrency)
        self._pending += 1
        self._metrics.in_flight.set(self._pending)
        try:
            # Not abandoned on cancel: a client that hangs up still holds its slot until the
            # thread finishes, so the limit counts the work really running.
            return await anyio.to_thread.run_sync(fn, limiter=self._limiter)
        finally:
            self._pending -= 1
            self._metrics.in_flight.set(self._pending)
