"""redactphi's measuring stick: a generated op-note corpus, a scorer, ``make eval`` and ``make bench``.

Not part of the installed package; run from the repository root (``python -m benchmarks.eval``).
"""
