"""``redactphi serve``: a plain typer command the main CLI registers with ``app.command("serve")``.

Run on its own with ``python -m redactphi.service.cli``. Every option also reads its
``REDACTPHI_*`` variable; API keys come only from ``REDACTPHI_API_KEYS`` or ``--api-keys-file``,
never from the command line, where ``ps`` would show them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from redactphi.service.settings import (
    DEFAULT_ANALYSIS_TIMEOUT,
    DEFAULT_HOST,
    DEFAULT_MAX_BATCH_DOCS,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_NOTE_BYTES,
    DEFAULT_PORT,
    DEFAULT_QUEUE_SIZE,
    DEFAULT_RATE_LIMIT,
    DEFAULT_RECURRING_CHUNKS,
)

_LOG_LEVELS = ("critical", "error", "warning", "info", "debug")


def serve(
    host: Annotated[
        str, typer.Option(envvar="REDACTPHI_HOST", help="Interface to bind.")
    ] = DEFAULT_HOST,
    port: Annotated[
        int,
        typer.Option(envvar="REDACTPHI_PORT", min=0, max=65535, help="TCP port (0: any free)."),
    ] = DEFAULT_PORT,
    workers: Annotated[
        int,
        typer.Option(
            envvar="REDACTPHI_WORKERS", min=1, max=64, help="Worker processes, one model each."
        ),
    ] = 1,
    policy: Annotated[
        str | None,
        typer.Option(
            envvar="REDACTPHI_POLICY",
            help="Default policy preset for requests that name none (default: safe-harbor).",
        ),
    ] = None,
    max_body_bytes: Annotated[
        int,
        typer.Option(envvar="REDACTPHI_MAX_BODY_BYTES", min=1, help="Largest request body (413)."),
    ] = DEFAULT_MAX_BODY_BYTES,
    max_note_bytes: Annotated[
        int,
        typer.Option(
            envvar="REDACTPHI_MAX_NOTE_BYTES",
            min=1,
            help="Largest body of /v1/redact and /v1/analyze (413); batches use --max-body-bytes.",
        ),
    ] = DEFAULT_MAX_NOTE_BYTES,
    max_batch_docs: Annotated[
        int,
        typer.Option(envvar="REDACTPHI_MAX_BATCH_DOCS", min=1, help="Documents per batch (422)."),
    ] = DEFAULT_MAX_BATCH_DOCS,
    analysis_timeout: Annotated[
        float,
        typer.Option(
            envvar="REDACTPHI_ANALYSIS_TIMEOUT",
            min=0.001,
            max=3600,
            help="Seconds a request may wait for and run its analysis (504 after).",
        ),
    ] = DEFAULT_ANALYSIS_TIMEOUT,
    rate_limit: Annotated[
        str,
        typer.Option(
            envvar="REDACTPHI_RATE_LIMIT",
            help="Requests per API key (per client without keys) on /v1, e.g. 300/minute; "
            "'off' to turn it off (429 past it).",
        ),
    ] = DEFAULT_RATE_LIMIT,
    max_chars: Annotated[
        int | None,
        typer.Option(
            envvar="REDACTPHI_MAX_CHARS", min=1, help="Longest text analysed (default: 1000000)."
        ),
    ] = None,
    max_concurrency: Annotated[
        int,
        typer.Option(
            envvar="REDACTPHI_MAX_CONCURRENCY", min=1, help="Analyses at once per worker."
        ),
    ] = DEFAULT_MAX_CONCURRENCY,
    queue_size: Annotated[
        int,
        typer.Option(
            envvar="REDACTPHI_QUEUE_SIZE", min=0, help="Requests waiting for a slot before 503."
        ),
    ] = DEFAULT_QUEUE_SIZE,
    recurring_chunks: Annotated[
        int,
        typer.Option(
            envvar="REDACTPHI_RECURRING_CHUNKS",
            min=0,
            max=1_000_000,
            help="Chunks that recur in the notes (none a finding touched) kept split across "
            "memory zones, ~250 B each; 0: none.",
        ),
    ] = DEFAULT_RECURRING_CHUNKS,
    api_keys_file: Annotated[
        Path | None,
        typer.Option(
            envvar="REDACTPHI_API_KEYS_FILE",
            help="File with one API key per line, each optionally followed by its scopes "
            "(date_shift surrogate hash encrypt); or set REDACTPHI_API_KEYS=k1,k2.",
        ),
    ] = None,
    insecure_no_auth: Annotated[
        bool,
        typer.Option(
            "--insecure-no-auth",
            envvar="REDACTPHI_INSECURE_NO_AUTH",
            help="Allow binding beyond loopback without API keys.",
        ),
    ] = False,
    metrics_public: Annotated[
        bool,
        typer.Option(
            "--metrics-public",
            envvar="REDACTPHI_METRICS_PUBLIC",
            help="Serve /metrics without a key even when keys are configured.",
        ),
    ] = False,
    log_level: Annotated[
        str, typer.Option(envvar="REDACTPHI_LOG_LEVEL", help="critical|error|warning|info|debug.")
    ] = "info",
) -> None:
    """Serve the REST API: POST op notes to /v1/redact and get them back redacted."""
    from pydantic import ValidationError

    from redactphi.errors import ConfigurationError
    from redactphi.service.policy import load_server_policy
    from redactphi.service.settings import ServiceSettings, UnsafeBindError, check_bind

    if log_level.lower() not in _LOG_LEVELS:
        raise typer.BadParameter(f"use one of {', '.join(_LOG_LEVELS)}", param_hint="--log-level")
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "workers": workers,
        "policy": policy,
        "max_body_bytes": max_body_bytes,
        "max_note_bytes": max_note_bytes,
        "max_batch_docs": max_batch_docs,
        "analysis_timeout": analysis_timeout,
        "rate_limit": rate_limit,
        "max_concurrency": max_concurrency,
        "queue_size": queue_size,
        "recurring_chunks": recurring_chunks,
        "api_keys_file": api_keys_file.resolve() if api_keys_file else None,
        "insecure_no_auth": insecure_no_auth,
        "metrics_public": metrics_public,
        "log_level": log_level.lower(),
    }
    try:
        settings = ServiceSettings(**{k: v for k, v in options.items() if v is not None})
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) for e in exc.errors() if e["loc"])
        typer.echo(f"Error: invalid service settings ({fields})", err=True)
        raise typer.Exit(2) from None
    try:
        keys = settings.load_api_keys()
        check_bind(settings, keys)
        load_server_policy(settings.policy)
    except UnsafeBindError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ConfigurationError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None

    # Worker processes build their app from the environment, so hand the resolved options on.
    for name, value in options.items():
        if value is not None:
            os.environ[f"REDACTPHI_{name.upper()}"] = str(value)
    if max_chars is not None:
        os.environ["REDACTPHI_MAX_CHARS"] = str(max_chars)

    import uvicorn
    from uvicorn.config import STARTUP_FAILURE

    from redactphi.service.logs import logging_config
    from redactphi.service.workers import serve as serve_workers

    uvicorn_options: dict[str, Any] = {
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers,
        "log_config": logging_config(settings.log_level),
        "access_log": False,  # the service writes its own access log, without bodies or queries
        "server_header": False,
        "proxy_headers": False,
        # Declared dependencies, named so a missing one fails the start instead of falling
        # back to the pure-Python parser and loop (about 1 ms more a request; README).
        "http": "httptools",
        "loop": "uvloop" if sys.platform != "win32" else "asyncio",
        # A worker answers the supervisor's ping only once it has imported the app; on a busy
        # machine that takes longer than uvicorn's 5 s, and it would be killed in a loop.
        "timeout_worker_healthcheck": 120,
    }
    app = "redactphi.service.app:create_app_from_env"
    if settings.workers == 1:
        uvicorn.run(app, **uvicorn_options)
        return
    try:
        started = serve_workers(uvicorn.Config(app, **uvicorn_options))
    except ConfigurationError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from None
    if not started:
        # As uvicorn does with one worker: a service that could not start must not exit 0.
        typer.echo("Error: a worker failed to start (see the log above)", err=True)
        raise typer.Exit(STARTUP_FAILURE)


def main() -> None:
    typer.run(serve)


if __name__ == "__main__":
    main()
