"""Patient folds of physionet-dev: five folds by patient, one of them frozen for validation.

A patient's notes never straddle two folds. Patients are ordered by a keyed hash of their id
(stable, independent of file order) and dealt round-robin, so each fold holds 16-17 patients.

Fold ``FROZEN_FOLD`` is the frozen validation fold: ``make eval`` scores it but never prints its
leaked text, rule work never reads its leaks, and the shipped tagger never trains on it. Folds
``DEVELOPMENT_FOLDS`` are for rule work and for the tagger's cross-validation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

N_FOLDS = 5
FROZEN_FOLD = 0
DEVELOPMENT_FOLDS = tuple(f for f in range(N_FOLDS) if f != FROZEN_FOLD)
_SALT = b"redactphi-folds-v1:"


def _rank_key(patient: str) -> str:
    return hashlib.sha256(_SALT + patient.encode("utf-8")).hexdigest()


def fold_map(patients: Iterable[str]) -> dict[str, int]:
    """Patient id -> fold number (0 .. N_FOLDS-1), identical for the same set of patients."""
    ordered = sorted(set(patients), key=_rank_key)
    return {p: i % N_FOLDS for i, p in enumerate(ordered)}


def split(docs: list[dict[str, Any]], folds: Iterable[int]) -> list[dict[str, Any]]:
    """The documents whose patient falls in ``folds``, in their original order."""
    wanted = set(folds)
    mapping = fold_map(d["patient"] for d in docs)
    return [d for d in docs if mapping[d["patient"]] in wanted]


__all__ = ["DEVELOPMENT_FOLDS", "FROZEN_FOLD", "N_FOLDS", "fold_map", "split"]
