"""Fixtures for the CLI tests: the real ``redactphi`` command in a subprocess, and synthetic op
notes whose identifiers are known, so reports and messages can be checked for leaks."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

FIRST = ("Margaret", "Ahmed", "Lucia", "Tobias", "Priya", "Desmond", "Ingrid", "Kwame")
LAST = ("Whitfield", "Okonkwo", "Castellano", "Lindqvist", "Ramanathan", "Fairbanks")
SURGEONS = ("Eleanor Vasquez", "Henry Albrecht", "Naomi Sutherland")

PROCEDURES = (
    (
        "0489T",
        "Autologous adipose-derived regenerative cell therapy for scleroderma of the hands. "
        "Lipoaspirate was harvested from the left flank under tumescent anesthesia with "
        "lidocaine 0.5% and epinephrine 1:200,000, processed, and injected into each digit of "
        "the right hand, 0.5 mL per site. ICD-10 M34.0.",
    ),
    (
        "0748T",
        "Injection of adipose-derived stem cells into a Crohn's perianal fistula. Examination "
        "under anesthesia, curettage of the tract, closure of the internal opening with 2-0 "
        "Vicryl, and injection of 120 million cells around the tract. ICD-10 K50.913.",
    ),
    (
        "0263T",
        "Intramuscular autologous bone marrow cell therapy for critical limb ischemia of the "
        "left leg. Bone marrow was aspirated from the posterior iliac crest, concentrated, and "
        "injected at 40 sites of the gastrocnemius, 0.75 mL each. ICD-10 I70.222.",
    ),
)


@dataclass(frozen=True)
class Note:
    text: str
    phi: tuple[str, ...]  # identifiers written into the note, to search the report for


def op_note(i: int) -> Note:
    """A deterministic operative note with a patient name, MRN, dates, phone and surgeon."""
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 5) % len(LAST)]}"
    surgeon = SURGEONS[i % len(SURGEONS)]
    mrn = f"{4_410_000 + i * 37}"
    dob = f"{1 + i % 12:02d}/{1 + i % 27:02d}/19{40 + i % 50}"
    dos = f"{1 + (i * 5) % 12:02d}/{1 + (i * 3) % 27:02d}/2023"
    phone = f"(617) 555-{1000 + i:04d}"
    code, body = PROCEDURES[i % len(PROCEDURES)]
    text = (
        f"OPERATIVE REPORT\n"
        f"Patient: {name}\nMRN: {mrn}\nDOB: {dob}\nDate of surgery: {dos}\n"
        f"Surgeon: Dr. {surgeon}, MD\n\n"
        f"PROCEDURE: CPT {code}. {body}\n\n"
        f"The patient tolerated the procedure well. Estimated blood loss 15 mL. "
        f"Follow-up with Dr. {surgeon.split()[1]} in two weeks; call {phone} with questions.\n"
    )
    return Note(text, (name, mrn, dob, dos, phone, surgeon))


def digest(folder: Path) -> dict[str, str]:
    """Content hash of every file under ``folder`` (symlinks by target name)."""
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "->" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "redactphi.cli", *args]


def cli_env() -> dict[str, str]:
    # The tests' outputs are compared with an in-process Redactor built with default settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTPHI_")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(name="op_note")
def op_note_fixture() -> Callable[[int], Note]:
    return op_note


@pytest.fixture(name="digest")
def digest_fixture() -> Callable[[Path], dict[str, str]]:
    return digest


@pytest.fixture
def start_cli() -> Callable[..., subprocess.Popen[bytes]]:
    """Start the CLI without waiting (stdout discarded, stderr piped)."""

    def start(*args: str | Path) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            cli_command(*map(str, args)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=cli_env(),
        )

    return start


@pytest.fixture
def run_cli() -> RunCli:
    def run(
        *args: str | Path,
        stdin: bytes | None = None,
        cwd: Path | None = None,
        timeout: float = 300,
        prefix: list[str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [*(prefix or []), *cli_command(*map(str, args))],
            input=stdin,
            capture_output=True,
            cwd=cwd,
            env=cli_env(),
            timeout=timeout,
            check=False,
        )
        return subprocess.CompletedProcess(
            proc.args,
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    return run
