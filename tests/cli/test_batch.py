"""The batch building blocks in-process: planning rules, atomic writes, formats, the report."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest

from redactphi import Redactor
from redactphi.batch.atomic import OutputLock, OutputLockedError, atomic_writer, sweep_stale_temps
from redactphi.batch.discover import PlanError, check_report_path, default_includes, plan_jobs
from redactphi.batch.formats import FileError, Tally, decode_note, redact_stream
from redactphi.batch.models import BatchSummary, FileResult, Format, RedactOptions, Status
from redactphi.batch.report import CSV_COLUMNS, ReportWriter

NOTE = "Patient seen on 03/04/2021 for CPT 0489T; follow-up 04/05/2021."


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


# -- planning ---------------------------------------------------------------------------------


def test_plan_keeps_structure_and_applies_globs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for rel in ("a.txt", "B.MD", "sub/c.txt", "sub/skip.log", "drafts/d.txt", ".git/e.txt",
                "sub/.f.txt", "rows.jsonl"):  # fmt: skip
        touch(src / rel)
    jobs = plan_jobs([src], tmp_path / "out", default_includes(False), ["drafts"])
    assert [j.output.relative_to(tmp_path / "out").as_posix() for j in jobs] == [
        "B.MD",
        "a.txt",
        "sub/c.txt",
    ]
    with_rows = plan_jobs([src], tmp_path / "out", default_includes(True), ["drafts", "*.md"])
    assert {j.source.name: j.fmt for j in with_rows} == {
        "a.txt": Format.TEXT,
        "rows.jsonl": Format.JSONL,
        "c.txt": Format.TEXT,
    }
    # A file named explicitly is taken whatever the globs say.
    explicit = plan_jobs([src / "sub" / "skip.log"], tmp_path / "out", ["*.txt"])
    assert [j.output for j in explicit] == [tmp_path / "out" / "skip.log"]


@pytest.mark.parametrize("layout", ["same", "inside", "symlink", "input-in-out", "collision"])
def test_plan_refuses_outputs_that_could_touch_inputs(tmp_path: Path, layout: str) -> None:
    src = tmp_path / "in"
    touch(src / "sub" / "a.txt")
    inputs = [src]
    out = {"same": src, "inside": src / "sub" / "out"}.get(layout, tmp_path / "out")
    if layout == "symlink":
        out = tmp_path / "link"
        out.symlink_to(src / "sub")
    elif layout == "input-in-out":
        inputs = [src / "sub" / "a.txt"]
        out = src / "sub"
    elif layout == "collision":
        other = tmp_path / "other"
        touch(other / "sub" / "a.txt")
        inputs = [src, other]
    with pytest.raises(PlanError):
        plan_jobs(inputs, out, ["*.txt"])


def test_report_may_not_land_on_inputs_or_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    touch(src / "a.txt")
    jobs = plan_jobs([src], tmp_path / "out", ["*.txt"])
    for bad in (src / "report.jsonl", tmp_path / "report.txt"):
        with pytest.raises(PlanError):
            check_report_path(bad, [src], jobs)
    check_report_path(tmp_path / "out" / "report.csv", [src], jobs)


# -- atomic writes and the lock ---------------------------------------------------------------


def test_atomic_writer_publishes_only_complete_files(tmp_path: Path) -> None:
    dest = tmp_path / "deep" / "note.txt"
    with pytest.raises(RuntimeError), atomic_writer(dest) as fh:
        fh.write(b"half a note")
        raise RuntimeError("crash mid-write")
    assert not dest.exists() and not list(tmp_path.rglob("*.redactphi-tmp"))
    with atomic_writer(dest) as fh:
        fh.write(b"whole note")
    assert dest.read_bytes() == b"whole note"
    assert list((tmp_path / "deep").iterdir()) == [dest]


def test_stale_temps_are_swept_and_the_lock_is_exclusive(tmp_path: Path) -> None:
    stale = touch(tmp_path / "sub" / ".note.txt.abc123.redactphi-tmp")
    keep = touch(tmp_path / "sub" / "note.txt")
    assert sweep_stale_temps(tmp_path) == 1
    assert not stale.exists() and keep.exists()
    with OutputLock(tmp_path), pytest.raises(OutputLockedError), OutputLock(tmp_path):
        pass
    with OutputLock(tmp_path):  # released on exit
        pass


# -- formats ----------------------------------------------------------------------------------


def run_stream(redactor: Redactor, fmt: Format, data: bytes, **opts: object) -> tuple[bytes, Tally]:
    tally = Tally()
    out = io.BytesIO()
    options = RedactOptions(**opts)  # type: ignore[arg-type]
    redact_stream(fmt, io.BufferedReader(io.BytesIO(data)), out, redactor, options, tally,
                  max_chars=10_000)  # fmt: skip
    return out.getvalue(), tally


def test_text_keeps_bom_and_line_endings(redactor: Redactor) -> None:
    text = NOTE.replace(" for", "\r\nfor")
    out, tally = run_stream(redactor, Format.TEXT, codecs.BOM_UTF8 + text.encode())
    assert out == codecs.BOM_UTF8 + redactor.redact(text).text.encode()
    assert tally.notes == 1 and tally.chars == len(text)


@pytest.mark.parametrize(
    ("data", "encoding", "hint"),
    [
        ("caf\u00e9".encode("cp1252"), "utf-8", "--encoding"),
        ("note".encode("utf-16"), "utf-8", "--encoding utf-16"),
        (b"\x00\x01\x02binary", "utf-8", "binary"),
    ],
)
def test_undecodable_files_name_the_fix(data: bytes, encoding: str, hint: str) -> None:
    with pytest.raises(FileError, match=hint.replace("-", r"\-")):
        decode_note(data, encoding)


def test_utf16_decodes_when_asked() -> None:
    assert decode_note("note \u00e9".encode("utf-16"), "utf-16") == ("note \u00e9", False)


def test_csv_sniffs_the_delimiter_and_keeps_other_columns(redactor: Redactor) -> None:
    raw = f'id;note;site\n1;"{NOTE}";north\n2;short;south;extra\n'.encode()
    out, tally = run_stream(redactor, Format.CSV, raw, text_fields=("note",))
    lines = out.decode().split("\n")
    assert lines[0] == "id;note;site"
    assert lines[1] == f'1;"{redactor.redact(NOTE).text}";north'  # quoted: it holds a ";"
    assert lines[2] == "2;short;south;extra"
    assert tally.rows == 2 and tally.rows_failed == 0


def test_jsonl_reports_bad_rows_by_line_and_fails_when_all_are_bad(redactor: Redactor) -> None:
    good = json.dumps({"note": NOTE, "k": 7})
    raw = "\n".join([good, "[1, 2]", "", '{"other": 1}', good]).encode()
    out, tally = run_stream(
        redactor, Format.JSONL, raw, text_fields=("note",), patient_key_field="k"
    )
    assert [b.row for b in tally.bad_rows] == [2, 4]
    assert out.decode().count("\n") == 3  # two good rows and the blank line
    assert NOTE not in out.decode()
    with pytest.raises(FileError, match="all 2 rows failed"):
        run_stream(redactor, Format.JSONL, b'{"a": 1}\nnope\n', text_fields=("note",))


@pytest.mark.parametrize("fmt", [Format.JSONL, Format.CSV])
def test_rows_of_one_patient_share_patient_memory(redactor: Redactor, fmt: Format) -> None:
    notes = [
        ("p1", "Wife Oriana Quellmatz at bedside."),
        ("p2", "quellmatz called overnight."),  # another patient: nothing learned
        ("p1", "quellmatz called overnight."),  # same patient, name alone: from memory
    ]
    if fmt is Format.JSONL:
        raw = "\n".join(json.dumps({"k": k, "note": n}) for k, n in notes).encode()
    else:
        raw = ("k,note\n" + "\n".join(f"{k},{n}" for k, n in notes) + "\n").encode()
    out, tally = run_stream(redactor, fmt, raw, text_fields=("note",), patient_key_field="k")
    lines = out.decode().splitlines()[-3:]
    assert "Quellmatz" not in lines[0]
    assert "quellmatz" in lines[1]
    assert "quellmatz" not in lines[2]
    assert tally.rows == 3 and tally.rows_failed == 0


def test_csv_without_the_column_is_a_file_error(redactor: Redactor) -> None:
    with pytest.raises(FileError, match="no column named 'note'"):
        run_stream(redactor, Format.CSV, b"a,b\n1,2\n", text_fields=("note",))


# -- report -----------------------------------------------------------------------------------


def test_csv_report_has_a_row_per_file_and_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    writer = ReportWriter(path)
    result = FileResult("in/a.txt", "out/a.txt", Status.OK, counts={"DATE": 2, "NEW_TYPE": 1})
    writer.file(result)
    summary = BatchSummary(workers=2)
    summary.add(result)
    writer.summary(summary, None)
    writer.close()
    import csv

    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert (
        rows[0]["DATE"] == "2" and rows[0]["NAME"] == "0" and rows[0]["other_types"] == "NEW_TYPE=1"
    )
    assert rows[1]["record"] == "summary" and rows[1]["status"] == "ok"
    assert "files=1" in rows[1]["reason"]
