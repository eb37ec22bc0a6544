"""The shipped PHI tagger: a linear-chain CRF (CRFsuite) over spaCy's tokens.

The model file sits beside a small JSON card (version, training-data hash, threshold, the
model file's SHA-256). Loading checks the hash before CRFsuite opens the file, so a corrupt or
swapped model is an error, never a silently weaker redactor.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactphi.errors import ModelLoadError
from redactphi.tagger.card import MODEL_FILE, data_dir, read_card
from redactphi.tagger.features import (
    KnownFeatures,
    Token,
    chunks,
    is_upper_note,
    sequence_features,
)

# Categories the tagger labels (BIO); CONTACT is mostly phones.
LABEL_TYPES = ("NAME", "DATE", "AGE", "ID", "CONTACT", "LOCATION")
# Below this no threshold is ever chosen; skipping the per-category marginals saves time.
MIN_PROBABILITY = 0.05


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """Character span, category and the mean PHI probability of its tokens."""

    start: int
    end: int
    category: str
    probability: float


class PhiTagger:
    """Loads the CRF once; ``tag`` is thread-safe (one CRFsuite tagger per thread)."""

    def __init__(self, directory: Path | None = None, threshold: float | None = None) -> None:
        directory = directory or data_dir()
        self.card = read_card(directory)
        self.path = directory / MODEL_FILE
        try:
            actual = file_sha256(self.path)
        except OSError as exc:
            raise ModelLoadError(
                f"tagger model {MODEL_FILE} cannot be read ({exc.__class__.__name__}); "
                "reinstall redactphi or run `make train`"
            ) from None
        if actual != self.card.get("model_sha256"):
            raise ModelLoadError(
                f"tagger model {MODEL_FILE} does not match its card (hash differs): the file is "
                "corrupt or was replaced; reinstall redactphi or run `make train`"
            )
        self.threshold = float(threshold if threshold is not None else self.card["threshold"])
        self.version = str(self.card.get("version", "?"))
        self._local = threading.local()
        tagger = self._open()  # fail at load time, not on the first note
        self.known = KnownFeatures(frozenset(tagger.info().attributes))

    def _open(self) -> Any:
        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(str(self.path))
            except Exception as exc:
                raise ModelLoadError(
                    f"tagger model {MODEL_FILE} failed to open ({exc.__class__.__name__})"
                ) from None
            self._local.tagger = tagger
            labels = set(tagger.labels())
            self._local.category_labels = [
                (cat, [f"{bio}-{cat}" for bio in "BI" if f"{bio}-{cat}" in labels])
                for cat in LABEL_TYPES
            ]
        return tagger

    def tag(self, text: str, tokens: Sequence[Token]) -> list[TaggedSpan]:
        """PHI spans over ``tokens`` (the non-space tokens of ``text``)."""
        # Spans read a token's category only at or above the threshold: no need for it below.
        floor = max(self.threshold, MIN_PROBABILITY)
        return spans_at(tokens, self.token_probs(text, tokens, floor), self.threshold)

    def token_probs(
        self, text: str, tokens: Sequence[Token], floor: float = MIN_PROBABILITY
    ) -> list[tuple[str, float]]:
        """Per token: the marginal probability of any PHI and, where it reaches ``floor``, the
        likeliest PHI category ("" below it)."""
        tagger = self._open()
        category_labels: list[tuple[str, list[str]]] = self._local.category_labels
        marginal = tagger.marginal
        upper = is_upper_note(text)
        probs: list[tuple[str, float]] = []
        for begin, end in chunks(tokens):
            tagger.set(sequence_features(tokens[begin:end], upper, self.known))
            for t in range(end - begin):
                phi = 1.0 - marginal("O", t)
                best, best_p = "", -1.0
                if phi >= floor:
                    for cat, labels in category_labels:
                        p = 0.0
                        for label in labels:
                            p += marginal(label, t)
                        if p > best_p:
                            best, best_p = cat, p
                probs.append((best, phi))
        return probs


def spans_at(
    tokens: Sequence[Token], probs: Sequence[tuple[str, float]], threshold: float
) -> list[TaggedSpan]:
    return list(_spans(tokens, probs, max(threshold, MIN_PROBABILITY)))


def _spans(
    tokens: Sequence[Token], probs: Sequence[tuple[str, float]], threshold: float
) -> Iterable[TaggedSpan]:
    """Runs of tokens whose PHI probability reaches ``threshold``, one category per run."""
    run: list[int] = []

    def close() -> Iterable[TaggedSpan]:
        # Punctuation at the edges of a run is not PHI.
        while run and not any(c.isalnum() for c in tokens[run[-1]].text):
            run.pop()
        while run and not any(c.isalnum() for c in tokens[run[0]].text):
            run.pop(0)
        if run:
            mean = sum(probs[i][1] for i in run) / len(run)
            yield TaggedSpan(tokens[run[0]].start, tokens[run[-1]].end, probs[run[0]][0], mean)
        run.clear()

    for i, (cat, p) in enumerate(probs):
        if p >= threshold and (not run or (probs[run[0]][0] == cat and not tokens[i].line_start)):
            run.append(i)
            continue
        yield from close()
        if p >= threshold:
            run.append(i)
    yield from close()
