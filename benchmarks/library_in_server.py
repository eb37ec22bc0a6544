"""``redactphi serve`` (one worker) with the library timed in the same process, beside it.

    python -m benchmarks.library_in_server COMMAND_FD REPLY_FD [serve options...]

``bench_service`` compares the service with the library. Timed in two processes, that
comparison also carries where each process's memory landed, a few percent of a note either
way from one pair of processes to the next. Here the library calls run on the service's own
Redactor, in its process and its analysis thread, while the service is idle: what is left
between the two is what the service adds. They run inside the service's memory zone, as every
analysis of a served Redactor must (``redactphi.service.memory``).

Each line on ``COMMAND_FD`` is a JSON list of texts; the answer on ``REPLY_FD`` is one JSON
line, ``{"seconds": [...], "cpu": s}``: each text's ``redactor.redact(text)`` wall time and
the thread's CPU time for all of them. Benchmark texts only: nothing here is logged.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from functools import partial
from typing import TextIO

from fastapi import FastAPI

from redactphi import Redactor


def time_library(app: FastAPI, commands: TextIO, replies: TextIO) -> None:
    from redactphi.service.memory import bounded

    def redact(redactor: Redactor, text: str) -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.thread_time()
        bounded(redactor, partial(redactor.redact, text))
        return time.perf_counter() - started, time.thread_time() - cpu

    for line in commands:
        texts: list[str] = json.loads(line)
        service = app.state.service
        # In the service's own analysis thread (one client: always the same one). From a thread
        # of its own, the library's CPU a note was -0.2 to +5.5 ms off the server's over four
        # runs; from this one, +1.1 to +3.8 ms, the event loop's share included.
        executor = service.runner._executor  # started by the client's first request
        if executor is None:
            raise RuntimeError("time the library after the service has answered a request")
        timed = [executor.submit(redact, service.redactor, text).result() for text in texts]
        answer = {"seconds": [s for s, _ in timed], "cpu": sum(c for _, c in timed)}
        replies.write(json.dumps(answer) + "\n")
        replies.flush()


def main(argv: list[str]) -> None:
    import redactphi.service.app as service_app
    from redactphi.service import cli

    commands = os.fdopen(int(argv[0]), encoding="utf-8")
    replies = os.fdopen(int(argv[1]), "w", encoding="utf-8")
    create_app = service_app.create_app_from_env

    def create_app_with_library() -> FastAPI:
        app = create_app()
        threading.Thread(
            target=time_library, args=(app, commands, replies), name="library", daemon=True
        ).start()
        return app

    # ``serve`` hands uvicorn the factory by its import path, read when uvicorn starts.
    service_app.create_app_from_env = create_app_with_library
    sys.argv = [sys.argv[0], *argv[2:]]  # one worker: the others would not have the timer
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
