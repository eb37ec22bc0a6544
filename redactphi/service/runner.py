"""Runs analyses in worker threads, a bounded number at once, each request under a deadline.

spaCy and Presidio are synchronous; running them on the event loop would stall every other
request. Past ``max_concurrency + queue_size`` analyses in flight, new requests are refused at
once (503 with Retry-After) instead of queueing without limit.

The deadline (``analysis_timeout``) counts from the moment a request asks for a slot, so time
spent queued counts too. When it passes, the request is answered 504 at once and its queue place
is freed. What happens to the work:

- not started yet (still queued): it is cancelled and never runs;
- running: Python cannot stop a thread, so the analysis runs to its end and its result is
  thrown away. ``on_abandon`` lets a caller stop cooperatively (the batch route stops before
  its next document). Until the thread ends it keeps its slot and counts against the capacity,
  so stalled work can never pile up past ``max_concurrency`` threads: new requests meet 503
  rather than an oversubscribed CPU. ``max_chars`` and the body limits bound how long it runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from redactphi.service.metrics import Metrics

T = TypeVar("T")
logger = logging.getLogger(__name__)


class Overloaded(Exception):
    """Every analysis slot is busy and the wait queue is full."""


class DeadlineExceeded(Exception):
    """The analysis did not finish within ``analysis_timeout`` seconds."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"analysis deadline of {seconds:g} s passed")
        self.seconds = seconds


class AnalysisRunner:
    def __init__(
        self, max_concurrency: int, queue_size: int, metrics: Metrics, timeout: float = 30.0
    ) -> None:
        self.max_concurrency = max_concurrency
        self.capacity = max_concurrency + queue_size
        self.timeout = timeout
        self._metrics = metrics
        self._pending = 0  # requests waiting for or running an analysis
        self._abandoned = 0  # analyses still running for requests already answered 504
        self._lock = threading.Lock()  # _abandoned drops from worker threads
        self._executor: ThreadPoolExecutor | None = None

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def abandoned(self) -> int:
        return self._abandoned

    def _gauge(self) -> None:
        self._metrics.in_flight.set(self._pending + self._abandoned)

    async def run(self, fn: Callable[[], T], *, on_abandon: Callable[[], None] | None = None) -> T:
        """Run ``fn`` in a worker thread once a slot is free; raise Overloaded if none will be,
        DeadlineExceeded if it has not finished within the deadline."""
        # Check and increment with no await between them: the event loop makes this atomic.
        if self._pending + self._abandoned >= self.capacity:
            self._metrics.rejected.inc()
            raise Overloaded
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                self.max_concurrency, thread_name_prefix="redactphi-analysis"
            )
        self._pending += 1
        self._gauge()
        started = time.monotonic()
        future = self._executor.submit(fn)
        try:
            # asyncio's own timeout: a third of anyio.fail_after's cost, and uvicorn's loop is
            # always asyncio's (or uvloop, which is one).
            async with asyncio.timeout(self.timeout):
                return await _relay(future)
        except TimeoutError:
            self._metrics.timeouts.inc()
            if not future.cancel():  # already running: abandon it, keep its slot counted
                self._abandon(future, started, on_abandon)
            raise DeadlineExceeded(self.timeout) from None
        finally:
            self._pending -= 1
            self._gauge()

    def _abandon(
        self, future: Future[Any], started: float, on_abandon: Callable[[], None] | None
    ) -> None:
        with self._lock:
            self._abandoned += 1
        if on_abandon is not None:
            on_abandon()

        def finished(_: Future[Any]) -> None:
            with self._lock:
                self._abandoned -= 1
            self._gauge()
            logger.warning(
                "abandoned analysis ended %.1f s after it was queued", time.monotonic() - started
            )

        future.add_done_callback(finished)

    def shutdown(self) -> None:
        """Drop queued work; running threads end on their own (they are not daemons)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def _relay(future: Future[T]) -> T:
    """Await a thread's future without tying the two together: cancelling the waiter leaves
    the future alone, and an abandoned future's exception is never handed to asyncio (whose
    "never retrieved" warning would print the exception's text)."""
    loop = asyncio.get_running_loop()
    waiter: asyncio.Future[T] = loop.create_future()

    def settle(done: Future[T]) -> None:
        if waiter.done():
            return
        if done.cancelled():
            waiter.cancel()
        elif (exc := done.exception()) is not None:
            waiter.set_exception(exc)
        else:
            waiter.set_result(done.result())

    def relay(done: Future[T]) -> None:
        with contextlib.suppress(RuntimeError):  # a closed loop: nobody is waiting any more
            loop.call_soon_threadsafe(settle, done)

    future.add_done_callback(relay)
    return await waiter
