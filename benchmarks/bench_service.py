"""Loopback load test of the REST service, next to the library's single-process throughput.

    python -m benchmarks.bench_service [--seconds 30] [--clients 10] [--workers 1]
                                       [--max-concurrency 2] [--queue-size 32] [--json FILE]

Starts the real ``serve`` command on 127.0.0.1 and a free port, then ``--clients`` concurrent
httpx clients post generated op notes of about 3 KB to ``POST /v1/redact`` for ``--seconds``.
Reports requests/s, p50/p95/p99 latency and the error count, and the library's own notes/s
(one ``Redactor`` in this process, same notes, measured before the server starts). Client and
server share the machine, so the service figure includes the cost of the load generator.
Benchmarks report; they do not fail on slowness.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

TARGET_BYTES = 3000
HOST = "127.0.0.1"


def op_notes(n: int, seed: int = 7) -> list[str]:
    """About-3 KB op notes: generated ones near that size, else simple notes padded to it."""
    try:
        from benchmarks.corpus import generate_corpus
    except ImportError:
        texts: list[str] = []
    else:
        texts = [str(note["text"]) for note in generate_corpus(max(n * 4, 200), seed)]
    near = [t for t in texts if 2200 <= len(t.encode()) <= 3800]
    if len(near) >= n:
        return near[:n]
    return near + [_simple_note(i) for i in range(n - len(near))]


def _simple_note(i: int) -> str:
    from faker import Faker

    fake = Faker("en_US")
    fake.seed_instance(i)
    code = ("0489T", "0748T", "0263T")[i % 3]
    head = (
        f"OPERATIVE REPORT\nPatient: {fake.name()}    MRN: {10_000_000 + i}\n"
        f"DOB: {fake.date_of_birth().strftime('%m/%d/%Y')}    "
        f"Date of service: {fake.date_this_year().strftime('%m/%d/%Y')}\n"
        f"Surgeon: {fake.name()}, MD    Phone: {fake.phone_number()}\n\n"
        f"PROCEDURE: CPT {code}, autologous cell therapy.\n"
    )
    body = (
        "The patient was brought to the operating room and placed supine. Lidocaine 1% 10 mL "
        "was infiltrated. Harvest, processing and injection proceeded without complication. "
        "Estimated blood loss 10 mL. The patient tolerated the procedure well.\n"
    )
    text = head
    while len(text.encode()) < TARGET_BYTES:
        text += body
    return text


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def library_notes_per_second(notes: list[str], seconds: float) -> dict[str, float]:
    """One Redactor, one thread: notes/s over repeated passes for about ``seconds``."""
    from redactphi import Redactor

    started = time.perf_counter()
    redactor = Redactor()
    load = time.perf_counter() - started
    for text in notes[:5]:  # warm-up
        redactor.redact(text)
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        redactor.redact(notes[done % len(notes)])
        done += 1
    elapsed = time.perf_counter() - started
    return {"notes_per_s": done / elapsed, "notes": done, "load_s": load}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(args: argparse.Namespace, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTPHI_")}
    command = [
        sys.executable,
        "-m",
        "redactphi.service.cli",
        f"--host={HOST}",
        f"--port={port}",
        f"--workers={args.workers}",
        f"--max-concurrency={args.max_concurrency}",
        f"--queue-size={args.queue_size}",
        "--rate-limit=off",  # measure throughput, not the per-client limit
        "--log-level=warning",
    ]
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)


def wait_ready(url: str, proc: subprocess.Popen[bytes], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=30).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError("server not ready in time")


async def load(url: str, notes: list[str], clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    deadline = time.perf_counter() + seconds

    async def client(index: int) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            i = index
            while time.perf_counter() < deadline:
                text = notes[i % len(notes)]
                i += clients
                t0 = time.perf_counter()
                try:
                    resp = await http.post("/v1/redact", json={"text": text})
                    key = str(resp.status_code)
                except httpx.HTTPError as exc:
                    key = exc.__class__.__name__
                latencies.append(time.perf_counter() - t0)
                statuses[key] = statuses.get(key, 0) + 1

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    elapsed = time.perf_counter() - started
    ok = statuses.get("200", 0)
    return {
        "seconds": elapsed,
        "requests": len(latencies),
        "ok": ok,
        "errors": len(latencies) - ok,
        "statuses": statuses,
        "requests_per_s": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 50) * 1000 if latencies else float("nan"),
        "p95_ms": percentile(latencies, 95) * 1000 if latencies else float("nan"),
        "p99_ms": percentile(latencies, 99) * 1000 if latencies else float("nan"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="load duration")
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--max-concurrency", type=int, default=2, help="analyses per worker")
    parser.add_argument("--queue-size", type=int, default=32, help="wait queue per worker")
    parser.add_argument("--notes", type=int, default=100, help="distinct notes to cycle")
    parser.add_argument("--library-seconds", type=float, default=15.0)
    parser.add_argument("--no-library", action="store_true", help="skip the library baseline")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    notes = op_notes(args.notes)
    mean_bytes = sum(len(t.encode()) for t in notes) / len(notes)
    print(f"{len(notes)} op notes, mean {mean_bytes:.0f} bytes", file=sys.stderr)
    library = None
    if not args.no_library:
        print("measuring the library (one process, one thread)...", file=sys.stderr)
        library = library_notes_per_second(notes, args.library_seconds)

    port = free_port()
    url = f"http://{HOST}:{port}"
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        proc = start_server(args, port, log)
        try:
            wait_ready(url, proc)
            for text in notes[:5]:
                httpx.post(f"{url}/v1/redact", json={"text": text}, timeout=60)
            print(f"loading {url} for {args.seconds:.0f} s...", file=sys.stderr)
            service = asyncio.run(load(url, notes, args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=60)

    print(
        f"\nREST service, {args.clients} clients, {args.workers} worker(s), "
        f"{args.max_concurrency} analyses/worker, notes of ~{mean_bytes:.0f} B, "
        f"{service['seconds']:.0f} s on {os.cpu_count()} CPUs"
    )
    print(f"  requests/s       {service['requests_per_s']:8.1f}")
    print(f"  latency p50      {service['p50_ms']:8.1f} ms")
    print(f"  latency p95      {service['p95_ms']:8.1f} ms")
    print(f"  latency p99      {service['p99_ms']:8.1f} ms")
    print(f"  requests         {service['requests']:8d}   errors {service['errors']}")
    if service["errors"]:
        print(f"  statuses         {service['statuses']}")
    if library is not None:
        print(f"library, single process: {library['notes_per_s']:.1f} notes/s")
        ratio = service["requests_per_s"] / library["notes_per_s"]
        print(f"  service / library  {ratio:.2f}")
    if args.json:
        figures = {
            "service": service,
            "library": library,
            "clients": args.clients,
            "workers": args.workers,
            "max_concurrency": args.max_concurrency,
            "mean_note_bytes": mean_bytes,
        }
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
