"""The learned layer: a CRF PHI tagger shipped inside the package (``data/``).

Importing this package is cheap: the model card is JSON and CRFsuite loads only when a
:class:`~redactphi.tagger.model.PhiTagger` is built.
"""

from __future__ import annotations

from redactphi.errors import ModelLoadError


def version_line() -> str:
    """``tagger <version> (training data <hash>)`` from the model card; loads no model."""
    from redactphi.tagger.card import read_card

    try:
        card = read_card()
    except ModelLoadError:
        return "tagger: model card missing"
    data = str(card.get("training_data_sha256", "?"))[:12]
    return f"tagger {card.get('version', '?')} (training data {data})"


__all__ = ["version_line"]
