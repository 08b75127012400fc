"""Several processes writing one journal at once, on SQLite and on PostgreSQL.

Each worker is a separate Python process (not a thread) with its own engine and
connections, as several CLI invocations or web workers would be. They wait on a
barrier and then log doses against the same vial as fast as they can. Whatever
the interleaving, the stock taken must equal the sum of the logged draws exactly,
and a vial must never give more than it holds.
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from peptidekit.store.db import open_engine
from peptidekit.store.journal import Journal

WORKERS = 4
LOGS_EACH = 25
START = dt.datetime(2026, 12, 1, 6, 0, tzinfo=dt.UTC)


def _log_doses(
    url: str,
    vial: str,
    worker: int,
    amount: float,
    barrier: Any,
    results: Any,
    compound: str | None = None,
) -> None:
    from peptidekit.errors import OverdrawError

    journal = Journal(open_engine(url, migrate=False))
    barrier.wait()
    logged = refused = 0
    for i in range(LOGS_EACH):
        at = START + dt.timedelta(minutes=worker * LOGS_EACH + i)
        try:
            journal.log_dose("ana", at=at, amount_mcg=amount, vial_id=vial, compound=compound)
            logged += 1
        except OverdrawError:
            refused += 1
    results.put((logged, refused))


def _journal_with_vial(
    url: str, amount_mcg: float, components: list[tuple[str, float]] | None = None
) -> tuple[Journal, str]:
    journal = Journal(open_engine(url))
    journal.create_profile("ana", "UTC")
    vial = journal.add_vial(
        "ana",
        compound="Selank",
        kind="vial",
        amount_mcg=amount_mcg,
        volume_ml=2.0,
        opened_at=START - dt.timedelta(hours=1),
        storage="refrigerated",
        shelf_life_days=28,
        shelf_life_source="test",
        components=components,
    )
    return journal, vial.id


def _run_workers(
    url: str, vial: str, amount: float, compound: str | None = None
) -> list[tuple[int, int]]:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [
        context.Process(target=_log_doses, args=(url, vial, n, amount, barrier, results, compound))
        for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    outcome = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    return outcome


def test_concurrent_processes_lose_no_stock(db_url: str) -> None:
    # 20 mg in 2 mL = 10 mcg per 0.001 mL: 100 mcg is exactly 1 unit on a 0.3 mL barrel,
    # so every draw delivers exactly 100 mcg and 4 x 25 logs take exactly 10,000 mcg.
    journal, vial = _journal_with_vial(db_url, 20_000.0)
    outcome = _run_workers(db_url, vial, 100.0)
    assert outcome == [(LOGS_EACH, 0)] * WORKERS
    events = journal.history("ana")
    assert len(events) == WORKERS * LOGS_EACH
    taken = sum(e.taken_from_vial_mcg for e in events)
    assert taken == pytest.approx(10_000.0)
    assert journal.vials("ana")[0].remaining_mcg == pytest.approx(20_000.0 - taken)


def test_concurrent_processes_never_overdraw(db_url: str) -> None:
    # 5,000 mcg asked for 10,000 times over in 100 mcg draws by 4 processes at once:
    # exactly 50 draws succeed, the rest are refused, and the vial ends at 0.
    journal, vial = _journal_with_vial(db_url, 5_000.0)
    outcome = _run_workers(db_url, vial, 100.0)
    assert sum(logged for logged, _ in outcome) == 50
    assert sum(refused for _, refused in outcome) == WORKERS * LOGS_EACH - 50
    events = journal.history("ana")
    assert sum(e.taken_from_vial_mcg for e in events) == pytest.approx(5_000.0)
    assert journal.vials("ana")[0].remaining_mcg == pytest.approx(0.0, abs=1e-6)


def test_concurrent_blend_draws_take_every_component_and_never_overdraw(db_url: str) -> None:
    # 5 mg N-acetyl Selank amidate + 10 mg Semax in 2 mL (2.5 and 5 mg/mL). A 200 mcg
    # Semax draw is 0.04 mL (4 units, on its marks) and carries 100 mcg of the amidate,
    # the part the stock counts: 5,000 / 100 = exactly 50 draws, each logged as 2 events.
    parts = [("N-acetyl Selank amidate", 5_000.0), ("Semax", 10_000.0)]
    journal, vial = _journal_with_vial(db_url, 5_000.0, parts)
    outcome = _run_workers(db_url, vial, 200.0, "Semax")
    assert sum(logged for logged, _ in outcome) == 50
    events = journal.history("ana")
    semax = [e for e in events if e.compound == "Semax"]
    amidate = [e for e in events if e.compound == "N-acetyl Selank amidate"]
    assert len(semax) == len(amidate) == 50
    assert sum(e.amount_mcg for e in amidate) == pytest.approx(5_000.0)
    assert {e.draw_group for e in amidate} == {e.id for e in semax}
    assert journal.vials("ana")[0].remaining_mcg == pytest.approx(0.0, abs=1e-6)


def _log_and_undo(url: str, vial: str, worker: int, barrier: Any, results: Any) -> None:
    """Log a dose, and undo every second one, as fast as possible."""
    journal = Journal(open_engine(url, migrate=False))
    barrier.wait()
    kept = 0
    for i in range(LOGS_EACH):
        at = START + dt.timedelta(minutes=worker * LOGS_EACH + i)
        logged = journal.log_dose("ana", at=at, amount_mcg=100.0, vial_id=vial)
        if i % 2:
            journal.delete_dose("ana", logged.event.id)
        else:
            kept += 1
    results.put((kept, 0))


def test_concurrent_undo_gives_back_exactly_what_was_taken(db_url: str) -> None:
    # 4 processes each log 25 doses of 100 mcg and undo 12 of them, interleaved with the
    # others' logs: 4 x 13 doses stay, so exactly 5,200 mcg is gone from the vial
    journal, vial = _journal_with_vial(db_url, 20_000.0)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [
        context.Process(target=_log_and_undo, args=(db_url, vial, n, barrier, results))
        for n in range(WORKERS)
    ]
    for process in processes:
        process.start()
    kept = sum(results.get(timeout=120)[0] for _ in processes)
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert kept == WORKERS * 13
    events = journal.history("ana")
    assert len(events) == kept
    assert journal.vials("ana")[0].remaining_mcg == pytest.approx(20_000.0 - 100.0 * kept)


# ------------------------------------------------------------------ HTTP, several workers
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _call(base: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def multi_worker_server(db_url: str, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PEPTIDEKIT_DB": db_url}
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "peptidekit", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if _call(base, "GET", "/api/health")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("the server did not start: " + (tmp_path / "server.log").read_text())
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_concurrent_http_clients_on_several_workers(multi_worker_server: str) -> None:
    base = multi_worker_server
    assert _call(base, "POST", "/api/journal/profiles", {"name": "ana", "tz": "UTC"})[0] == 200
    status, vial = _call(
        base, "POST", "/api/journal/vials", {"compound": "selank", "vial": "4mg", "diluent": "2mL"}
    )
    assert status == 200
    # 4 mg in 2 mL: 200 mcg is 10 units on a 0.3 mL barrel exactly; 8 clients x 4 logs ask
    # for 6,400 mcg from 4,000: exactly 20 succeed and the vial ends empty.
    body = {"dose": "200mcg", "vial": vial["id"], "confirm": True}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _call(base, "POST", "/api/journal/log", body), range(32)))
    codes = sorted(code for code, _ in answers)
    assert codes.count(200) == 20
    assert codes.count(400) == 12
    assert {a["error"]["code"] for c, a in answers if c == 400} == {"overdraw"}
    vials = _call(base, "GET", "/api/journal/vials")[1]["vials"]
    assert vials[0]["remaining_mcg"] == pytest.approx(0.0, abs=1e-6)
