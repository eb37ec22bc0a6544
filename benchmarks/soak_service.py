"""Soak test of the REST service: does its memory level off under steady load?

    python -m benchmarks.soak_service [--seconds 600] [--clients 4] [--sample 10] [--json FILE]

Starts the real ``serve`` command on 127.0.0.1 (one worker, rate limit off) and keeps
``--clients`` loopback clients busy for ``--seconds`` with a mix of requests: notes full of names,
numbers and words the server has never seen (what grows spaCy's vocabulary and any cache keyed by
text), JSON and text/plain bodies, /v1/analyze, small batches, inline policies, and requests that
fail (422, 404, 413). The server's RSS is sampled every ``--sample`` seconds.

Reports RSS over time, then the growth in the first and second halves of the run (after a
warm-up of one sample). Memory "levels off" when the second half grows less than a quarter as much
as the first and under ``--late-mib`` MiB. Bounded: a fixed number of clients, one request in
flight each, a 60 s timeout per request, loopback only. ``--check`` exits 1 when it does not level
off; without it the benchmark only reports.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import psutil

from benchmarks.bench_service import HOST, free_port, wait_ready


def _word(rng: random.Random, low: int = 4, high: int = 11) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(low, high)))


def unseen_note(rng: random.Random) -> str:
    """An op note whose names, ids and many words are new strings every time."""
    first, last, surgeon = (_word(rng).title() for _ in range(3))
    words = " ".join(_word(rng) for _ in range(40))
    return (
        "OPERATIVE REPORT\n"
        f"Patient: {first} {last}    MRN: {rng.randint(10**7, 10**8 - 1)}    "
        f"DOB: {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/{rng.randint(1930, 2010)}\n"
        f"Surgeon: Dr. {surgeon} {_word(rng).title()}, MD    "
        f"Phone: ({rng.randint(200, 999)}) 555-{rng.randint(1000, 9999)}\n"
        f"Email: {first.lower()}.{_word(rng)}@{_word(rng)}.org    "
        f"Account: ACCT-{rng.randint(10**6, 10**7)}\n"
        f"PROCEDURE: CPT 0489T. {words}.\n"
        f"Mr. {last} tolerated the procedure well; follow-up with Dr. {surgeon} in 2 weeks.\n"
    )


def request_for(rng: random.Random, i: int) -> tuple[str, str, dict[str, Any]]:
    """A mixed request: mostly redactions of unseen notes, some analyses, batches, errors."""
    note = unseen_note(rng)
    kind = i % 10
    if kind <= 3:
        return "POST", "/v1/redact", {"json": {"text": note, "patient_key": _word(rng)}}
    if kind == 4:
        headers = {"Content-Type": "text/plain", "X-Patient-Key": _word(rng)}
        return "POST", "/v1/redact", {"content": note.encode(), "headers": headers}
    if kind == 5:
        return "POST", "/v1/analyze", {"json": {"text": note}}
    if kind == 6:
        docs = [{"id": _word(rng), "text": unseen_note(rng)} for _ in range(3)]
        return "POST", "/v1/redact/batch", {"json": {"documents": docs, "policy": "mask"}}
    if kind == 7:
        policy = {"name": _word(rng), "entities": {"DATE": {"operator": "mask", "char": "#"}}}
        return "POST", "/v1/redact", {"json": {"text": note, "policy": policy}}
    if kind == 8:  # invalid: unknown fields and an unknown preset, both new strings
        return "POST", "/v1/redact", {"json": {"text": note, _word(rng): 1, "policy": _word(rng)}}
    return "GET", f"/v1/{_word(rng)}", {}  # 404 on a path never seen


def rss_mib(pid: int) -> float:
    proc = psutil.Process(pid)
    total = proc.memory_info().rss
    for child in proc.children(recursive=True):
        with contextlib.suppress(psutil.Error):  # a child that just exited
            total += child.memory_info().rss
    return total / 2**20


async def soak(url: str, pid: int, clients: int, seconds: float, sample: float) -> dict[str, Any]:
    samples: list[tuple[float, int, float]] = []  # (elapsed s, requests so far, RSS MiB)
    statuses: dict[str, int] = {}
    count = 0
    started = time.perf_counter()
    deadline = started + seconds

    async def client(index: int) -> None:
        nonlocal count
        rng = random.Random(index)
        async with httpx.AsyncClient(base_url=url, timeout=60) as http:
            i = index
            while time.perf_counter() < deadline:
                method, path, kwargs = request_for(rng, i)
                i += clients
                try:
                    resp = await http.request(method, path, **kwargs)
                    key = str(resp.status_code)
                except httpx.HTTPError as exc:
                    key = exc.__class__.__name__
                statuses[key] = statuses.get(key, 0) + 1
                count += 1

    async def sampler() -> None:
        while True:
            samples.append((time.perf_counter() - started, count, rss_mib(pid)))
            if time.perf_counter() >= deadline:
                return
            await asyncio.sleep(min(sample, max(0.0, deadline - time.perf_counter())))

    await asyncio.gather(sampler(), *(client(i) for i in range(clients)))
    return {"samples": samples, "statuses": statuses, "requests": count}


def verdict(samples: list[tuple[float, int, float]], late_mib: float) -> dict[str, Any]:
    """Growth in the two halves of the run, after the first sample (warm-up)."""
    if len(samples) < 3:
        return {"levels_off": None, "reason": "too few samples; run longer"}
    body = samples[1:]
    mid = body[len(body) // 2]
    early = mid[2] - body[0][2]
    late = body[-1][2] - mid[2]
    late_requests = max(1, body[-1][1] - mid[1])
    levels_off = late <= late_mib and (late <= 0.25 * max(early, 0.0) or late <= 1.0)
    return {
        "early_growth_mib": round(early, 1),
        "late_growth_mib": round(late, 1),
        "late_mib_per_1k_requests": round(1000 * late / late_requests, 2),
        "late_over_early": round(late / early, 3) if early > 0 else None,
        "levels_off": levels_off,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="load duration (10 min)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--sample", type=float, default=10.0, help="seconds between RSS samples")
    parser.add_argument("--late-mib", type=float, default=16.0, help="allowed late growth")
    parser.add_argument("--check", action="store_true", help="exit 1 unless memory levels off")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    port = free_port()
    url = f"http://{HOST}:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDACTPHI_")}
    command = [
        sys.executable, "-m", "redactphi.service.cli", f"--host={HOST}", f"--port={port}",
        "--workers=1", "--rate-limit=off", "--log-level=warning",
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        try:
            wait_ready(url, proc)
            httpx.post(f"{url}/v1/redact", json={"text": "x" * 300_000}, timeout=60)  # a 413
            print(f"soaking {url} for {args.seconds:.0f} s...", file=sys.stderr)
            result = asyncio.run(soak(url, proc.pid, args.clients, args.seconds, args.sample))
        finally:
            proc.terminate()
            proc.wait(timeout=60)

    samples = result["samples"]
    print(f"\nREST service soak, {args.clients} clients, {result['requests']} requests")
    print(f"  statuses {dict(sorted(result['statuses'].items()))}")
    print("  elapsed_s  requests  rss_mib")
    for elapsed, count, rss in samples:
        print(f"  {elapsed:9.0f}  {count:8d}  {rss:7.1f}")
    summary = verdict(samples, args.late_mib)
    print(f"  {summary}")
    if args.json:
        args.json.write_text(json.dumps({**result, **summary}, indent=2), encoding="utf-8")
    server_errors = sum(n for k, n in result["statuses"].items() if not k.isdigit() or k >= "500")
    if server_errors:
        print(f"  server errors or transport failures: {server_errors}")
    if args.check and (summary["levels_off"] is False or server_errors):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
