"""Serving with several worker processes, each accepting on its own socket.

uvicorn's supervisor binds one listening socket that every worker accepts on, and Linux wakes
the waiting workers in LIFO order: nearly every connection lands on the same worker while the
others idle (gunicorn #2670). On Linux each worker here gets its own ``SO_REUSEPORT`` socket on
the same address instead, and the kernel spreads new connections across the sockets by a hash
of each connection's addresses and ports. Elsewhere ``SO_REUSEPORT`` does not balance, so the
workers share one socket as in uvicorn.

Every socket is made with ``IPPROTO_TCP``: asyncio sets ``TCP_NODELAY`` on an accepted
connection only when the listening socket's ``proto`` says TCP, and uvicorn's own socket says 0
(uvicorn #3149), so each keep-alive response after the first could wait ~40 ms for a delayed ACK.
"""

from __future__ import annotations

import logging
import pickle
import socket
import sys
from multiprocessing.connection import wait

from uvicorn import Config
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

from redactphi.errors import ConfigurationError

logger = logging.getLogger("uvicorn.error")

# BSD and macOS have SO_REUSEPORT too, but there the newest socket takes every connection.
BALANCES_ACROSS_SOCKETS = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def serve(config: Config) -> bool:
    """Run ``config.workers`` workers until a signal stops them; False when a worker could not
    start (the app failed to load), so the command can exit non-zero.

    ``config`` binds a host and port (``serve`` never gives a Unix socket or a descriptor).
    Raises ConfigurationError when the address cannot be bound, before any worker starts.
    """
    per_worker = BALANCES_ACROSS_SOCKETS and config.workers > 1
    sockets = bind(config.host, config.port, config.workers if per_worker else 1)
    try:
        host = f"[{config.host}]" if ":" in config.host else config.host
        # The line uvicorn prints, which scripts and tests read the port from.
        logger.info(
            "Uvicorn running on %s://%s:%d (Press CTRL+C to quit)",
            "https" if config.is_ssl else "http",
            host,
            sockets[0].getsockname()[1],
        )
        supervisor = (SocketPerWorker if per_worker else Multiprocess)(config, sockets=sockets)
        supervisor.run()
        return not getattr(supervisor, "startup_failed", False)
    finally:
        for sock in sockets:
            sock.close()


def bind(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` TCP sockets bound to (host, port), in one SO_REUSEPORT group when count > 1.

    Port 0 picks a free port for the first socket and binds the rest to it. The sockets are not
    listening yet: each worker starts listening once its app is loaded, so no connection waits
    on a worker that is still starting.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        if count > 1 and port != 0:
            # A second server started on the same port would join the group and silently take
            # a share of the connections. A bind without SO_REUSEPORT fails while one listens.
            with _tcp_socket(family) as probe:
                probe.bind((host, port))
        for _ in range(count):
            sock = _tcp_socket(family)
            sockets.append(sock)
            if count > 1:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            port = sock.getsockname()[1]
            sock.set_inheritable(True)
    except OSError as exc:
        for sock in sockets:
            sock.close()
        where = f"[{host}]:{port}" if family == socket.AF_INET6 else f"{host}:{port}"
        raise ConfigurationError(
            f"cannot bind {where} ({exc.strerror or exc}); "
            "stop whatever is listening there or choose another --port"
        ) from None
    return sockets


def _tcp_socket(family: socket.AddressFamily) -> socket.socket:
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    return sock


class SocketPerWorker(Multiprocess):
    """uvicorn's supervisor, with the worker in slot i always on ``sockets[i]``.

    A replacement, after a crash, a hang or SIGHUP, takes over its slot's socket, which the
    supervisor keeps open and listening: connections the kernel hashed to it wait in its queue
    for the replacement rather than being refused. The methods follow uvicorn 0.54's, which
    hand every worker all the sockets.
    """

    startup_failed = False

    def _start(self, slot: int) -> Process:
        process = Process(self.config, [self.sockets[slot]])
        process.start()
        return process

    def init_processes(self) -> None:
        self.processes = [self._start(slot) for slot in range(self.processes_num)]

    def restart_all(self) -> None:
        # SIGHUP: each replacement must be serving before the worker it replaces is stopped.
        for slot, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = self._start(slot)
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                if not self.should_exit.is_set():
                    logger.error(
                        f"New child process [{new.pid}] was not ready in time; "
                        f"keeping worker [{old.pid}] and aborting the restart."
                    )
                return
            old.terminate()
            old.join()
            self.processes[slot] = new

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for slot, process in enumerate(self.processes):
            if _answers(process, self.config.timeout_worker_healthcheck):
                continue
            process.kill()  # hung, or already dead
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                # The app cannot start; every replacement would fail the same way.
                logger.error(
                    f"Child process [{process.pid}] failed to start, stopping the parent process."
                )
                self.startup_failed = True
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            logger.info(f"Child process [{process.pid}] died")
            self.processes[slot] = self._start(slot)

    # A slot added or removed at run time would need a socket joined to or dropped from the
    # group, and dropping one resets the connections queued on it; the count stays fixed.
    def handle_ttin(self) -> None:
        logger.warning("Received SIGTTIN: ignored; restart with another --workers to add one.")

    def handle_ttou(self) -> None:
        logger.warning("Received SIGTTOU: ignored; restart with another --workers to remove one.")


def _answers(process: Process, timeout: float) -> bool:
    """uvicorn's health ping, which also ends when the worker exits.

    The supervisor holds both ends of a worker's pipe, so a worker that exits between the
    liveness check and the ping never reads as end-of-file: uvicorn's ping then waits the whole
    timeout (120 s here) before a worker that failed to start is noticed.
    """
    if not process.process.is_alive():
        return False
    try:
        process.parent_conn.send(b"ping")
        if process.parent_conn not in wait(
            [process.parent_conn, process.process.sentinel], timeout
        ):
            return False
        process.parent_conn.recv()
        return True
    except (OSError, EOFError, pickle.UnpicklingError):
        return False
