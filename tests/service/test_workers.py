"""``serve --workers=2``: each worker accepts on its own socket; connections spread over them."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil
import pytest

from redactphi.service.workers import BALANCES_ACROSS_SOCKETS, bind

pytestmark = pytest.mark.skipif(
    not BALANCES_ACROSS_SOCKETS, reason="SO_REUSEPORT spreads connections on Linux only"
)

NOTE = json.dumps({"text": "Seen by Dr. Alma Reyes on 03/04/2021 for a knee review."})
STARTED = "Application startup complete."  # uvicorn's line, just before a worker listens


def _port(server: Any) -> int:
    return int(server.url.rsplit(":", 1)[1])


def _listening_workers(server: Any, started: int, gone: int = 0) -> dict[int, frozenset[str]]:
    """Once ``started`` workers have started in all: each listening worker's listening sockets.

    A socket is named by its inode, ``socket:[123]``: the same name in two processes is the
    same socket.
    """
    port = _port(server)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found: dict[int, frozenset[str]] = {}
        for child in psutil.Process(server.proc.pid).children():
            with contextlib.suppress(psutil.Error, OSError):  # a child that just exited
                listening = frozenset(
                    os.readlink(f"/proc/{child.pid}/fd/{conn.fd}")
                    for conn in child.net_connections("tcp")
                    if conn.status == psutil.CONN_LISTEN and conn.laddr.port == port
                )
                if listening and child.pid != gone:
                    found[child.pid] = listening
        if server.output.count(STARTED) >= started and len(found) == 2:
            return found
        time.sleep(0.2)
    raise AssertionError("the workers did not start:\n" + server.output)


def _workers_answering(server: Any, workers: Iterable[int], connections: int) -> set[int]:
    """Open the connections together, then POST the note on each: the workers that answered."""
    conns: list[http.client.HTTPConnection] = []
    answered: set[int] = set()
    try:
        for _ in range(connections):
            conns.append(http.client.HTTPConnection("127.0.0.1", _port(server), timeout=60))
            conns[-1].connect()
        for conn in conns:
            conn.request(
                "POST", "/v1/redact", body=NOTE, headers={"Content-Type": "application/json"}
            )
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 200
            # Kept alive, the connection is still held by the worker that accepted it.
            client = conn.sock.getsockname()
            holders = [
                pid
                for pid in workers
                if any(c.raddr == client for c in psutil.Process(pid).net_connections("tcp"))
            ]
            assert len(holders) == 1, holders
            answered.add(holders[0])
    finally:
        for conn in conns:
            conn.close()
    return answered


def test_each_worker_has_its_socket_and_its_share(
    spawn_server: Any, env_without_service_vars: Any
) -> None:
    server = spawn_server(
        ["--port=0", "--workers=2", "--rate-limit=off"], env_without_service_vars()
    )
    server.wait_ready()
    sockets = _listening_workers(server, started=2)
    # uvicorn's supervisor handed both workers one socket, and whichever woke first took the
    # waiting connections (often all of them); now each worker has its own.
    assert all(len(held) == 1 for held in sockets.values())
    assert len(set(sockets.values())) == 2
    # The kernel picks a socket by a hash of each connection's addresses and ports: 16
    # connections all land on one of the two workers with probability 2/2^16 (3 in 100,000).
    assert _workers_answering(server, sockets, 16) == set(sockets)

    # A killed worker's replacement takes over its socket, and with it that socket's share.
    killed = next(iter(sockets))
    psutil.Process(killed).kill()
    after = _listening_workers(server, started=3, gone=killed)
    assert killed not in after
    assert set(after.values()) == set(sockets.values())
    assert _workers_answering(server, after, 16) == set(after)
    assert server.stop() == 0


@pytest.mark.parametrize("reuseport", [False, True], ids=["plain-socket", "reuseport-socket"])
def test_a_port_in_use_stops_start_up(
    env_without_service_vars: Any, tmp_path: Path, reuseport: bool
) -> None:
    # A reuseport listener is what a second `serve --workers` on the port would be: joining its
    # group would silently split the connections between the two servers.
    with socket.socket() as holder:
        if reuseport:
            holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        proc = subprocess.run(
            [sys.executable, "-m", "redactphi.service.cli", "--workers=2", f"--port={port}"],
            capture_output=True,
            text=True,
            env=env_without_service_vars(),
            cwd=tmp_path,
            timeout=120,
        )
    assert proc.returncode == 1, proc.stderr
    assert f"cannot bind 127.0.0.1:{port}" in proc.stderr and "--port" in proc.stderr
    assert "Uvicorn running" not in proc.stdout + proc.stderr


def test_accepted_connections_get_tcp_nodelay() -> None:
    # asyncio turns Nagle's algorithm off on an accepted connection only when the listening
    # socket says IPPROTO_TCP; with it on, a keep-alive response can wait for a delayed ACK.
    sockets = bind("127.0.0.1", 0, 2)
    try:
        assert len({sock.getsockname() for sock in sockets}) == 1
        # Its own thread: a test before it in this process (the browser's sync API) may have
        # left an event loop running in this one, and asyncio.run refuses to nest.
        with ThreadPoolExecutor(1) as pool:
            nodelay = pool.submit(asyncio.run, _nodelay_of_an_accepted_connection(sockets))
            assert nodelay.result(timeout=60) != 0
    finally:
        for sock in sockets:
            sock.close()


async def _nodelay_of_an_accepted_connection(sockets: list[socket.socket]) -> int:
    loop = asyncio.get_running_loop()
    nodelay: asyncio.Future[int] = loop.create_future()

    class Accept(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            if not nodelay.done():
                nodelay.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    servers = [await loop.create_server(Accept, sock=sock) for sock in sockets]
    _, writer = await asyncio.open_connection(*sockets[0].getsockname())
    try:
        return await asyncio.wait_for(nodelay, timeout=30)
    finally:
        writer.close()
        for server in servers:
            server.close()


def test_a_worker_that_cannot_start_stops_the_server_non_zero(
    env_without_service_vars: Any, tmp_path: Path
) -> None:
    # Every worker fails to load the model: the supervisor must stop, and say so in its status.
    proc = subprocess.run(
        [sys.executable, "-m", "redactphi.service.cli", "--workers=2", "--port=0"],
        capture_output=True,
        text=True,
        env=env_without_service_vars(REDACTPHI_MODEL_NAME="no_such_spacy_model"),
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 3, proc.stderr
    assert "a worker failed to start" in proc.stderr
