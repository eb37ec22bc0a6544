"""Readers and writers for the note formats: plain text (.txt, .md), JSONL and CSV.

Text files are one note each. JSONL and CSV files hold one note per row in the named text
field(s); they are streamed row by row and written back in the same format with only those
fields replaced. A row that cannot be redacted is left out of the output (never copied
unredacted) and reported by number. Outputs are UTF-8; a UTF-8 byte-order mark on the input is
kept on the output.

Every message raised here is PHI-free: it names the problem, a byte or row position and how to
fix it, never the content.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath
from typing import IO, Any, Protocol

from redactphi.batch.models import MAX_LISTED_BAD_ROWS, BadRow, Format, RedactOptions
from redactphi.errors import AnalysisError, InputError
from redactphi.models import RedactionResult

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
BINARY_SNIFF_BYTES = 8192
CSV_DELIMITERS = (",", ";", "\t", "|")
UTF8 = "utf-8"


class FileError(Exception):
    """A whole file cannot be processed. The message is shown and reported; it holds no PHI."""


class RowError(Exception):
    """One row of a structured file cannot be processed (PHI-free message)."""


class NoteRedactor(Protocol):
    def redact(
        self, text: str, policy: Any = None, *, patient_key: str | None = None
    ) -> RedactionResult: ...


def format_of(path: PurePath) -> Format:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return Format.JSONL
    if suffix in CSV_SUFFIXES:
        return Format.CSV
    return Format.TEXT


def normalize_encoding(name: str) -> str:
    """Canonical codec name; ``utf-8-sig`` folds into ``utf-8`` (a BOM is always handled)."""
    codec = codecs.lookup(name).name  # LookupError for unknown names
    return UTF8 if codec in ("utf-8", "utf-8-sig") else codec


class Tally:
    """Counts for one file or stream: notes, characters, findings per type, bad rows."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.chars = 0
        self.notes = 0
        self.rows = 0
        self.rows_failed = 0
        self.bad_rows: list[BadRow] = []

    def add(self, result: RedactionResult, chars: int) -> None:
        self.counts.update(str(f.entity_type) for f in result.findings)
        self.chars += chars

    def bad(self, row: int, reason: str) -> None:
        self.rows_failed += 1
        if len(self.bad_rows) < MAX_LISTED_BAD_ROWS:
            self.bad_rows.append(BadRow(row, reason))


# -- decoding ---------------------------------------------------------------------------------


def check_not_binary(head: bytes, encoding: str) -> None:
    """Refuse files that are plainly not text, before the engine sees them."""
    if encoding.startswith(("utf-16", "utf-32")) or b"\x00" not in head:
        return
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileError("file looks like UTF-16 (byte-order mark); use --encoding utf-16")
    raise FileError("binary file (contains NUL bytes), not a text note")


def _decode_hint(codec: str) -> str:
    other = "cp1252" if codec == UTF8 else "utf-8"
    return f"use --encoding to choose the right one (e.g. --encoding {other})"


def decode_note(data: bytes, encoding: str) -> tuple[str, bool]:
    """Decode a whole text file; returns the text and whether it started with a UTF-8 BOM."""
    check_not_binary(data[:BINARY_SNIFF_BYTES], encoding)
    bom = encoding == UTF8 and data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode(encoding), bom
    except UnicodeDecodeError as exc:
        at = exc.start + (len(codecs.BOM_UTF8) if bom else 0)
        raise FileError(f"not valid {encoding} at byte {at}; {_decode_hint(encoding)}") from None


def _redact(
    redactor: NoteRedactor, text: str, opts: RedactOptions, patient_key: str | None
) -> RedactionResult:
    # Library input and analysis errors carry no note text by contract; configuration errors
    # (bad policy, missing key) propagate, since every note would fail the same way.
    try:
        return redactor.redact(text, policy=opts.policy, patient_key=patient_key)
    except (InputError, AnalysisError) as exc:
        raise RowError(str(exc)) from None


# -- plain text -------------------------------------------------------------------------------


