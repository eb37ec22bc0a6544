"""Real uvicorn servers on 127.0.0.1 for the service tests.

In-thread servers share the session's one Redactor (one model load for all of them); the
subprocess helper runs the real ``serve`` command when a test needs the whole process (its own
logging, workers, exit codes).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from redactphi import AnalysisError, Redactor
from redactphi.models import Finding
from redactphi.service.app import create_app
from redactphi.service.settings import ServiceSettings

API_KEYS = ("test-key-alpha-0123456789", "test-key-bravo-9876543210")
CRASH = "TRIGGER-ANALYSIS-ERROR"
EXPLODE = "TRIGGER-UNEXPECTED-BUG"
BLOCK = "TRIGGER-BLOCK-UNTIL-RELEASED"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "fuzz: schemathesis run; only with `pytest -m fuzz`")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The fuzz run is long: it runs only when asked for by marker expression.
    if "fuzz" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="fuzz run: use `pytest -m fuzz tests/service` (make fuzz-api)")
    for item in items:
        if item.get_closest_marker("fuzz") is not None:
            item.add_marker(skip)


def settings(**overrides: Any) -> ServiceSettings:
    """Service settings pinned against whatever REDACTPHI_* the shell has set."""
    base: dict[str, Any] = {
        "host": "127.0.0.1",
        "api_keys": [],
        "api_keys_file": None,
        "policy": None,
        "insecure_no_auth": False,
        "metrics_public": False,
        "rate_limit": "",  # off: the suite's own traffic from 127.0.0.1 would trip it
    }
    return ServiceSettings(**{**base, **overrides})


class ThreadServer:
    """A real uvicorn server on 127.0.0.1 and a free port, run in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        config = uvicorn.Config(
            app, host="127.0.0.1", port=0, log_config=None, access_log=False, lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, **{"timeout": 60, **kwargs})


class FaultyRedactor(Redactor):
    """The session's real Redactor with fault triggers, for the failure paths of the service.

    ``CRASH`` in a text raises the library's AnalysisError; ``EXPLODE`` raises a RuntimeError
    quoting the text (a bug no handler expects); ``BLOCK`` holds the analysis thread until
    ``release`` is set. ``broken`` makes every analysis fail. Otherwise analysis is the real one.
    """

    def __init__(self, base: Redactor, *, broken: bool = False) -> None:  # no model reload
        self.__dict__.update(base.__dict__)
        self.broken = broken
        self.entered = threading.Event()
        self.release = threading.Event()
        self.analysed: list[str] = []  # every text that reached analysis, in order

    def analyze(self, text: str) -> list[Finding]:
        self.analysed.append(text)
        if self.broken or CRASH in text:
            raise AnalysisError("analysis failed (RuntimeError)")
        if EXPLODE in text:
            raise RuntimeError(f"unexpected bug while reading {text!r}")
        if BLOCK in text:
            self.entered.set()
            self.release.wait(timeout=60)
        return super().analyze(text)


@pytest.fixture(scope="session")
def open_server(redactor: Redactor) -> Iterator[ThreadServer]:
    """No API keys, default limits."""
    with ThreadServer(create_app(settings(), redactor=redactor)) as server:
        yield server


@pytest.fixture(scope="session")
def auth_server(redactor: Redactor) -> Iterator[ThreadServer]:
    """Two API keys, a 64 KiB body limit and batches of at most 3 documents."""
    app = create_app(
        settings(api_keys=",".join(API_KEYS), max_body_bytes=64 * 1024, max_batch_docs=3),
        redactor=redactor,
    )
    with ThreadServer(app) as server:
        yield server


RATE_KEYS = ("rate-key-alpha-Zq7vR2mXk9LpW4sT8nBc", "rate-key-bravo-3YhJ6dFg1QaE5uVw0iOp")


@pytest.fixture(scope="session")
def limited_server(redactor: Redactor) -> Iterator[ThreadServer]:
    """Two API keys (``.keys``) and a rate limit of 3 requests a minute on /v1."""
    app = create_app(
        settings(api_keys=",".join(RATE_KEYS), rate_limit="3/minute"), redactor=redactor
    )
    with ThreadServer(app) as server:
        server.keys = RATE_KEYS  # type: ignore[attr-defined]
        yield server


