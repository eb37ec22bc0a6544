"""One line of vocabulary data changes detection and policy alike.

Module constants are built from the data at import, so the changed data is read by a fresh
interpreter pointed at a copy of the data files with one line added to each.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from redactphi.vocabulary._data import DATA

OUTCOMES = r"""
def outcomes(cases):
    from redactphi.models import Finding
    from redactphi.policies.roles import infer_role
    from redactphi.recognizers._casing import line_styles
    from redactphi.recognizers.names import credentials, titles
    from redactphi.recognizers.names._context import Context
    from redactphi.recognizers.names._words import WordTests

    out = []
    for text, start, end in cases:
        ctx = Context(text, line_styles(text), WordTests())
        hits = [[h.start, h.end] for rule in (credentials, titles) for h in rule.find(ctx)]
        role, _ = infer_role(text, Finding(start, end, "NAME", 0.6))
        out.append([[start, end] in hits, role])
    return out
"""
PROBE = (
    "import json, sys\nfrom pathlib import Path\nimport redactphi.vocabulary._data as data\n"
    "data.DATA = Path(sys.argv[2])\n"
    + OUTCOMES
    + "print(json.dumps(outcomes(json.loads(sys.argv[1]))))"
)

# (file, section, line added, text, name span, role the line gives)
CASES = [
    ("credentials.toml", "[credential]", '"LMFT" = { role = true }', "Seen by Quist, LMFT today.",
     (8, 13), "PROVIDER"),
    ("titles.toml", "[title]", "mme = { courtesy = true }", "Seen by Mme Quist today.",
     (12, 17), "PATIENT"),
]  # fmt: skip


def _cases() -> list[list[object]]:
    return [[text, *span] for *_, text, span, _ in CASES]


def _in_this_process() -> list[list[object]]:
    scope: dict[str, Any] = {}
    exec(OUTCOMES, scope)
    result: list[list[object]] = scope["outcomes"](_cases())
    return result


def _in_fresh_process(data_dir: Path) -> list[list[object]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(_cases()), str(data_dir)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    result: list[list[object]] = json.loads(out.stdout)
    return result


def test_a_line_of_data_changes_detection_and_policy(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(str(DATA), copy)
    for name, section, line, *_ in CASES:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"{section}\n", f"{section}\n{line}\n", 1), encoding="utf-8")
    assert _in_this_process() == [[False, None] for _ in CASES]
    assert _in_fresh_process(copy) == [[True, role] for *_, role in CASES]
