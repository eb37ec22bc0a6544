"""The ``redactphi`` command: redact folders or stdin, analyze one note, serve the API.

A thin shell over the library and :mod:`redactphi.batch`. Exit codes: 0 all done, 1 some files
failed (or an engine error), 2 usage errors (bad options, unsafe output folder), 128+N when
stopped by signal N. Progress and messages go to stderr; stdout carries only data (stdin
redaction, ``analyze``). Errors are printed without note text.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from redactphi import __version__
from redactphi.batch import (
    BatchConfig,
    FileError,
    FileResult,
    Format,
    PlanError,
    RedactOptions,
    ReportWriter,
    Status,
    Tally,
    default_workers,
    make_progress,
    normalize_encoding,
    redact_stream,
    run_batch,
)
from redactphi.batch.models import BatchSummary
from redactphi.config import Settings
from redactphi.errors import ConfigurationError, RedactPhiError

STDIN = "-"
SPOOL_BYTES = 64 * 1024 * 1024  # stdin output is held back until complete; spills to disk

app = typer.Typer(
    name="redactphi",
    help="Find and replace HIPAA Safe Harbor identifiers in clinical notes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals would hold note text
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- options shared by the commands (defined once) ----------------------------------------------

ENGINE = "Engine"
POLICY = "Policy"

PolicyOpt = Annotated[
    str | None,
    typer.Option(
        "--policy",
        "-p",
        help="Policy preset name, or a TOML/YAML policy file. Default: typed tags like [NAME].",
        rich_help_panel=POLICY,
    ),
]
PatientKeyOpt = Annotated[
    str | None,
    typer.Option(
        "--patient-key",
        help="Patient identifier that keeps surrogates consistent across one patient's notes.",
        rich_help_panel=POLICY,
    ),
]
KeyFileOpt = Annotated[
    Path | None,
    typer.Option(
        "--key-file",
        exists=True,
        dir_okay=False,
        readable=True,
        help="File holding the secret key for surrogate, hash and encrypt policies "
        "(or set REDACTPHI_KEY; never pass a key on the command line).",
        rich_help_panel=POLICY,
    ),
]
SiteTermsOpt = Annotated[
    Path | None,
    typer.Option(
        "--site-terms",
        exists=True,
        dir_okay=False,
        readable=True,
        help="File of local facility, ward and staff names, one a line, always redacted.",
        rich_help_panel=ENGINE,
    ),
]
AllowOpt = Annotated[
    list[str] | None,
    typer.Option("--allow", help="Term never redacted (repeatable).", rich_help_panel=ENGINE),
]
DenyOpt = Annotated[
    list[str] | None,
    typer.Option("--deny", help="Term always redacted (repeatable).", rich_help_panel=ENGINE),
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="Installed spaCy pipeline to load.", rich_help_panel=ENGINE),
]
MaxCharsOpt = Annotated[
    int | None,
    typer.Option(
        "--max-chars",
        min=1,
        help="Largest note accepted, in characters (default 1,000,000).",
        rich_help_panel=ENGINE,
    ),
]
EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        "-e",
        help="Encoding of the inputs (a UTF-8 byte-order mark is always handled). "
        "Outputs are UTF-8.",
    ),
]


def build_settings(
    *,
    model: str | None = None,
    max_chars: int | None = None,
    site_terms: Path | None = None,
    allow: list[str] | None = None,
    deny: list[str] | None = None,
    key_file: Path | None = None,
) -> Settings:
    """Settings from the shared options; unset ones come from REDACTPHI_* or the defaults."""
    given: dict[str, Any] = {
        "model_name": model,
        "max_chars": max_chars,
        "site_terms_file": site_terms,
        "allow_terms": allow or None,
        "deny_terms": deny or None,
        "key_file": key_file,
    }
    try:
        return Settings(**{k: v for k, v in given.items() if v is not None})
    except Exception as exc:  # pydantic ValidationError: report fields, never the input values
        errors = getattr(exc, "errors", None)
        if not callable(errors):
            raise
        detail = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors(include_input=False)
        )
        _usage(f"invalid settings: {detail}")


def check_policy(policy: str | None, settings: Settings) -> None:
    """Fail fast, before any model loads, on an unknown policy or a missing key."""
    if policy is None:
        return
    from redactphi.policies import prepare_policy

    try:
        prepare_policy(policy, settings)
    except ConfigurationError as exc:
        raise typer.BadParameter(str(exc), param_hint="--policy") from None


def _encoding(name: str) -> str:
    try:
        return normalize_encoding(name)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {name!r}", param_hint="--encoding") from None


# -- error handling ------------------------------------------------------------------------------


def _err(message: str) -> None:
    typer.echo(f"redactphi: {message}", err=True)


def _fail(message: str, code: int) -> NoReturn:
    _err(message)
    raise typer.Exit(code)


def _usage(message: str) -> NoReturn:
    _err(f"error: {message}\nTry 'redactphi --help' for help.")
    raise typer.Exit(2)


F = TypeVar("F", bound=Callable[..., Any])


def clean_errors(fn: F) -> F:
    """Library errors become one-line messages; unexpected ones show only their class."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (typer.Exit, typer.TyperException, typer.Abort):
            raise
        except PlanError as exc:
            _usage(str(exc))
        except ConfigurationError as exc:
            _fail(str(exc), 2)
        except RedactPhiError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except BrokenPipeError:
            raise typer.Exit(1) from None
        except Exception as exc:
            if os.environ.get("REDACTPHI_DEBUG"):
                raise
            _fail(
                f"internal error ({exc.__class__.__name__}); "
                "set REDACTPHI_DEBUG=1 to see the traceback (it may contain note text)",
                1,
            )

    return wrapper  # type: ignore[return-value]