def redact_text(data: bytes, redactor: NoteRedactor, opts: RedactOptions, tally: Tally) -> bytes:
    """Redact one whole-file note and return the bytes to write."""
    text, bom = decode_note(data, opts.encoding)
    try:
        result = _redact(redactor, text, opts, opts.patient_key)
    except RowError as exc:
        raise FileError(str(exc)) from None
    tally.notes += 1
    tally.add(result, len(text))
    return (codecs.BOM_UTF8 if bom else b"") + result.text.encode(UTF8)


# -- structured rows --------------------------------------------------------------------------


def _row_key(row_key: object, opts: RedactOptions) -> str | None:
    # A row without its own key falls back to --patient-key: surrogates lose per-patient
    # consistency for that row, but nothing is left unredacted.
    if isinstance(row_key, str | int) and not isinstance(row_key, bool) and str(row_key).strip():
        return str(row_key)
    return opts.patient_key


def _redact_fields(
    record: dict[str, Any], redactor: NoteRedactor, opts: RedactOptions, tally: Tally
) -> None:
    """Redact the text fields of one row in place; all or nothing for the row."""
    key = _row_key(record.get(opts.patient_key_field), opts) if opts.patient_key_field else None
    done: list[tuple[str, RedactionResult, int]] = []
    for name in opts.text_fields:
        if name not in record:
            raise RowError(f"no field {name!r}")
        value = record[name]
        if value is None:
            continue
        if not isinstance(value, str):
            raise RowError(f"field {name!r} is {type(value).__name__}, not text")
        done.append((name, _redact(redactor, value, opts, key), len(value)))
    for name, result, chars in done:
        record[name] = result.text
        tally.add(result, chars)
    tally.notes += 1


def _text_reader(src: IO[bytes], encoding: str) -> tuple[io.TextIOWrapper, bool]:
    head = _peek(src)
    check_not_binary(head, encoding)
    bom = encoding == UTF8 and head.startswith(codecs.BOM_UTF8)
    codec = "utf-8-sig" if encoding == UTF8 else encoding
    return io.TextIOWrapper(src, encoding=codec, errors="strict", newline=""), bom


def _peek(src: IO[bytes]) -> bytes:
    peek = getattr(src, "peek", None)
    if peek is not None:
        return bytes(peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES])
    raise TypeError("source must be a buffered binary stream")


def _text_writer(dst: IO[bytes], bom: bool) -> io.TextIOWrapper:
    if bom:
        dst.write(codecs.BOM_UTF8)
    return io.TextIOWrapper(dst, encoding=UTF8, newline="", write_through=True)  # type: ignore[type-var]


def _finish(reader: io.TextIOWrapper, writer: io.TextIOWrapper) -> None:
    # Hand the byte streams back to their owner (the atomic writer fsyncs and closes them).
    writer.flush()
    writer.detach()
    reader.detach()


def _lines(reader: io.TextIOWrapper, encoding: str) -> Iterator[str]:
    count = 0
    try:
        for line in reader:
            count += 1
            yield line
    except UnicodeDecodeError:
        raise FileError(
            f"not valid {encoding} near line {count + 1}; {_decode_hint(encoding)}"
        ) from None


def _check_rows(tally: Tally) -> None:
    if tally.rows and tally.rows_failed == tally.rows:
        raise FileError(f"all {tally.rows} rows failed; first: {describe_bad_rows(tally)}")


def describe_bad_rows(tally: Tally) -> str:
    listed = "; ".join(f"row {b.row}: {b.reason}" for b in tally.bad_rows)
    more = tally.rows_failed - len(tally.bad_rows)
    return listed + (f"; and {more} more" if more > 0 else "")


