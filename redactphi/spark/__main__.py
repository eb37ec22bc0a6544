"""Entry point for ``spark-submit``: ``spark-submit .../redactphi/spark/__main__.py IN OUT``.

Same options as ``redactphi spark``; run ``python -m redactphi.spark --help``.
"""

from __future__ import annotations

import sys

from redactphi.cli import app


def main() -> None:
    app(args=["spark", *sys.argv[1:]], prog_name="redactphi spark")


if __name__ == "__main__":
    main()
