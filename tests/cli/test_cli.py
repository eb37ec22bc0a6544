"""The real ``redactphi`` command in a subprocess, on temporary folders.

Expected outputs come from an in-process Redactor with the same (default) settings, so these
tests check the CLI's plumbing (what is read, written, skipped, reported) whatever the
recognizers currently detect.
"""

from __future__ import annotations

import csv
import io
import json
import re
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import pytest

from redactphi import Redactor

# Fixtures from tests/cli/conftest.py: run_cli / start_cli run the real command; op_note(i)
# builds a synthetic op note with its identifiers in .phi; digest(folder) hashes a tree.
RunCli = Callable[..., subprocess.CompletedProcess[str]]
StartCli = Callable[..., subprocess.Popen[bytes]]
OpNote = Callable[[int], Any]
Digest = Callable[[Path], dict[str, str]]


def redacted(redactor: Redactor, text: str, patient_key: str | None = None) -> str:
    return redactor.redact(text, patient_key=patient_key).text


def report_records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def visible_files(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


# -- one batch over a mixed tree ------------------------------------------------------------------


def build_mixed_tree(root: Path, op_note: OpNote) -> dict[str, Any]:
    """Good notes in nested folders, structured exports with bad rows, and bad files."""
    notes = {i: op_note(i) for i in range(8)}
    (root / "a" / "b").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / ".hidden").mkdir()
    (root / "a" / "note0.txt").write_text(notes[0].text, "utf-8")
    (root / "a" / "b" / "note1.md").write_text(notes[1].text, "utf-8")
    (root / "crlf.TXT").write_bytes(notes[2].text.replace("\n", "\r\n").encode())
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf" + notes[3].text.encode())
    (root / "latin.txt").write_bytes(("Caf\u00e9 visit.\n" + notes[4].text).encode("cp1252"))
    (root / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "huge.txt").write_text(notes[5].text * 6, "utf-8")
    (root / "ghost.txt").symlink_to(root / "missing-target.txt")
    (root / "skip.log").write_text(notes[6].text, "utf-8")
    (root / "drafts" / "draft.txt").write_text(notes[6].text, "utf-8")
    (root / ".hidden" / "secret.txt").write_text(notes[7].text, "utf-8")
    rows = [
        json.dumps({"id": 1, "mrn": "K-1001", "text": notes[0].text}),
        "{not json",
        "",
        json.dumps({"id": 3, "mrn": "K-1003", "text": 42}),
        json.dumps({"id": 4, "mrn": "K-1004", "text": notes[1].text, "site": "clinic"}),
    ]
    (root / "exports").mkdir()
    (root / "exports" / "rows.jsonl").write_text("\n".join(rows) + "\n", "utf-8")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["id", "mrn", "text"])
    writer.writerow(["1", "K-2001", notes[2].text])
    writer.writerow(["2"])
    writer.writerow(["3", "K-2003", "Seen, with commas; and\nnewlines, on 04/05/2022."])
    (root / "exports" / "rows.csv").write_text(buf.getvalue(), "utf-8", newline="")
    return {"notes": notes, "keys": ("K-1001", "K-1003", "K-1004", "K-2001", "K-2003")}


