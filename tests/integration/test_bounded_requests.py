"""Ordinary requests with the largest inputs the forms and API accept (issue 30, point 7):
a calendar of 17,568 doses, a stack of six large components. Times are compared as a
ratio to a floor measured in the same run, never as absolute seconds; the journal page
(50,000 events) is in test_links_and_ids.py and benchmarks/bounded_requests.py."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from peptidekit.ops import plan as ops_plan
from peptidekit.web.app import WebSettings, create_app
from peptidekit.web.routes import plan as services

HOURLY = ",".join(f"{h:02d}:00" for h in range(24))
SIX = ["selank", "semax", "dsip", "tuftsin", "n-acetyl-selank", "n-acetyl-semax-amidate"]
YEAR_HOURLY = {"route": "subcutaneous", "dose": "250mcg", "times": HOURLY, "course": "366d"}
YEAR_HOURLY |= {"cycles": "2", "start": "2026-01-01", "tz": "Europe/Moscow", "compound": "selank"}
YEAR_HOURLY |= {"vial": "5mg", "diluent": "2mL"}  # 366 x 2 x 24 = 17,568 doses, with draws


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'w.db'}", secret_key="t"))
    return TestClient(app, base_url="http://127.0.0.1")


def best_of(runs: int, work: Any) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def test_the_largest_calendar_costs_about_what_its_plan_does(client: TestClient) -> None:
    from peptidekit.protocol.export import to_ics

    answer = client.get("/plan.ics", params=YEAR_HOURLY)
    assert answer.status_code == 200
    assert answer.content.count(b"BEGIN:VEVENT") == 17_568
    plan = services.make_plan(YEAR_HOURLY)
    floor = best_of(2, lambda: services.make_plan(YEAR_HOURLY))  # the plan itself
    writing = best_of(2, lambda: to_ics(plan))
    # before: 7.4 s for the calendar against 0.3 s for the plan (over 20x)
    assert writing < 5 * floor, (writing, floor)


def stack_body(course: str, cycles: int = 1) -> dict[str, Any]:
    components = [f"{n} 250mcg subcutaneous {HOURLY} course={course} cycles={cycles}" for n in SIX]
    return {"components": components, "course": course, "start": "2026-01-01", "tz": "UTC"}


def test_a_stack_over_the_bound_is_refused_before_any_work(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned: list[object] = []
    real = ops_plan.plan_protocol  # each component's own plan
    monkeypatch.setattr(
        ops_plan, "plan_protocol", lambda *a, **k: planned.append(a) or real(*a, **k)
    )
    answer = client.post("/api/plan/stack", json=stack_body("366d", 2))
    assert answer.status_code == 400  # before: 200 after 3.2 s, with 66 MB
    error = answer.json()["error"]
    assert "105,408 doses together" in error["message"]  # 6 x 17,568
    assert "at most 20,000 in one stack" in error["message"]
    assert error["field"] == "component"
    assert planned == []  # refused from the specs: no schedule was built


def test_a_stack_at_the_bound_is_answered_whole(client: TestClient) -> None:
    answer = client.post("/api/plan/stack", json=stack_body("138d"))  # 6 x 3,312 = 19,872
    assert answer.status_code == 200
    body = answer.json()
    assert len(body["doses"]) == 19_872
    assert [len(c["doses"]) for c in body["components"]] == [3312] * 6
    assert len(answer.content) < 16_000_000
    # the stack's own rows are its components' rows, each naming its compound
    firsts = [d for d in body["doses"] if d["utc"] == body["doses"][0]["utc"]]
    assert sorted(d["compound"] for d in firsts) == sorted(
        c["compound"] for c in body["components"]
    )


def test_the_journal_page_lists_at_most_100_vials_those_with_stock_first(
    client: TestClient,
) -> None:
    import datetime as dt

    from sqlalchemy import insert

    from peptidekit.store.db import transaction
    from peptidekit.store.models import Vial, new_id

    journal = client.app.state.journal  # type: ignore[attr-defined]
    profile = journal.create_profile("me", "UTC")
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "id": new_id(),
            "profile_id": profile.id,
            "compound": "Selank",
            "kind": "vial",
            "amount_mcg": 5000.0,
            "volume_ml": 2.0,
            "opened_at": now - dt.timedelta(days=k),
            "storage": "refrigerated",
            "discard_source": "test",
            "remaining_mcg": 5000.0 if k % 2 else 0.0,  # every other one used up
        }
        for k in range(130)
    ]
    with transaction(journal.engine) as s:
        s.execute(insert(Vial), rows)
    page = client.get("/journal").text
    listed = set(re.findall(r'action="/journal/vials/([0-9a-f]{32})/delete"', page))
    with_stock = {r["id"] for r in rows if r["remaining_mcg"] > 0}
    assert len(listed) == 100
    assert with_stock <= listed  # all 65 with stock, then the 35 newest used-up ones
    newest_empty = [r["id"] for r in rows if r["remaining_mcg"] == 0][:35]
    assert listed - with_stock == set(newest_empty)
    assert "30 more vials (used up, or opened longest ago) are not listed here" in page
