"""``redactphi spark INPUT OUTPUT``: the Spark job as a command (PySpark loads only when it runs).

Runs in ``local[*]`` by default and on the cluster's master under ``spark-submit`` (see
docs/spark.md). Exit codes: 0 every row redacted (or the same job had already finished), 1 some
rows failed (the output is still committed, failed rows have a null text) or the job failed,
2 usage or configuration errors. Messages never contain note text.
"""

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

SPARK = "Spark"
# Our errors raised in a worker reach the driver inside Spark's traceback text.
_WORKER_ERROR = re.compile(
    r"^redactphi\.errors\.(?:ConfigurationError|KeyRequiredError): (.+)$", re.MULTILINE
)


def _fail(message: str, code: int) -> NoReturn:
    typer.echo(f"redactphi: {message}", err=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add ``spark`` to the ``redactphi`` app, with the shared options of redactphi.cli.

    Called at the end of redactphi.cli, so its names exist even while it is still loading
    (``python -m redactphi.cli`` loads it twice: as __main__, then by name).
    """
    from redactphi import cli as base

    @app.command("spark")
    @base.clean_errors
    def spark(
        input: Annotated[
            str, typer.Argument(help="Parquet, JSONL or CSV file or folder (any Hadoop URI).")
        ],
        output: Annotated[
            str, typer.Argument(help="Output folder; appears only when complete (_SUCCESS).")
        ],
        text_col: Annotated[
            str, typer.Option("--text-col", help="Column holding the note.")
        ] = "text",
        id_col: Annotated[
            str | None, typer.Option("--id-col", help="Note id column (orders a patient's notes).")
        ] = None,
        patient_col: Annotated[
            str | None,
            typer.Option(
                "--patient-col",
                help="Patient key column: a patient's notes are redacted together, so surrogates "
                "and date shifts are the same in all of them.",
            ),
        ] = None,
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format", help="Input format: parquet, jsonl or csv (default: by name)."
            ),
        ] = None,
        output_format: Annotated[
            str | None,
            typer.Option("--output-format", help="parquet, jsonl or csv (default: the input's)."),
        ] = None,
        overwrite: Annotated[
            bool,
            typer.Option("--overwrite", help="Replace an OUTPUT that holds another job's output."),
        ] = False,
        master: Annotated[
            str | None,
            typer.Option(
                "--master",
                help="Spark master (default local[*]; under spark-submit, the one it was given).",
                rich_help_panel=SPARK,
            ),
        ] = None,
        partitions: Annotated[
            int | None,
            typer.Option(
                "--partitions",
                min=1,
                help="Partitions to redact in (default: the input's, at least 2x the cores).",
                rich_help_panel=SPARK,
            ),
        ] = None,
        arrow_batch_size: Annotated[
            int,
            typer.Option(
                "--arrow-batch-size",
                min=1,
                help="Rows per batch sent to Python.",
                rich_help_panel=SPARK,
            ),
        ] = 1000,
        log_level: Annotated[
            str,
            typer.Option(
                "--log-level", help="Spark's log level (WARN, INFO...).", rich_help_panel=SPARK
            ),
        ] = "WARN",
        as_json: Annotated[
            bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
        ] = False,
        quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary line.")] = False,
        policy: base.PolicyOpt = None,
        key_file: base.KeyFileOpt = None,
        site_terms: base.SiteTermsOpt = None,
        allow: base.AllowOpt = None,
        deny: base.DenyOpt = None,
        model: base.ModelOpt = None,
        max_chars: base.MaxCharsOpt = None,
    ) -> None:
        """Redact a Parquet, JSONL or CSV dataset with Spark, locally or on a cluster.

        Re-running a finished job is a no-op; re-running a killed one finishes it.
        """
        run_command(
            input=input,
            output=output,
            text_col=text_col,
            id_col=id_col,
            patient_col=patient_col,
            fmt=fmt,
            output_format=output_format,
            overwrite=overwrite,
            master=master,
            partitions=partitions,
            arrow_batch_size=arrow_batch_size,
            log_level=log_level,
            as_json=as_json,
            quiet=quiet,
            policy=policy,
            key_file=key_file,
            site_terms=site_terms,
            allow=allow,
            deny=deny,
            model=model,
            max_chars=max_chars,
        )


def run_command(
    *,
    input: str,
    output: str,
    text_col: str,
    id_col: str | None,
    patient_col: str | None,
    fmt: str | None,
    output_format: str | None,
    overwrite: bool,
    master: str | None,
    partitions: int | None,
    arrow_batch_size: int,
    log_level: str,
    as_json: bool,
    quiet: bool,
    policy: str | None,
    key_file: Path | None,
    site_terms: Path | None,
    allow: list[str] | None,
    deny: list[str] | None,
    model: str | None,
    max_chars: int | None,
) -> None:
    """The command's body, once typer has parsed the options."""
    from redactphi.cli import build_settings, check_policy

    try:
        from redactphi.spark.job import Format, JobConfig, JobError, run_job, summary_dict
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("pyspark", "pandas", "pyarrow", "py4j"):
            _fail(
                f"the spark command needs the extra: pip install 'redactphi[spark]' ({exc.name})", 2
            )
        raise
    formats = {f.value: f for f in Format}
    for name, value in (("--format", fmt), ("--output-format", output_format)):
        if value is not None and value.lower() not in formats:
            raise typer.BadParameter("use parquet, jsonl or csv", param_hint=name)
    settings = build_settings(
        model=model,
        max_chars=max_chars,
        site_terms=site_terms,
        allow=allow,
        deny=deny,
        key_file=key_file,
    )
    check_policy(policy, settings)
    cfg = JobConfig(
        input=input,
        output=output,
        text_col=text_col,
        id_col=id_col,
        patient_col=patient_col,
        policy=policy,
        input_format=formats[fmt.lower()] if fmt else None,
        output_format=formats[output_format.lower()] if output_format else None,
        partitions=partitions,
        overwrite=overwrite,
    )
    session = _session(master, arrow_batch_size)
    session.sparkContext.setLogLevel(log_level.upper())
    try:
        summary = run_job(session, cfg, settings)
    except JobError as exc:
        _fail(str(exc), 2)
    except Exception as exc:
        found = (
            _WORKER_ERROR.search(str(exc))
            if exc.__class__.__module__.startswith(("pyspark", "py4j"))
            else None
        )
        if found is None:
            raise
        _fail(found.group(1), 2)
    finally:
        if master is not None or not _under_spark_submit():
            session.stop()
    if as_json:
        typer.echo(json.dumps(summary_dict(summary), indent=2))
    if not quiet:
        if summary.skipped:
            typer.echo(f"redactphi: {output} is already complete (job {summary.job_id})", err=True)
        else:
            errors = ", ".join(f"{k}: {v}" for k, v in summary.errors.items())
            typer.echo(
                f"redactphi: {summary.rows} rows: {summary.ok} ok, {summary.failed} failed"
                + (f" ({errors})" if errors else "")
                + f" in {summary.seconds:.1f} s -> {output} (config {summary.config_hash})",
                err=True,
            )
    raise typer.Exit(1 if summary.failed else 0)


def _under_spark_submit() -> bool:
    return bool(os.environ.get("PYSPARK_GATEWAY_PORT"))


def _session(master: str | None, arrow_batch_size: int) -> Any:
    """Under spark-submit: its session (master, conf, Java are the cluster's). Otherwise a
    local session, ``local[*]`` unless --master says otherwise."""
    batch = {"spark.sql.execution.arrow.maxRecordsPerBatch": str(arrow_batch_size)}
    if _under_spark_submit() and master is None:
        from pyspark.sql import SparkSession

        builder = SparkSession.builder.appName("redactphi")
        for key, value in batch.items():
            builder = builder.config(key, value)
        return builder.getOrCreate()
    from redactphi.spark.session import local_session

    return local_session(master or "local[*]", arrow_batch_size=arrow_batch_size)