def test_mixed_tree_is_redacted_reported_and_never_touched(
    tmp_path: Path, run_cli: RunCli, redactor: Redactor, op_note: OpNote, digest: Digest
) -> None:
    src, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "logs" / "report.jsonl"
    tree = build_mixed_tree(src, op_note)
    notes = tree["notes"]
    before = digest(src)

    proc = run_cli(
        "redact", src, "--out", out, "--text-field", "text", "--patient-key-field", "mrn",
        "--max-chars", "3000", "--exclude", "drafts", "--report", report, "-j", "1",
        "--progress-interval", "0",
    )  # fmt: skip

    assert proc.returncode == 1, proc.stderr  # some files failed
    assert digest(src) == before  # inputs untouched
    assert visible_files(out) == {
        "a/note0.txt",
        "a/b/note1.md",
        "crlf.TXT",
        "bom.txt",
        "exports/rows.jsonl",
        "exports/rows.csv",
    }
    assert not list(out.rglob("*.redactphi-tmp"))
    assert (out / "a" / "note0.txt").read_text("utf-8") == redacted(redactor, notes[0].text)
    assert (out / "a" / "b" / "note1.md").read_text("utf-8") == redacted(redactor, notes[1].text)
    crlf = notes[2].text.replace("\n", "\r\n")
    assert (out / "crlf.TXT").read_bytes() == redacted(redactor, crlf).encode()
    bom = (out / "bom.txt").read_bytes()
    assert bom == b"\xef\xbb\xbf" + redacted(redactor, notes[3].text).encode()

    # JSONL: good rows back with only "text" redacted, the blank line kept, bad rows left out.
    lines = (out / "exports" / "rows.jsonl").read_text("utf-8").split("\n")
    assert lines[1] == "" and lines[-1] == "" and len(lines) == 4
    first, second = json.loads(lines[0]), json.loads(lines[2])
    assert first == {"id": 1, "mrn": "K-1001", "text": redacted(redactor, notes[0].text, "K-1001")}
    assert second["site"] == "clinic"
    assert second["text"] == redacted(redactor, notes[1].text, "K-1004")
    # CSV: header, good rows (one with commas and a newline), the short row left out.
    with open(out / "exports" / "rows.csv", encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["id", "mrn", "text"]
    assert [r[0] for r in table[1:]] == ["1", "3"]
    assert table[1][2] == redacted(redactor, notes[2].text, "K-2001")
    assert table[2][2] == redacted(redactor, "Seen, with commas; and\nnewlines, on 04/05/2022.")

    records = report_records(report)
    by_path = {Path(str(r["path"])).name: r for r in records if r["record"] == "file"}
    assert set(by_path) == {
        "note0.txt", "note1.md", "crlf.TXT", "bom.txt", "rows.jsonl", "rows.csv",
        "latin.txt", "scan.txt", "huge.txt", "ghost.txt",
    }  # fmt: skip
    status = {name: r["status"] for name, r in by_path.items()}
    assert status["note0.txt"] == status["bom.txt"] == "ok"
    assert status["rows.jsonl"] == status["rows.csv"] == "partial"
    assert "--encoding" in str(by_path["latin.txt"]["reason"])
    assert "binary" in str(by_path["scan.txt"]["reason"])
    assert "limit of 3000" in str(by_path["huge.txt"]["reason"])
    assert "cannot read" in str(by_path["ghost.txt"]["reason"])
    assert [b["row"] for b in by_path["rows.jsonl"]["bad_rows"]] == [2, 4]  # type: ignore[union-attr]
    assert [b["row"] for b in by_path["rows.csv"]["bad_rows"]] == [2]  # type: ignore[union-attr]
    assert by_path["note0.txt"]["notes"] == 1 and by_path["rows.jsonl"]["notes"] == 2
    assert by_path["note0.txt"]["chars"] == len(notes[0].text)
    assert by_path["note0.txt"]["counts"] == redactor.redact(notes[0].text).stats
    summary = records[-1]
    assert summary["record"] == "summary"
    assert (summary["ok"], summary["partial"], summary["failed"]) == (4, 2, 4)
    assert summary["exit_code"] == 1 and summary["interrupted"] is False

    # Neither the report nor the messages carry any identifier or patient key from the inputs.
    leaks = [v for n in notes.values() for v in n.phi] + list(tree["keys"])
    for text in (report.read_text("utf-8"), proc.stderr):
        assert not [v for v in leaks if v in text]
    assert "failed: " in proc.stderr and "latin.txt" in proc.stderr


# -- a run killed part-way, then resumed ----------------------------------------------------------


def _wait_for_outputs(out: Path, at_least: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if len([p for p in out.rglob("*.txt") if not p.name.startswith(".")]) >= at_least:
            return
        time.sleep(0.02)
    pytest.fail("the run ended (or stalled) before it could be interrupted")


def test_killed_run_resumes_with_every_output_complete_and_none_duplicated(
    tmp_path: Path, run_cli: RunCli, start_cli: StartCli, redactor: Redactor, op_note: OpNote
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    expected: dict[str, str] = {}
    for i in range(36):
        rel = f"p{i % 3}/{'deep/' if i % 2 else ''}note{i:03d}.txt"
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(op_note(i).text, "utf-8")
        expected[rel] = redacted(redactor, op_note(i).text)
    command = ("redact", src, "--out", out, "--quiet")

    def check_complete() -> set[str]:
        done = visible_files(out)
        assert done <= set(expected)
        for rel in done:
            assert (out / rel).read_text("utf-8") == expected[rel], rel
        return done

    # 1. SIGKILL: no chance to clean up. Workers must not outlive the CLI.
    proc = start_cli(*command, "-j", "2", "--report", tmp_path / "r1.jsonl")
    _wait_for_outputs(out, 3, proc)
    family = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    _, alive = psutil.wait_procs(family, timeout=30)
    assert not alive, "worker processes outlived the killed run"
    after_kill = check_complete()
    assert 3 <= len(after_kill) < len(expected)
    r1 = (tmp_path / "r1.jsonl").read_text("utf-8")
    assert '"record": "summary"' not in r1  # a killed run's report has no summary

    # 2. SIGTERM: a graceful stop that finishes running files and writes the summary.
    proc = start_cli(*command, "-j", "1", "--report", tmp_path / "r2.jsonl")
    _wait_for_outputs(out, len(after_kill) + 3, proc)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=120) == 128 + signal.SIGTERM
    assert not list(out.rglob("*.redactphi-tmp"))
    after_term = check_complete()
    assert after_kill < after_term < set(expected)
    r2 = report_records(tmp_path / "r2.jsonl")
    assert r2[-1]["record"] == "summary" and r2[-1]["interrupted"] is True
    assert r2[-1]["skipped"] == len(after_kill)
    assert r2[-1]["not_started"] == len(expected) - len(after_term)

    # 3. Resume, and SIGKILL one worker on the way (as the OOM killer would): its files are
    # retried, only the rest is redacted, and each file is reported exactly once.
    proc = start_cli(*command, "-j", "2", "--report", tmp_path / "r3.jsonl")
    _wait_for_outputs(out, len(after_term) + 2, proc)
    workers = [w for child in psutil.Process(proc.pid).children() for w in child.children()]
    assert workers, "no worker processes found"
    workers[0].kill()
    _, stderr = proc.communicate(timeout=240)
    assert proc.returncode == 0, stderr
    assert b"a worker process died" in stderr
    assert check_complete() == set(expected)
    assert not [p for p in out.rglob("*") if p.is_file() and p.name.startswith(".")
                and p.name not in (".redactphi.lock", ".redactphi-manifest.jsonl")]  # fmt: skip
    r3 = report_records(tmp_path / "r3.jsonl")
    files = [r for r in r3 if r["record"] == "file"]
    assert len(files) == len({r["path"] for r in files}) == len(expected)
    skipped = {Path(str(r["output"])).relative_to(out).as_posix() for r in files
               if r["status"] == "skipped"}  # fmt: skip
    assert skipped == after_term
    assert r3[-1]["ok"] == len(expected) - len(after_term) and r3[-1]["failed"] == 0
    assert r3[-1]["worker_restarts"] == 1


# -- stdin, analyze, usage --------------------------------------------------------------------


def test_stdin_to_stdout_with_encoding_and_policy(
    run_cli: RunCli, redactor: Redactor, op_note: OpNote
) -> None:
    text = "Caf\u00e9 consult.\n" + op_note(11).text
    proc = run_cli(
        "redact", "-", "--encoding", "latin-1", "--policy", "mask", stdin=text.encode("latin-1")
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == redactor.redact(text, policy="mask").text
    assert not [v for v in op_note(11).phi if v in proc.stderr]


def test_analyze_json_has_offsets_but_no_text(
    tmp_path: Path, run_cli: RunCli, redactor: Redactor, op_note: OpNote
) -> None:
    note = op_note(3)
    path = tmp_path / "note.txt"
    path.write_text(note.text, "utf-8")
    proc = run_cli("analyze", path, "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    want = [(f.start, f.end, str(f.entity_type)) for f in redactor.analyze(note.text)]
    assert [(f["start"], f["end"], f["entity_type"]) for f in doc["findings"]] == want
    assert doc["chars"] == len(note.text)
    assert not [v for v in note.phi if v in proc.stdout]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("out-inside-input", "inside the input folder"),
        ("input-inside-out", "inside --out"),
        ("structured-without-field", "--text-field"),
        ("existing-without-resume", "--force"),
        ("unknown-policy", "unknown policy"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(
    tmp_path: Path, run_cli: RunCli, op_note: OpNote, digest: Digest, case: str, message: str
) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(op_note(1).text, "utf-8")
    if case == "out-inside-input":
        args: tuple[str | Path, ...] = (src, "--out", src / "redacted")
    elif case == "input-inside-out":
        args = (src / "a.txt", "--out", src)
    elif case == "structured-without-field":
        (src / "rows.jsonl").write_text('{"text": "x"}\n', "utf-8")
        args = (src / "rows.jsonl", "--out", tmp_path / "out")
    elif case == "unknown-policy":
        args = (src, "--out", tmp_path / "out", "--policy", "no-such-preset")
    else:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "a.txt").write_text("earlier output", "utf-8")
        args = (src, "--out", tmp_path / "out", "--no-resume")
    before = digest(tmp_path)
    proc = run_cli("redact", *args)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert digest(tmp_path) == before
    assert not (src / "redacted").exists()


def test_version_and_help(run_cli: RunCli) -> None:
    from redactphi import __version__

    lines = run_cli("--version").stdout.splitlines()
    assert lines[0] == f"redactphi {__version__}"
    assert re.fullmatch(r"tagger \S+ \(training data [0-9a-f]{12}\)", lines[1]), lines
    helped = run_cli("--help")
    assert helped.returncode == 0
    assert "redact" in helped.stdout and "analyze" in helped.stdout