def redact_jsonl(
    src: IO[bytes], dst: IO[bytes], redactor: NoteRedactor, opts: RedactOptions, tally: Tally
) -> None:
    """One JSON object per line; row numbers are line numbers. Blank lines are kept."""
    reader, bom = _text_reader(src, opts.encoding)
    writer = _text_writer(dst, bom)
    for lineno, line in enumerate(_lines(reader, opts.encoding), 1):
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        if not body.strip():
            writer.write(line)
            continue
        tally.rows += 1
        try:
            record = json.loads(body)
        except json.JSONDecodeError as exc:
            tally.bad(lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            tally.bad(lineno, f"a JSON {type(record).__name__}, not an object")
            continue
        try:
            _redact_fields(record, redactor, opts, tally)
        except RowError as exc:
            tally.bad(lineno, str(exc))
            continue
        writer.write(json.dumps(record, ensure_ascii=False) + (ending or "\n"))
    _finish(reader, writer)
    _check_rows(tally)


def _sniff_delimiter(header_line: str, fields: tuple[str, ...]) -> str:
    # The delimiter is the one that makes the header contain the text field(s): robust where
    # csv.Sniffer guesses from note text full of commas and semicolons.
    for delimiter in CSV_DELIMITERS:
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        if all(name in header for name in fields):
            return delimiter
    names = ", ".join(repr(f) for f in fields)
    raise FileError(
        f"no column named {names} in the CSV header (tried , ; tab |); check --text-field"
    )


def redact_csv(
    src: IO[bytes], dst: IO[bytes], redactor: NoteRedactor, opts: RedactOptions, tally: Tally
) -> None:
    """A header row, then one note per row; row numbers count data rows from 1."""
    reader_io, bom = _text_reader(src, opts.encoding)
    writer_io = _text_writer(dst, bom)
    lines = _lines(reader_io, opts.encoding)
    header_line = next(lines, "")
    if not header_line:
        _finish(reader_io, writer_io)
        return
    delimiter = _sniff_delimiter(header_line, opts.text_fields)
    terminator = "\r\n" if header_line.endswith("\r\n") else "\n"
    reader = csv.reader(itertools.chain([header_line], lines), delimiter=delimiter)
    writer = csv.writer(writer_io, delimiter=delimiter, lineterminator=terminator)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise FileError(f"malformed CSV header ({exc})") from None
    writer.writerow(header)
    index = {name: header.index(name) for name in opts.text_fields}
    key_index = header.index(opts.patient_key_field) if opts.patient_key_field in header else None
    rownum = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            rownum += 1
            tally.rows += 1
            tally.bad(rownum, f"malformed CSV ({exc})")
            continue
        if not row:
            writer.writerow(row)
            continue
        rownum += 1
        tally.rows += 1
        if len(row) <= max(index.values()):
            tally.bad(rownum, f"has {len(row)} fields, fewer than the header's {len(header)}")
            continue
        record: dict[str, Any] = {n: row[i] for n, i in index.items()}
        if key_index is not None and key_index < len(row) and opts.patient_key_field:
            record[opts.patient_key_field] = row[key_index]
        try:
            _redact_fields(record, redactor, opts, tally)
        except RowError as exc:
            tally.bad(rownum, str(exc))
            continue
        for name, i in index.items():
            row[i] = record[name]
        writer.writerow(row)
    _finish(reader_io, writer_io)
    _check_rows(tally)


def configure_csv(max_chars: int) -> None:
    """Let a CSV field hold a note up to ``max_chars`` (the csv default stops at 128 KiB)."""
    csv.field_size_limit(max(csv.field_size_limit(), max_chars + 1))


def redact_stream(
    fmt: Format,
    src: IO[bytes],
    dst: IO[bytes],
    redactor: NoteRedactor,
    opts: RedactOptions,
    tally: Tally,
    *,
    max_chars: int,
) -> None:
    """Redact ``src`` into ``dst`` in format ``fmt`` (raises FileError for whole-file problems)."""
    if fmt in (Format.JSONL, Format.CSV):
        loop = redact_jsonl if fmt is Format.JSONL else redact_csv
        if opts.patient_key_field and hasattr(redactor, "redact_many"):
            from redactphi.batch.memory import redact_with_memory

            redact_with_memory(loop, src, dst, redactor, opts, tally)
        else:
            loop(src, dst, redactor, opts, tally)
    else:
        # Read one byte past the worst case (4 bytes a character) so a huge file is refused
        # without being loaded whole.
        data = src.read(max_chars * 4 + 1)
        if len(data) > max_chars * 4:
            raise FileError(
                f"file is over {max_chars * 4} bytes, beyond the limit of {max_chars} characters;"
                " split it or raise --max-chars"
            )
        dst.write(redact_text(data, redactor, opts, tally))