# -- commands ------------------------------------------------------------------------------------


def _show_version(value: bool) -> None:
    if value:
        from redactphi.tagger import version_line  # reads a small JSON, loads no model

        typer.echo(f"redactphi {__version__}\n{version_line()}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Find and replace HIPAA Safe Harbor identifiers in clinical notes.

    Exit codes: 0 all ok, 1 some files failed, 2 usage error, 128+N stopped by signal N.
    """


@app.command()
@clean_errors
def redact(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (recursive) or - for stdin to stdout.", show_default=False
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            file_okay=False,
            help="Output folder; the input folders' structure is kept under it.",
        ),
    ] = None,
    include: Annotated[
        list[str] | None,
        typer.Option(
            "--include",
            help="Glob of files to take from folders (repeatable; default *.txt *.md, plus "
            "*.jsonl *.ndjson *.csv with --text-field).",
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Glob of files or folders to leave out (repeatable)."),
    ] = None,
    text_field: Annotated[
        list[str] | None,
        typer.Option(
            "--text-field",
            help="JSONL key or CSV column holding the note (repeatable). Only it is redacted; "
            "other fields are copied as they are.",
            rich_help_panel="JSONL and CSV",
        ),
    ] = None,
    patient_key_field: Annotated[
        str | None,
        typer.Option(
            "--patient-key-field",
            help="JSONL key or CSV column holding each row's patient key.",
            rich_help_panel="JSONL and CSV",
        ),
    ] = None,
    stdin_format: Annotated[
        Format,
        typer.Option("--format", help="Format of stdin (files go by extension)."),
    ] = Format.TEXT,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Worker processes, each loading the model once. Default: number of cores.",
            show_default=False,
        ),
    ] = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            dir_okay=False,
            help="Write a PHI-free report, JSONL or CSV by extension.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume/--no-resume",
            help="Skip inputs whose output already exists (outputs appear only when complete) "
            "and whose size and modification time still match the output manifest; changed "
            "inputs are redone. --no-resume refuses to run if any output exists.",
        ),
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Redo every file, replacing existing outputs.")
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress or summary; failures are still shown."),
    ] = False,
    progress_interval: Annotated[
        float,
        typer.Option(
            "--progress-interval",
            min=0.0,
            help="Seconds between progress lines when not a terminal.",
        ),
    ] = 10.0,
    encoding: EncodingOpt = "utf-8",
    policy: PolicyOpt = None,
    patient_key: PatientKeyOpt = None,
    key_file: KeyFileOpt = None,
    site_terms: SiteTermsOpt = None,
    allow: AllowOpt = None,
    deny: DenyOpt = None,
    model: ModelOpt = None,
    max_chars: MaxCharsOpt = None,
) -> None:
    """Redact notes: files and folders into --out, or - from stdin to stdout.

    Inputs are never modified. Outputs appear only when complete (atomic writes).

    A killed run is finished by running the same command again (--resume is on by default).
    """
    if patient_key_field and not text_field:
        raise typer.BadParameter("needs --text-field", param_hint="--patient-key-field")
    opts = RedactOptions(
        policy=policy,
        patient_key=patient_key,
        encoding=_encoding(encoding),
        text_fields=tuple(text_field or ()),
        patient_key_field=patient_key_field,
    )
    settings = build_settings(
        model=model,
        max_chars=max_chars,
        site_terms=site_terms,
        allow=allow,
        deny=deny,
        key_file=key_file,
    )
    check_policy(policy, settings)
    if STDIN in inputs:
        if len(inputs) > 1 or out is not None:
            _usage("- (stdin) cannot be combined with other inputs or --out")
        if opts.text_fields and stdin_format is Format.TEXT:
            raise typer.BadParameter(
                "use --format jsonl or csv with --text-field for stdin", param_hint="--format"
            )
        raise typer.Exit(_redact_stdin(settings, opts, stdin_format, report, quiet))
    if out is None:
        _usage("missing --out DIR (or use - to redact stdin to stdout)")
    cfg = BatchConfig(
        inputs=[Path(p) for p in inputs],
        out_dir=out,
        settings=settings,
        opts=opts,
        includes=include,
        excludes=exclude or (),
        workers=workers or default_workers(),
        report=report,
        resume=resume,
        force=force,
    )
    summary = run_batch(cfg, make_progress(quiet, progress_interval))
    _print_summary(summary, report, quiet)
    raise typer.Exit(summary.exit_code)


def _print_summary(summary: BatchSummary, report: Path | None, quiet: bool) -> None:
    if summary.fatal:
        _err(summary.fatal)
    if summary.interrupted:
        _err(
            f"stopped by signal {summary.signal}; {summary.not_started} files not started. "
            "Run the same command again to finish (completed outputs are kept)."
        )
    if summary.files == 0 and not summary.fatal:
        _err("no input files found; the default globs are *.txt and *.md (see --include)")
    if quiet:
        return
    rate = f" ({summary.notes_per_second:.1f} notes/s)" if summary.notes_per_second else ""
    _err(
        f"{summary.files} files: {summary.ok} ok, {summary.partial} partial, "
        f"{summary.failed} failed, {summary.skipped} skipped; {summary.notes} notes "
        f"in {summary.seconds:.1f} s{rate}" + (f"; report: {report}" if report else "")
    )


def _redact_stdin(
    settings: Settings, opts: RedactOptions, fmt: Format, report: Path | None, quiet: bool
) -> int:
    """Redact stdin to stdout in-process; output appears only once all of it is redacted."""
    from redactphi.batch.worker import start_engine

    redactor = start_engine(settings, opts)
    tally = Tally()
    result = FileResult(STDIN, STDIN, Status.OK)
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        try:
            redact_stream(
                fmt, sys.stdin.buffer, spool, redactor, opts, tally, max_chars=settings.max_chars
            )
        except FileError as exc:
            result.status, result.reason = Status.FAILED, str(exc)
        else:
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    result.counts, result.chars, result.notes = dict(tally.counts), tally.chars, tally.notes
    result.rows_failed, result.bad_rows = tally.rows_failed, tally.bad_rows
    if result.status is Status.FAILED:
        _err(f"stdin: {result.reason}")
    elif tally.rows_failed:
        result.status = Status.PARTIAL
        result.reason = f"{tally.rows_failed} of {tally.rows} rows left out"
        for bad in tally.bad_rows:
            _err(f"stdin: row {bad.row}: {bad.reason}")
        _err(f"stdin: {result.reason}")
    code = 0 if result.status is Status.OK else 1
    if report is not None:
        summary = BatchSummary(workers=1, exit_code=code)
        summary.add(result)
        writer = ReportWriter(report)
        writer.file(result)
        writer.summary(summary, opts.policy)
        writer.close()
    return code


@app.command()
@clean_errors
def analyze(
    file: Annotated[str, typer.Argument(help="A note file, or - for stdin.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    show_text: Annotated[
        bool,
        typer.Option("--show-text", help="Include the identifier text itself (this prints PHI)."),
    ] = False,
    encoding: EncodingOpt = "utf-8",
    site_terms: SiteTermsOpt = None,
    allow: AllowOpt = None,
    deny: DenyOpt = None,
    model: ModelOpt = None,
    max_chars: MaxCharsOpt = None,
) -> None:
    """List the identifiers found in one note: offsets, type and score."""
    from redactphi.batch.formats import decode_note
    from redactphi.engine import Redactor

    codec = _encoding(encoding)
    settings = build_settings(
        model=model, max_chars=max_chars, site_terms=site_terms, allow=allow, deny=deny
    )
    try:
        data = sys.stdin.buffer.read() if file == STDIN else Path(file).read_bytes()
    except OSError as exc:
        _fail(f"cannot read {file}: {exc.strerror or exc.__class__.__name__}", 1)
    try:
        text, _ = decode_note(data, codec)
    except FileError as exc:
        _fail(f"{file}: {exc}", 1)
    findings = Redactor(settings).analyze(text)
    rows = []
    for f in findings:
        row: dict[str, Any] = {**f.to_dict(), "recognizer": f.recognizer}
        if show_text:
            row["text"] = text[f.start : f.end]
        rows.append(row)
    if as_json:
        counts: dict[str, int] = {}
        for f in findings:
            counts[str(f.entity_type)] = counts.get(str(f.entity_type), 0) + 1
        doc = {"file": file, "chars": len(text), "counts": dict(sorted(counts.items()))}
        typer.echo(json.dumps({**doc, "findings": rows}, ensure_ascii=False, indent=2))
        return
    _print_table(file, rows, show_text)


def _print_table(file: str, rows: list[dict[str, Any]], show_text: bool) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # Text(): a file name with [brackets] must not be read as rich markup.
    table = Table(title=Text(f"{len(rows)} findings in {file}"), title_justify="left")
    for name in ("start", "end", "type", "score", "recognizer"):
        table.add_column(name, justify="right" if name in ("start", "end", "score") else "left")
    if show_text:
        table.add_column("text")
    for row in rows:
        cells = [
            str(row["start"]),
            str(row["end"]),
            str(row["entity_type"]),
            f"{row['score']:.2f}",
            str(row["recognizer"]),
        ]
        if show_text:
            cells.append(str(row["text"]))
        table.add_row(*cells)
    Console(soft_wrap=False).print(table, markup=False, highlight=False)


# -- serve (built in redactphi.service.cli) ------------------------------------------------------

try:
    from redactphi.service.cli import serve
except ModuleNotFoundError as exc:  # the service is optional until it lands
    if exc.name not in ("redactphi.service", "redactphi.service.cli"):
        raise
else:
    app.command("serve")(serve)

# -- spark (redactphi.spark.cli; PySpark loads only when the command runs) ----------------------

from redactphi.spark.cli import register as _register_spark  # noqa: E402

_register_spark(app)


def main() -> None:
    """Console entry point."""
    app(prog_name="redactphi")


if __name__ == "__main__":
    main()