@pytest.fixture(scope="session")
def faulty_redactor(redactor: Redactor) -> FaultyRedactor:
    return FaultyRedactor(redactor)


@pytest.fixture(scope="session")
def faulty_server(faulty_redactor: FaultyRedactor) -> Iterator[ThreadServer]:
    """One analysis at a time and no queue, over a Redactor with fault triggers."""
    app = create_app(settings(max_concurrency=1, queue_size=0), redactor=faulty_redactor)
    with ThreadServer(app) as server:
        yield server


@pytest.fixture(scope="session")
def broken_server(redactor: Redactor) -> Iterator[ThreadServer]:
    """Every analysis fails: the model is loaded but the self-test cannot pass."""
    app = create_app(settings(), redactor=FaultyRedactor(redactor, broken=True))
    with ThreadServer(app) as server:
        yield server


@pytest.fixture()
def open_client(open_server: ThreadServer) -> Iterator[httpx.Client]:
    with open_server.client() as client:
        yield client


@pytest.fixture()
def auth_client(auth_server: ThreadServer) -> Iterator[httpx.Client]:
    with auth_server.client(headers={"Authorization": f"Bearer {API_KEYS[0]}"}) as client:
        yield client


# -- the real command in a subprocess -----------------------------------------------------------

_RUNNING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+)")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTPHI_")}
    env.update(extra)
    return env


class ServerProcess:
    """``python -m redactphi.service.cli ...`` with stdout and stderr captured line by line."""

    def __init__(self, args: list[str], env: dict[str, str], cwd: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "redactphi.service.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
            cwd=cwd,
        )
        self.lines: list[str] = []
        self.url = ""
        self._bound = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)
            match = _RUNNING.search(line)
            if match and not self.url:
                self.url = f"http://127.0.0.1:{match.group(1)}"
                self._bound.set()

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        if not self._bound.wait(timeout):
            raise RuntimeError("server did not bind:\n" + self.output)
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.url}/readyz", timeout=30).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server not ready:\n" + self.output)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.terminate()
        code = self.proc.wait(timeout=60)
        self._reader.join(timeout=10)
        return code

    @property
    def output(self) -> str:
        return "".join(self.lines)


# -- fixtures that hand the helpers to test modules (importlib mode: no `from conftest import`) --


class Triggers:
    crash = CRASH
    explode = EXPLODE
    block = BLOCK


@pytest.fixture(scope="session")
def faulty_redactor_class() -> type[FaultyRedactor]:
    """``faulty_redactor_class(redactor)``: a fresh FaultyRedactor over the session's model."""
    return FaultyRedactor


@pytest.fixture(scope="session")
def api_keys() -> tuple[str, ...]:
    return API_KEYS


@pytest.fixture(scope="session")
def triggers() -> type[Triggers]:
    return Triggers


@pytest.fixture(scope="session")
def service_settings() -> Any:
    """``service_settings(**overrides)``: ServiceSettings pinned against the shell's env."""
    return settings


@pytest.fixture()
def serve_app(redactor: Redactor) -> Iterator[Any]:
    """``serve_app(settings, redactor=None)``: start one more in-thread server (stopped after)."""
    servers: list[ThreadServer] = []

    def start(service: ServiceSettings, served: Redactor | None = None) -> ThreadServer:
        server = ThreadServer(create_app(service, redactor=served or redactor)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def serve_app_module(redactor: Redactor) -> Iterator[Any]:
    """``serve_app_module(**settings)``: in-thread servers kept for a whole test module."""
    servers: list[ThreadServer] = []

    def start(**overrides: Any) -> ThreadServer:
        server = ThreadServer(create_app(settings(**overrides), redactor=redactor)).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


@pytest.fixture()
def spawn_server(tmp_path: Path) -> Iterator[Any]:
    """``spawn_server(args, env)``: the real serve command in a subprocess (stopped after)."""
    procs: list[ServerProcess] = []

    def start(args: list[str], env: dict[str, str]) -> ServerProcess:
        proc = ServerProcess(args, env, tmp_path)
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.stop()


@pytest.fixture(scope="session")
def env_without_service_vars() -> Any:
    """``env_without_service_vars(**extra)``: os.environ minus every REDACTPHI_* variable."""
    return clean_env
