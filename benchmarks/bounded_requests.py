"""The largest ordinary requests, each as a ratio to a floor measured in the same run.

Run: .venv/bin/python benchmarks/bounded_requests.py

In process (the app through Starlette's test client, a fresh SQLite journal each), the
best of a few runs of:

- GET /journal with 50 and with 50,000 logged doses (the history is paged: the ratio
  of the two is the point, about 1);
- GET /plan.ics for 17,568 doses (a year, twice, hourly, with syringe draws), against
  building the same plan (POST /api/plan's work without its JSON);
- POST /api/plan/stack at the stack bound (six components, 19,872 doses), and over it
  (six of 17,568: refused from the specs), against GET /api/health.

It prints milliseconds and the ratios; issue 30's figures before the change were 1.5 s
for the journal page at 50,000 doses, 7.4 s for the calendar, 3.2 s (66 MB) for the stack.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import insert

RUNS = 3
HOURLY = ",".join(f"{h:02d}:00" for h in range(24))
SIX = ["selank", "semax", "dsip", "tuftsin", "n-acetyl-selank", "n-acetyl-semax-amidate"]
YEAR = {"route": "subcutaneous", "dose": "250mcg", "times": HOURLY, "course": "366d"}
YEAR |= {"cycles": "2", "start": "2026-01-01", "tz": "Europe/Moscow", "compound": "selank"}
YEAR |= {"vial": "5mg", "diluent": "2mL"}


def best(work: Callable[[], Any], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def client(folder: Path, name: str) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from peptidekit.web.app import WebSettings, create_app

    app = create_app(WebSettings(db_url=f"sqlite:///{folder / name}", secret_key="b"))
    return TestClient(app, base_url="http://127.0.0.1")


def journal_with(folder: Path, events: int) -> Any:
    from peptidekit.store.db import transaction
    from peptidekit.store.models import DoseEvent, new_id

    web = client(folder, f"journal-{events}.db")
    journal = web.app.state.journal
    profile = journal.create_profile("me", "UTC")
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": new_id(),
            "profile_id": profile.id,
            "status": "taken",
            "at": now - dt.timedelta(hours=3 * k + 1),
            "tz": "UTC",
            "compound": "Selank",
            "amount_mcg": 300.0,
            "taken_from_vial_mcg": 0.0,
            "route": "intranasal",
            "site": "left nostril",
            "notes": f"dose {k}",
        }
        for k in range(events)
    ]
    with transaction(journal.engine) as s:
        s.execute(insert(DoseEvent), rows)
    web.get("/journal")  # warm
    return web


def stack(course: str, cycles: int) -> dict[str, Any]:
    parts = [f"{n} 250mcg subcutaneous {HOURLY} course={course} cycles={cycles}" for n in SIX]
    return {"components": parts, "course": course, "start": "2026-01-01", "tz": "UTC"}


def main() -> None:
    from peptidekit.web.routes import plan as services

    folder = Path(tempfile.mkdtemp(prefix="peptidekit-bench-"))
    small, large = journal_with(folder, 50), journal_with(folder, 50_000)
    page_small = best(lambda: small.get("/journal"))
    page_large = best(lambda: large.get("/journal"))
    older = large.get("/journal").text.split('href="/journal?before=')[1].split('"')[0]
    page_older = best(lambda: large.get(f"/journal?before={older}"))
    print(f"GET /journal, 50 doses: {page_small * 1000:.1f} ms")
    print(
        f"GET /journal, 50,000 doses: {page_large * 1000:.1f} ms "
        f"({page_large / page_small:.2f}x the 50-dose page); an older page "
        f"{page_older * 1000:.1f} ms ({page_older / page_small:.2f}x)"
    )

    web = client(folder, "plan.db")
    plan_floor = best(lambda: services.make_plan(YEAR))
    answer = web.get("/plan.ics", params=YEAR)
    assert answer.status_code == 200, answer.text[:200]
    ics = best(lambda: web.get("/plan.ics", params=YEAR))
    print(
        f"GET /plan.ics, 17,568 doses: {ics * 1000:.0f} ms, {len(answer.content) / 1e6:.1f} MB "
        f"({ics / plan_floor:.2f}x building the plan alone, {plan_floor * 1000:.0f} ms)"
    )

    health = best(lambda: web.get("/api/health"), runs=20)
    at_bound = web.post("/api/plan/stack", json=stack("138d", 1))
    assert at_bound.status_code == 200, at_bound.text[:200]
    bound = best(lambda: web.post("/api/plan/stack", json=stack("138d", 1)))
    over = web.post("/api/plan/stack", json=stack("366d", 2))
    assert over.status_code == 400, over.text[:200]
    refused = best(lambda: web.post("/api/plan/stack", json=stack("366d", 2)))
    print(
        f"POST /api/plan/stack, six components, 19,872 doses: {bound * 1000:.0f} ms, "
        f"{len(at_bound.content) / 1e6:.1f} MB ({bound / plan_floor:.2f}x the 17,568-dose plan)"
    )
    print(
        f"POST /api/plan/stack, six of 17,568 doses (over the bound): {refused * 1000:.1f} ms, "
        f"refused ({refused / health:.1f}x GET /api/health, {health * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
