"""Bounded memory for a long-running service: spaCy memory zones around analyses.

spaCy keeps every string and lexeme it has ever seen in the shared vocabulary, so a service fed
names, ids and words it has never seen grows without end (about 70 KiB a note of such text).
Inside ``nlp.memory_zone()`` new strings and lexemes are transient and are freed when the zone
ends. A zone is global to the vocabulary, not per thread, so zones are shared: the first
analysis opens one and it stays open across analyses, so that a word recurring from note to
note is learnt once per zone, not once per request. Every ``renew_after`` analyses the zone is
renewed: new analyses wait (at most ``max_wait`` seconds, then join the old zone) until the
running ones finish, the zone closes, and a fresh one opens. So at most ``renew_after``
analyses' worth of new words is held at any time. While learning, the first zones are shorter
(32, 64, 128 analyses) so that what notes repeat is learnt early: when a zone ends, the chunks
that recurred in its notes and that no finding touched become permanent (``recurring.py``).

One gate per spaCy pipeline, however many apps share it (tests run several over one model).
Nothing created inside a zone outlives an analysis: findings and results are plain Python.
Every analysis of a served Redactor must go through ``bounded`` (the runner, the batch route and
the readiness self-test do): one running beside an open zone could see it closed under it.

The price of a zone is that nothing learnt inside it stays. With a zone per request, each
request looked up every word of its note afresh (lexeme, tokenizer cache): an analysis cost
11% more than in a process that keeps every word (3.2 KB op notes, each seen once by both).
``warm_vocabulary`` makes the commonest English words permanent once, at start-up (a public word
list, never request text): +5%. Keeping the zone across requests: +2%. Nothing is added to the
tokenizer's cache inside a zone, so the warm-up is what the service reads from it: every warmed
word and common blank run fits (``Settings.tokenizer_cache``), and no warm-up text holds a
special case before other words, after which spaCy would cache nothing (``make_permanent``).
What the warm-up misses and the notes repeat ("procedure," "(CPT") is learnt zone by zone: the
benchmark's 3 KB op notes took 2.2-2.6 ms to tokenize inside a zone, 0.76 ms once learnt.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from redactphi.service.recurring import RecurringChunks

T = TypeVar("T")
logger = logging.getLogger(__name__)


class MemoryZones:
    def __init__(
        self, nlp: Any, renew_after: int = 256, max_wait: float = 2.0, first_zone: int = 32
    ) -> None:
        self._nlp = nlp
        self.renew_after = renew_after
        self.first_zone = first_zone
        self.max_wait = max_wait
        self._cond = threading.Condition()
        self._zone: contextlib.AbstractContextManager[Any] | None = None
        self._active = 0
        self._used = 0  # analyses in the current zone
        self._draining = False
        self.zones_closed = 0
        self.recurring: RecurringChunks | None = None
        self._permanent: set[int] = set()  # hashes of the chunks made permanent here

    @property
    def zone_length(self) -> int:
        """Analyses the current zone lasts: while learning (``learn_recurring``) the first zones
        are short, so that what recurs is learnt early, then each twice the last up to
        ``renew_after``."""
        if self.recurring is None:
            return self.renew_after
        return min(self.renew_after, self.first_zone << min(self.zones_closed, 16))

    def run(self, fn: Callable[[], T]) -> T:
        with self._use():
            return fn()

    def learn_recurring(self, budget: int) -> None:
        """From now on, learn up to ``budget`` recurring chunks (``recurring.py``); 0: never.
        The tokenizer's cache grows to hold them beside what is already permanent."""
        with self._cond:
            if budget <= 0:
                self.recurring = None
                return
            self.recurring = RecurringChunks(budget)
            tokenizer = self._nlp.tokenizer
            tokenizer.max_cache_size = max(tokenizer.max_cache_size, len(self._permanent) + budget)

    def observe(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        """Report an analysed note and its findings' spans (call inside ``run``)."""
        recurring = self.recurring
        if recurring is not None:
            recurring.observe(text, spans)

    def make_permanent(self, words: Iterable[str]) -> bool:
        """Tokenize ``words`` outside any zone, so their lexemes and tokenizer cache entries
        stay. An idle zone is closed first; False, doing nothing, while an analysis runs (the
        words would go with its zone). Analyses that start meanwhile wait for the words."""
        with self._cond:
            if self._active:
                return False
            self._close()
            self._tokenize(words)
            return True

    def _tokenize(self, words: Iterable[str], chunk: int = 2000) -> None:
        """Tokenize ``words`` (call with ``_cond`` held and no zone open).

        Plain words go in batches; a word that is or may hold a special case ("don't", "Dr.")
        goes alone, since spaCy caches nothing after a special case in the same text."""
        tokenizer = self._nlp.tokenizer
        rules = tokenizer.rules
        batch: list[str] = []
        for word in words:
            self._permanent.add(hash(word))
            if not word.isalpha() or word in rules:
                tokenizer(word)
                continue
            batch.append(word)
            if len(batch) >= chunk:
                tokenizer(" ".join(batch))
                batch.clear()
        if batch:
            tokenizer(" ".join(batch))

    @contextlib.contextmanager
    def _use(self) -> Iterator[None]:
        with self._cond:
            if self._draining and not self._cond.wait_for(
                lambda: not self._draining, self.max_wait
            ):
                # A long analysis holds the zone: join it rather than stall; renew later.
                self._draining = False
                self._used = 0
            if self._zone is None:
                self._zone = self._nlp.memory_zone()
                self._zone.__enter__()
            self._active += 1
            self._used += 1
            if self._used >= self.zone_length:
                self._draining = True
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                if self._active == 0 and self._draining:
                    self._close()

    def _close(self) -> None:
        """End the zone, freeing what it learnt (call with ``_cond`` held, no analysis running)."""
        zone, self._zone = self._zone, None
        self._used, self._draining = 0, False
        if zone is None:
            return
        try:
            zone.__exit__(None, None, None)
        except Exception as exc:  # never fail a finished analysis over clean-up
            logger.error("closing a spaCy memory zone failed [%s]", type(exc).__name__)
        else:
            self._learn()
        self.zones_closed += 1
        self._cond.notify_all()

    def _learn(self) -> None:
        """Make the closed zone's recurring chunks permanent (call from ``_close``)."""
        if self.recurring is None:
            return
        try:
            self._tokenize(self.recurring.take(self._permanent))
        except Exception as exc:  # the analyses are done; only the speed-up is lost
            logger.error("learning recurring chunks failed [%s]", type(exc).__name__)


_GATES: weakref.WeakKeyDictionary[Any, MemoryZones] = weakref.WeakKeyDictionary()
_GATES_LOCK = threading.Lock()


def zones_for(redactor: Any) -> MemoryZones | None:
    """The gate of the Redactor's spaCy pipeline; None when it has none to offer."""
    engine = getattr(redactor, "_nlp_engine", None)
    models = getattr(engine, "nlp", None)
    nlp = models.get("en") if isinstance(models, dict) else None
    if nlp is None or not hasattr(nlp, "memory_zone"):
        return None
    with _GATES_LOCK:
        gate = _GATES.get(nlp)
        if gate is None:
            gate = _GATES[nlp] = MemoryZones(nlp)
        return gate


def bounded(redactor: Any, fn: Callable[[], T]) -> T:
    """Run ``fn`` (an analysis with ``redactor``) inside the shared memory zone."""
    gate = zones_for(redactor)
    return gate.run(fn) if gate is not None else fn()


def observe(redactor: Any, text: str, findings: Iterable[Any]) -> None:
    """Report a note analysed inside ``bounded`` and its findings, so that what recurs from note
    to note is learnt (``MemoryZones.learn_recurring``)."""
    gate = zones_for(redactor)
    if gate is not None:
        gate.observe(text, ((f.start, f.end) for f in findings))


# About 90 000 lexemes in three casings: +15 MiB and 2-4 s of CPU at start-up per worker, for an
# analysis about 6% cheaper (3.2 KB op notes: +9% over the library without it, +3% with it).
WARM_WORDS = 30_000


def common_words(count: int = WARM_WORDS) -> Iterator[str]:
    """The ``count`` commonest English words (wordfreq's list) and the clinical and function
    words the recognizers know, each lower-case, capitalised and upper-case."""
    from wordfreq import top_n_list

    from redactphi.recognizers import lexicons

    seen: set[str] = set()
    for word in (*top_n_list("en", count), *lexicons.clinical_terms(), *lexicons.function_words()):
        for form in (word, word.title(), word.upper()):
            if form not in seen:
                seen.add(form)
                yield form


def blank_runs(longest: int = 4) -> Iterator[str]:
    """Runs of blanks as spaCy reads them between words (a line break, an empty line, an indent,
    a tab): every sequence of up to ``longest`` pieces, and runs of up to 16 spaces."""
    pieces = ("\n", "\r\n", " ", "  ", "\t")
    seen: set[str] = set()
    for n in range(1, longest + 1):
        for run in itertools.product(pieces, repeat=n):
            text = "".join(run)
            if text not in seen:
                seen.add(text)
                yield text
    for n in range(1, 17):
        if " " * n not in seen:
            yield " " * n


def warm_vocabulary(redactor: Any, count: int = WARM_WORDS, recurring: int = 0) -> bool:
    """Make the commonest words and blank runs permanent in the Redactor's spaCy vocabulary and
    tokenizer cache (see the module docstring), then learn up to ``recurring`` chunks that recur
    in the notes (``recurring.py``). Run it at start-up, before requests arrive; False when it
    could not."""
    gate = zones_for(redactor)
    if gate is None:
        return True  # no zones: the vocabulary keeps every word it meets anyway
    if not gate.make_permanent(itertools.chain(common_words(count), blank_runs())):
        return False
    gate.learn_recurring(recurring)
    return True
