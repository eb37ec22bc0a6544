"""The tagger's model card: where the model lives and what it says of itself (cheap to import:
``redactphi --version`` reads it without loading the NLP stack)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from redactphi.errors import ModelLoadError

MODEL_FILE = "phi-crf.crfsuite"
CARD_FILE = "phi-crf.json"


def data_dir() -> Path:
    return Path(str(resources.files("redactphi.tagger") / "data"))


def read_card(directory: Path | None = None) -> dict[str, Any]:
    """The model card (small JSON): cheap, no model is loaded."""
    path = (directory or data_dir()) / CARD_FILE
    try:
        card = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelLoadError(
            f"tagger model card {path.name} is missing or unreadable ({exc.__class__.__name__}); "
            "reinstall redactphi or run `make train`"
        ) from None
    if not isinstance(card, dict):
        raise ModelLoadError(f"tagger model card {path.name} is not a JSON object")
    return card
