"""Web benchmark: requests per second and p50/p99 latency on loopback.

Run: .venv/bin/python benchmarks/web.py [--requests N] [--clients C]
Two servers run as subprocesses, one uvicorn worker each: the app itself
(``peptidekit serve`` with a fresh SQLite journal) and, as the local limit, a
bare FastAPI app with one route that returns a constant. A bounded load
generator (C threads, keep-alive connections, N requests each, after a
warm-up) measures, side by side in one run:

- the floor: GET / on the bare FastAPI app
- GET /api/health (the app's smallest route: middleware, session, headers)
- POST /api/calc/reconstitute (parse, compute, plausibility, JSON)
- GET /compounds/selank (the monograph page, rendered with Jinja2)

and prints each one's throughput as a ratio of the floor.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BARE_APP = """
import uvicorn
from typing import Optional
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
app = FastAPI()
class Body(BaseModel):
    vial: str = Field(max_length=200)
    diluent: str = Field(max_length=40)
    dose: str = Field(max_length=40)
    syringe: Optional[str] = Field(default=None, max_length=40)
    compound: Optional[str] = Field(default=None, max_length=40)
    route: Optional[str] = Field(default=None, max_length=40)
@app.get("/")
async def root():
    return JSONResponse({"ok": True})
@app.post("/post")
async def post(body: Body):
    return JSONResponse({"ok": True, "echo": body.model_dump()})
@app.get("/def")
def plain():
    return {"ok": True}
uvicorn.run(app, host="127.0.0.1", port=int(__import__("sys").argv[1]), log_level="warning")
"""
# The floor is the fastest route FastAPI serves: async, returning its JSON directly
# (no thread hand-off, no response model), the same form as the app's hot routes. A
# second, like-for-like floor for the calculator: a bare POST route that validates the
# same JSON body with pydantic and echoes it (FastAPI's own cost of a POST with a body).
# A third row, the floor issue #17's figures were first taken against: a plain `def`
# route returning a dict (FastAPI runs it in a thread and serialises the dict).

PK_PAGE = (
    "/pk?route=subcutaneous&dose=500mcg&every=8h&days=7&ka=1.5%2Fh&ke=0.3%2Fh"
    "&volume=20L&bioavailability=80%25&subjects=500"
)
RECONSTITUTE = json.dumps(
    {
        "vial": "5mg",
        "diluent": "2mL",
        "dose": "250mcg",
        "compound": "selank",
        "route": "subcutaneous",
        "syringe": "0.3mL",
    }
).encode()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} did not start within {timeout} s")


def wait_until_warm(port: int, timeout: float = 60) -> None:
    """The app warms its PK kernels and plotting in a thread at start; measuring before
    that ends would time the warm-up, not the routes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/api/health")
        if json.loads(conn.getresponse().read()).get("warm", True):
            return
        time.sleep(0.2)
    raise SystemExit(f"the app on port {port} did not finish warming up within {timeout} s")


@contextmanager
def server(command: list[str], port: int, env: dict[str, str]) -> Iterator[int]:
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_until_up(port)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def one_client(
    port: int, method: str, path: str, body: bytes | None, count: int, out: list[float]
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"} if body else {}
    for _ in range(count):
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        out.append(time.perf_counter() - start)
        if response.status != 200:
            raise SystemExit(f"{method} {path} answered {response.status}")
    conn.close()


def load(
    port: int, method: str, path: str, body: bytes | None, clients: int, requests: int
) -> dict[str, float]:
    one_client(port, method, path, body, 50, [])  # warm-up
    latencies: list[list[float]] = [[] for _ in range(clients)]
    threads = [
        threading.Thread(target=one_client, args=(port, method, path, body, requests, lat))
        for lat in latencies
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    flat = sorted(x for lat in latencies for x in lat)
    return {
        "rps": len(flat) / elapsed,
        "p50_ms": statistics.median(flat) * 1e3,
        "p99_ms": flat[min(len(flat) - 1, int(len(flat) * 0.99))] * 1e3,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per client")
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        env["XDG_DATA_HOME"] = env["XDG_CACHE_HOME"] = tmp
        bare_port, app_port = free_port(), free_port()
        bare = [sys.executable, "-c", BARE_APP, str(bare_port)]
        app = [
            sys.executable,
            "-m",
            "peptidekit",
            "serve",
            "--port",
            str(app_port),
            "--db",
            f"sqlite:///{Path(tmp) / 'bench.db'}",
        ]
        with server(bare, bare_port, env), server(app, app_port, env):
            wait_until_warm(app_port)
            cases = [
                ("bare FastAPI GET / (floor)", bare_port, "GET", "/", None),
                ("bare FastAPI POST, same body", bare_port, "POST", "/post", RECONSTITUTE),
                ("bare FastAPI def GET (first floor)", bare_port, "GET", "/def", None),
                ("GET /api/health", app_port, "GET", "/api/health", None),
                (
                    "POST /api/calc/reconstitute",
                    app_port,
                    "POST",
                    "/api/calc/reconstitute",
                    RECONSTITUTE,
                ),
                ("GET /compounds/selank (page)", app_port, "GET", "/compounds/selank", None),
            ]
            print(
                f"{args.clients} clients x {args.requests} requests each, keep-alive, "
                f"one uvicorn worker per server, {os.cpu_count()} CPUs"
            )
            print(
                f"{'case':<32} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs floor':>9} "
                f"{'vs POST':>8}"
            )
            results = [
                (name, method, path, load(port, method, path, body, args.clients, args.requests))
                for name, port, method, path, body in cases
            ]
            # the floor again at the end: the faster of the two is the floor (a slow first
            # measurement would flatter every ratio)
            again = load(bare_port, "GET", "/", None, args.clients, args.requests)
            floor = max(results[0][3]["rps"], again["rps"])
            post_floor = next(r["rps"] for _, _, path, r in results if path == "/post")
            for name, method, _path, r in results:
                like = f"{r['rps'] / post_floor:>7.2f}x" if method == "POST" else ""
                print(
                    f"{name:<32} {r['rps']:>8.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
                    f"{r['rps'] / floor:>8.2f}x {like:>8}"
                )
            print(f"{'(the floor again, at the end)':<32} {again['rps']:>8.0f}")
            # the PK page: one request at a time (population bands and a plot), as
            # latency against the floor's median latency in this run
            floor_ms = load(bare_port, "GET", "/", None, 1, 200)["p50_ms"]
            times: list[float] = []
            one_client(app_port, "GET", PK_PAGE, None, 5, times)
            pk_ms = statistics.median(times) * 1e3
            print(
                f"{'GET /pk 500 subjects, 7 days':<32} {'':>8} {pk_ms:>8.1f} "
                f"{max(times) * 1e3:>8.1f} {pk_ms / floor_ms:>7.0f}x floor latency"
            )


if __name__ == "__main__":
    main()
