"""One bad path never aborts a batch: symlink loops and unreadable entries fail alone, a
read-only --out is a usage error, and an input edited after its output was written is redone
on resume."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from redactphi import Redactor
from redactphi.batch.discover import plan_jobs

RunCli = Callable[..., subprocess.CompletedProcess[str]]
OpNote = Callable[[int], Any]


def records(path: Path) -> dict[str, dict[str, Any]]:
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return {Path(str(r["path"])).name: r for r in lines if r["record"] == "file"}


def test_planning_survives_symlink_loops(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("x", "utf-8")
    (src / "a.txt").symlink_to(src / "b.txt")
    (src / "b.txt").symlink_to(src / "a.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    jobs = plan_jobs([src, tmp_path / "self.txt"], tmp_path / "out", ["*.txt"])
    assert sorted(j.source.name for j in jobs) == ["a.txt", "b.txt", "good.txt", "self.txt"]


def test_a_read_only_out_is_a_usage_error(tmp_path: Path, run_cli: RunCli, op_note: OpNote) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    out.mkdir()
    (src / "a.txt").write_text(op_note(1).text, "utf-8")
    out.chmod(0o555)
    args: list[str | Path] = ["redact", src, "--out", out]
    try:
        if os.geteuid() == 0:
            # Root writes anywhere: run the command as root without the capabilities that
            # override file modes, so the folder's mode holds as for its owner. (Another user
            # could not read a checkout in a private folder.)
            setpriv = shutil.which("setpriv")
            assert setpriv is not None, "running as root needs setpriv (util-linux)"
            bounding = "--bounding-set=-dac_override,-dac_read_search"
            proc = run_cli(*args, prefix=[setpriv, bounding, "--"])
        else:
            proc = run_cli(*args)
    finally:
        out.chmod(0o755)
    assert proc.returncode == 2, proc.stderr
    assert "cannot write to --out" in proc.stderr and "internal error" not in proc.stderr
    assert list(out.iterdir()) == []


def test_bad_paths_fail_alone_and_an_edited_input_is_redone_on_resume(
    tmp_path: Path, run_cli: RunCli, redactor: Redactor, op_note: OpNote
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    first, second, edit = op_note(4), op_note(5), op_note(6)
    (src / "kept.txt").write_text(first.text, "utf-8")
    (src / "edited.txt").write_text(second.text, "utf-8")
    (src / "loop-a.txt").symlink_to(src / "loop-b.txt")
    (src / "loop-b.txt").symlink_to(src / "loop-a.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # named on the command line
    report = tmp_path / "first.jsonl"
    proc = run_cli(
        "redact", src, tmp_path / "self.txt", "--out", out, "-j", "1", "-q", "--report", report
    )
    # The loops fail alone (exit 1: some files failed); they abort nothing.
    assert proc.returncode == 1, proc.stderr
    assert "internal error" not in proc.stderr
    by_name = records(report)
    assert by_name["kept.txt"]["status"] == by_name["edited.txt"]["status"] == "ok"
    for name in ("loop-a.txt", "loop-b.txt", "self.txt"):
        assert by_name[name]["status"] == "failed"
        assert "symbolic links" in by_name[name]["reason"]
    manifest = (out / ".redactphi-manifest.jsonl").read_text("utf-8")
    assert "kept.txt" in manifest and not [v for v in first.phi if v in manifest]
    for name in ("loop-a.txt", "loop-b.txt"):
        (src / name).unlink()

    (src / "edited.txt").write_text(edit.text, "utf-8")  # another note, another size
    report = tmp_path / "resume.jsonl"
    proc = run_cli("redact", src, "--out", out, "-j", "1", "--report", report)
    assert proc.returncode == 0, proc.stderr
    assert "redoing them" in proc.stderr
    by_name = records(report)
    assert by_name["kept.txt"]["status"] == "skipped"
    assert by_name["edited.txt"]["status"] == "ok"
    assert (out / "edited.txt").read_text("utf-8") == redactor.redact(edit.text).text
    assert (out / "kept.txt").read_text("utf-8") == redactor.redact(first.text).text
