"""redactphi's measuring stick: generated op-note corpus, scorer, ``make eval``, ``make bench``.

Not part of the installed package; run from the repository root (``python -m benchmarks.eval``).
"""
