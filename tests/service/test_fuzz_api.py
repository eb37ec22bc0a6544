"""Schemathesis against the service's own OpenAPI document: no server errors, and responses,
status codes, content types and auth as documented.

Slow, so it runs only when asked for: ``pytest -m fuzz tests/service`` (``make fuzz-api``).
``REDACTPHI_FUZZ_EXAMPLES`` sets the examples per operation (default 100).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.fuzz
EXAMPLES = os.environ.get("REDACTPHI_FUZZ_EXAMPLES", "100")


def test_schemathesis_finds_no_server_errors(
    auth_server: Any, api_keys: tuple[str, ...], tmp_path: Path
) -> None:
    pytest.importorskip("schemathesis", reason="pip install 'schemathesis>=4.32,<5'")
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{auth_server.url}/openapi.json",
        "--checks=all",
        # A schema-valid inline policy can still break the policy's cross-field rules (a role
        # operator on dates, say) and is rightly refused with 422.
        "--exclude-checks=positive_data_acceptance",
        f"--header=Authorization: Bearer {api_keys[0]}",
        f"--max-examples={EXAMPLES}",
        "--seed=20251123",
        "--request-timeout=60",
        "--workers=2",
        "--report=junit",
        f"--report-dir={tmp_path}",
    ]
    proc = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, timeout=1800, check=False
    )
    print(proc.stdout[-4000:])
    assert proc.returncode == 0, proc.stdout[-12000:] + proc.stderr[-4000:]
