"""The package root loads lazily: ``redactphi --version`` and ``--help`` import no NLP stack.

Each check runs in a fresh interpreter, since this test session has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import redactphi

HEAVY = ("spacy", "presidio_analyzer", "presidio_anonymizer", "redactphi.engine", "faker")

# Run the real console entry point, then report which of HEAVY got imported.
_PROBE = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
#PRELUDE
from redactphi.cli import main
sys.argv = ["redactphi", *args]
try:
    main()
except SystemExit:
    pass
print("\\nLOADED=" + json.dumps(sorted(m for m in heavy if m in sys.modules)))
"""


def _probe(*args: str, prelude: str = "") -> tuple[str, list[str]]:
    code = _PROBE.replace("#PRELUDE", prelude)
    proc = subprocess.run(
        [sys.executable, "-c", code, json.dumps(args), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    out, _, loaded = proc.stdout.rpartition("\nLOADED=")
    return out, json.loads(loaded)


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("redact", "--help")])
def test_cli_version_and_help_import_no_nlp_stack(args: tuple[str, ...]) -> None:
    out, loaded = _probe(*args)
    assert loaded == []
    if args == ("--version",):
        assert out.strip().splitlines()[0] == f"redactphi {redactphi.__version__}"
    else:
        assert "Usage" in out


def test_the_probe_sees_a_heavy_import() -> None:
    # the same probe must report a heavy module once one is imported: the check above can fail
    _, loaded = _probe("--version", prelude="import faker")
    assert loaded == ["faker"]


def test_public_names_resolve_lazily_and_stay_sorted() -> None:
    assert redactphi.__all__ == sorted(redactphi.__all__)
    for name in redactphi.__all__:
        assert getattr(redactphi, name) is not None
    assert set(redactphi.__all__) <= set(dir(redactphi))
    from redactphi import Redactor, load_policy
    from redactphi.engine import Redactor as EngineRedactor
    from redactphi.policies import load_policy as policies_load_policy

    assert Redactor is EngineRedactor and load_policy is policies_load_policy
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        redactphi.Nope  # noqa: B018
