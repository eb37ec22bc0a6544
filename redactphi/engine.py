"""The Redactor: one NLP pipeline, one recognizer registry and one anonymizer, built once."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redactphi.config import Settings
from redactphi.errors import AnalysisError, InputTooLargeError, RedactPhiError
from redactphi.models import ALL_ENTITIES, Finding, RedactionResult
from redactphi.nlp import ClinicalNlpEngine
from redactphi.normalize import Normalized, normalize, redact_mapped
from redactphi.postprocess import PostProcessor
from redactphi.recognizers import BatchReader, build_registry

if TYPE_CHECKING:
    from redactphi.policies import Policy, PreparedPolicy
    from redactphi.policies.prepared import PolicyLike

logger = logging.getLogger(__name__)


class Redactor:
    """Finds and replaces PHI in clinical text.

    Build one per process and share it: construction loads the spaCy model once; ``analyze`` and
    ``redact`` keep no per-call state and are safe to call from several threads.
    """

    def __init__(
        self, settings: Settings | None = None, *, policy: PolicyLike = None, **overrides: Any
    ) -> None:
        self.settings = settings or Settings(**overrides)
        if settings is not None and overrides:
            self.settings = settings.model_copy(update=overrides)
        # The default policy (and its key) is checked before the model loads: fail fast.
        self._default_policy_source = policy
        self._default_policy: Policy | None = None
        self._default_policy = self._policy_for(None).policy
        self._nlp_engine = ClinicalNlpEngine(
            self.settings.model_name, self.settings.tokenizer_cache
        )
        self._nlp_engine.load()
        self._registry = build_registry(self.settings, self._nlp_engine.get_nlp("en"))
        if self.settings.tagger:
            # The learned layer; a missing or corrupt model raises ModelLoadError (fail closed).
            from redactphi.recognizers.tagger import ClinicalTaggerRecognizer

            self._registry.add_recognizer(ClinicalTaggerRecognizer())
        self._analyzer = _ClinicalAnalyzerEngine(
            registry=self._registry,
            nlp_engine=self._nlp_engine,
            supported_languages=["en"],
            default_score_threshold=0.0,
        )
        self._post = PostProcessor(self.settings)
        self._name_words = _name_words(self._registry)
        # Recognizers that read a whole batch ahead (the names' NER: one model call a batch).
        self._batch_readers = [r for r in self._registry.recognizers if isinstance(r, BatchReader)]

    # -- analysis ---------------------------------------------------------------------------

    def analyze(self, text: str) -> list[Finding]:
        """PHI findings in ``text``, sorted by offset and never overlapping."""
        self._check(text)
        # Analysis reads a normalised copy; findings are mapped back onto ``text`` (normalize.py).
        norm = self._guarded(lambda: normalize(text))
        self._check(norm.text)  # ligatures expand: the analysed copy keeps to the same limit
        if not norm.text.strip():
            return []
        clean = norm.text
        return norm.findings(
            self._guarded(lambda: self._analyze(clean, self._nlp_engine.process_text(clean, "en")))
        )

    def analyze_many(
        self,
        texts: Iterable[str],
        batch_size: int | None = None,
        *,
        patient_keys: Iterable[str | None] | None = None,
    ) -> Iterator[list[Finding]]:
        """Findings for each text, batched through spaCy's ``nlp.pipe``.

        With ``patient_keys`` (one per text; None for a note of no known patient), the notes of
        one patient share their findings: a name or identifier found in one is redacted in all
        (see :mod:`redactphi.memory`). The whole input is read before the first result then.
        """
        if patient_keys is not None:
            yield from self._analyze_patients(list(texts), list(patient_keys), batch_size)
            return
        size = batch_size or self.settings.batch_size
        batch: list[Normalized] = []
        for text in texts:
            self._check(text)
            batch.append(self._guarded(lambda text=text: normalize(text)))
            self._check(batch[-1].text)
            if len(batch) >= size:
                yield from self._analyze_batch(batch, size)
                batch = []
        if batch:
            yield from self._analyze_batch(batch, size)

    def _analyze_patients(
        self, texts: list[str], keys: list[str | None], batch_size: int | None
    ) -> Iterator[list[Finding]]:
        from redactphi.memory import PatientMemory

        if len(keys) != len(texts):
            raise ValueError("patient_keys must give one key per text")
        found = list(self.analyze_many(texts, batch_size))
        memories: dict[str, PatientMemory] = {}
        for text, key, findings in zip(texts, keys, found, strict=True):
            if key is not None:
                memories.setdefault(key, PatientMemory(self._name_words)).learn(text, findings)
        for text, key, findings in zip(texts, keys, found, strict=True):
            memory = memories.get(key) if key is not None else None
            if memory is None:
                yield findings
                continue
            extra = self._guarded(lambda m=memory, t=text, f=findings: m.recall(t, f))
            yield self._post.finish(text, findings + extra)

    def _analyze_batch(self, norms: list[Normalized], batch_size: int) -> Iterator[list[Finding]]:
        texts = [norm.text for norm in norms]

        def run() -> list[list[Finding]]:
            live = [text for text in texts if text.strip()]
            for recognizer in self._batch_readers:
                recognizer.prepare(live)
            artifacts = self._nlp_engine.process_batch(texts, "en", batch_size=batch_size)
            return [
                norm.findings(self._analyze(norm.text, arts)) if norm.text.strip() else []
                for norm, arts in zip(norms, (item[1] for item in artifacts), strict=True)
            ]

        yield from self._guarded(run)

    def _analyze(self, text: str, artifacts: NlpArtifacts) -> list[Finding]:
        results: list[RecognizerResult] = self._analyzer.analyze(
            text, language="en", entities=list(ALL_ENTITIES), nlp_artifacts=artifacts
        )
        return self._post.process(text, results, artifacts)

    # -- redaction --------------------------------------------------------------------------

    def redact(
        self,
        text: str,
        policy: PolicyLike = None,
        *,
        patient_key: str | None = None,
        include_original: bool = False,
    ) -> RedactionResult:
        """Replace every finding according to ``policy``.

        ``policy`` is a preset name, a TOML/YAML file, a mapping, a :class:`Policy`, or None for
        the Redactor's default (``safe-harbor``: typed tags such as ``[NAME]``). ``patient_key``
        ties surrogates, hashes and the date shift to one patient across notes (default: the
        first MRN in the note). The original text is in the replacements only when
        ``include_original`` is true.
        """
        prepared = self._policy_for(policy)
        findings = self.analyze(text)
        return self._apply(text, findings, prepared, patient_key, include_original)

    def redact_many(
        self,
        texts: Iterable[str],
        policy: PolicyLike = None,
        *,
        batch_size: int | None = None,
        patient_key: str | None = None,
        patient_keys: Iterable[str | None] | None = None,
        include_original: bool = False,
    ) -> Iterator[RedactionResult]:
        """Redact each text, batching the NLP pass.

        ``patient_key`` applies to every text. ``patient_keys`` gives one key per text: each
        note's surrogates and date shift follow its own key, and the notes of one patient share
        patient memory (see :meth:`analyze_many`).
        """
        prepared = self._policy_for(policy)
        if patient_keys is not None:
            all_texts, keys = list(texts), list(patient_keys)
            found = self.analyze_many(all_texts, batch_size=batch_size, patient_keys=keys)
            for text, key, findings in zip(all_texts, keys, found, strict=True):
                yield self._apply(text, findings, prepared, key or patient_key, include_original)
            return
        pending: list[str] = []

        def tee() -> Iterator[str]:
            for text in texts:
                pending.append(text)
                yield text

        for findings in self.analyze_many(tee(), batch_size=batch_size):
            yield self._apply(pending.pop(0), findings, prepared, patient_key, include_original)

    def reidentify(self, text: str, key: str | None = None) -> str:
        """Restore the ``[[PHI:TYPE:...]]`` tokens written by the ``encrypt`` operator.

        ``key`` defaults to the configured key (``REDACTPHI_KEY`` or the key file). A token that
        the key cannot open raises :class:`ConfigurationError`; other text is left as it is.
        """
        from redactphi.policies import reidentify
        from redactphi.policies.keys import require_key

        self._check(text)
        material = require_key(self.settings, key, "reidentify")
        return str(self._guarded(lambda: reidentify(text, material)))

    def _policy_for(self, policy: PolicyLike) -> PreparedPolicy:
        """Resolve a policy and load its key, once, before any analysis runs (fail early)."""
        from redactphi.policies import prepare_policy

        if policy is None:
            policy = self._default_policy
            if policy is None:  # during __init__
                policy = self._default_policy_source
        return prepare_policy(policy, self.settings)

    def _apply(
        self,
        text: str,
        findings: list[Finding],
        policy: PreparedPolicy,
        patient_key: str | None,
        include_original: bool,
    ) -> RedactionResult:
        from redactphi.policies import apply_policy
        from redactphi.policies.model import EncryptOperator, KeepOperator

        def apply(note: str, found: list[Finding]) -> RedactionResult:
            return apply_policy(
                note,
                found,
                policy,
                patient_key=patient_key,
                include_original=include_original,
            )

        def needs_original(entity_type: str) -> bool:
            return isinstance(
                policy.policy.operator_for(entity_type), EncryptOperator | KeepOperator
            )

        # The policy reads the plain form; its output is written over the original text.
        return self._guarded(
            lambda: redact_mapped(
                normalize(text), text, findings, apply, needs_original, include_original
            )
        )

    # -- helpers ----------------------------------------------------------------------------

    def _check(self, text: object) -> None:
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if len(text) > self.settings.max_chars:
            raise InputTooLargeError(len(text), self.settings.max_chars)

    @staticmethod
    def _guarded(fn: Any) -> Any:
        # Fail closed: a crash inside analysis becomes an AnalysisError whose message carries
        # only the exception class, never the note text that might be in its arguments.
        try:
            return fn()
        except RedactPhiError:
            raise
        except Exception as exc:
            logger.error("analysis failed: %s", exc.__class__.__name__)
            raise AnalysisError(f"analysis failed ({exc.__class__.__name__})") from None


def _name_words(registry: Any) -> Any:
    """The word tests of the registry's name recognizer (patient memory asks the same)."""
    from redactphi.recognizers.names import NameRecognizer
    from redactphi.recognizers.names._words import WordTests

    for recognizer in registry.recognizers:
        if isinstance(recognizer, NameRecognizer):
            return recognizer.words
    return WordTests()


class _ClinicalAnalyzerEngine(AnalyzerEngine):
    """Presidio's analyzer without the context step: context words are part of each
    recognizer's own patterns, no recognizer enhances its own results, and the per-recognizer
    pass over every result (and the lemma enhancer's deep copies) grew with both counts."""

    def _enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[Any],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        return raw_results
