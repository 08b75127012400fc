"""Stacks end to end from the CLI and the web: a Selank + Semax nasal stack and an
N-acetyl Selank amidate + Semax subcutaneous blend, planned, calculated, simulated and
journaled, with the figures computed by hand."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peptidekit.cli.main import cli
from peptidekit.web.app import WebSettings, create_app
from tests.integration.conftest import run_json

SELANK = "selank 300mcg intranasal 08:00,14:00,20:00 bottle=3mL concentration=0.15%"
SEMAX = "semax 200mcg intranasal 08:00,14:00 course=10d bottle=3mL concentration=0.1%"
SEMAX_3D = "semax 200mcg intranasal 08:00,14:00 bottle=3mL concentration=0.1%"
SHARED = ["--start", "2026-12-01", "--tz", "Europe/Moscow", "--course", "14d"]
BLEND = "n-acetyl-selank-amidate 5mg + semax 5mg"


def test_cli_plans_a_nasal_stack_into_one_calendar_and_csv(
    runner: CliRunner, tmp_path: Path
) -> None:
    ics, table = tmp_path / "stack.ics", tmp_path / "stack.csv"
    args = ["plan", *SHARED, "--component", SELANK, "--component", SEMAX]
    data = run_json(runner, [*args, "--ics", str(ics), "--csv", str(table)])
    assert data["stack"] == "Selank + Semax"
    assert [c["dose_count"] for c in data["components"]] == [42, 20]
    assert [c["supply"]["to_buy"] for c in data["components"]] == [3, 2]
    assert "nasal_volume_per_nostril" in [w["code"] for w in data["warnings"]]
    text = ics.read_text()
    assert text.count("BEGIN:VEVENT") == 62
    assert "SUMMARY:Semax 200 mcg" in text
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    assert {r["compound"] for r in rows} == {"Selank", "Semax"}
    assert len(rows) == 62
    shown = runner.invoke(cli, args)
    assert shown.exit_code == 0
    assert "Stack: Selank + Semax" in shown.output
    assert "--- component 2 ---" in shown.output


def test_cli_refuses_a_supply_beside_the_components(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, ["plan", *SHARED, "--bottle", "3mL", "--component", SELANK, "--component", SEMAX]
    )
    assert result.exit_code != 0
    assert "--bottle belongs inside each --component" in result.output


def test_cli_calculates_a_blend_draw(runner: CliRunner) -> None:
    data = run_json(
        runner,
        [
            "calc", "reconstitute", "--vial", BLEND, "--diluent", "2mL", "--dose", "300mcg",
            "--compound", "nasa", "--route", "subcutaneous",
        ],
    )  # fmt: skip
    # 2.5 mg/mL of each: 300 mcg = 0.12 mL = 12 units, 300 mcg of each
    assert data["tick_units"] == 12
    assert [(d["compound"], d["mcg"]) for d in data["delivered"]] == [
        ("N-acetyl Selank amidate", pytest.approx(300.0)),
        ("Semax", pytest.approx(300.0)),
    ]


def test_cli_simulates_a_stack_without_summing(runner: CliRunner, tmp_path: Path) -> None:
    plot = tmp_path / "stack.png"
    data = run_json(
        runner,
        [
            "pk", "--days", "2", "--plot", str(plot),
            "--component", "selank 300mcg intranasal 8h volume=20L ka=6/h",
            "--component", "semax 200mcg intranasal 12h volume=20L ka=6/h",
        ],
    )  # fmt: skip
    assert data["summed"] is False
    assert [s["compound"] for s in data["stack"]] == ["Selank", "Semax"]
    selank, semax = data["stack"]
    # each has its own parameters and sources: Selank's bioavailability from its label
    # (92.8%), Semax's absorption from its label (60%, the low end of 60-70%)
    f = {s["compound"]: {p["name"]: p for p in s["parameters"]} for s in data["stack"]}
    assert f["Selank"]["bioavailability"]["value"] == pytest.approx(92.8)
    assert f["Semax"]["bioavailability"]["value"] == pytest.approx(60)
    # doses: every 8 h and every 12 h over 2 days
    assert selank["metrics"]["cmax"] > semax["metrics"]["cmax"] > 0
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    refused = runner.invoke(
        cli, ["pk", "--days", "2", "--subjects", "50", "--component", "selank 300mcg "
              "intranasal 8h volume=20L ka=6/h", "--component", "semax 200mcg intranasal 12h"],
    )  # fmt: skip
    assert refused.exit_code != 0
    assert "one compound at a time" in refused.output


def test_cli_journals_a_blend(runner: CliRunner, tmp_path: Path) -> None:
    j = ["journal", "--db", f"sqlite:///{tmp_path / 'j.db'}", "--profile", "ana"]
    run_json(runner, [*j, "profiles", "add", "ana", "--tz", "Europe/Moscow"])
    # fixed times: the vial is opened the evening before the dose, whatever the clock says
    vial = run_json(
        runner,
        [*j, "vials", "add", "--vial", BLEND, "--diluent", "2mL", "--shelf-life", "28d",
         "--opened", "2026-03-01 20:00"],
    )  # fmt: skip
    assert [c["compound"] for c in vial["blend"]] == ["N-acetyl Selank amidate", "Semax"]
    logged = run_json(
        runner,
        [*j, "log", "--dose", "300mcg", "--vial", vial["id"][:8], "--compound", "semax",
         "--at", "2026-03-02 08:00", "--route", "subcutaneous"],
    )  # fmt: skip
    assert logged["compound"] == "Semax"
    assert logged["co_delivered"] == [{"compound": "N-acetyl Selank amidate", "mcg": 300.0}]
    vials = run_json(runner, [*j, "vials", "list"])["vials"]
    assert [round(c["remaining_mcg"]) for c in vials[0]["blend"]] == [4700, 4700]
    history = run_json(runner, [*j, "history"])
    assert sorted(e["compound"] for e in history) == ["N-acetyl Selank amidate", "Semax"]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    app.state.journal.create_profile("me", "Europe/Moscow")
    return TestClient(app, base_url="http://127.0.0.1")


def test_web_api_plans_and_simulates_stacks(client: TestClient) -> None:
    body = {"components": [SELANK, SEMAX], "course": "14d", "start": "2026-12-01"}
    planned = client.post("/api/plan/stack", json={**body, "tz": "Europe/Moscow"})
    assert planned.status_code == 200, planned.text
    assert [c["dose_count"] for c in planned.json()["components"]] == [42, 20]
    bad = client.post("/api/plan/stack", json={**body, "components": [SELANK], "tz": "UTC"})
    assert bad.status_code == 422
    pk = client.post(
        "/api/pk/stack",
        json={"components": ["selank 300mcg intranasal 8h volume=20L ka=6/h",
                             "semax 200mcg intranasal 12h volume=20L ka=6/h"], "days": "1"},
    )  # fmt: skip
    assert pk.status_code == 200
    assert pk.json()["summed"] is False
    blend = client.post(
        "/api/calc/reconstitute",
        json={"vial": BLEND, "diluent": "2mL", "dose": "300mcg", "compound": "nasa",
              "route": "subcutaneous"},
    )  # fmt: skip
    assert blend.status_code == 200
    assert len(blend.json()["delivered"]) == 2


def test_web_pages_plan_a_stack_and_word_its_errors(client: TestClient) -> None:
    page = client.get(
        "/plan",
        params={"components": f"{SELANK}\n{SEMAX}", "start": "2026-12-01",
                "tz": "Europe/Moscow", "course": "14d"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "Stack: Selank + Semax" in page.text
    assert "Supply: Semax" in page.text
    assert 'data-code="nasal_volume_per_nostril"' in page.text
    ics = client.get(
        "/plan.ics",
        params={"components": f"{SELANK}\n{SEMAX}", "start": "2026-12-01",
                "tz": "Europe/Moscow", "course": "14d"},
    )  # fmt: skip
    assert ics.text.count("BEGIN:VEVENT") == 62
    both = client.get(
        "/plan",
        params={"components": f"{SELANK}\n{SEMAX}", "dose": "300mcg", "start": "2026-12-01",
                "tz": "UTC", "course": "14d"},
    )  # fmt: skip
    assert both.status_code == 400
    assert "leave the single protocol" in both.text
    assert "--" not in re.sub(r"<[^>]+>|<!--.*?-->", "", both.text).split("Not done")[-1][:300]


def test_web_journal_logs_a_blend_dose(client: TestClient) -> None:
    page = client.get("/journal")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    added = client.post("/journal/vials", data={"csrf": token, "vial": BLEND, "diluent": "2mL"})
    assert added.status_code in (200, 303)
    page = client.get("/journal")
    vial_id = re.search(r'<option value="([0-9a-f]{32})"', page.text).group(1)  # type: ignore[union-attr]
    logged = client.post(
        "/journal/log",
        data={"csrf": token, "dose": "300mcg", "vial": vial_id, "compound": "nasa",
              "confirm": "yes"},
        follow_redirects=True,
    )  # fmt: skip
    assert logged.status_code == 200, logged.text
    assert "4700 of 5000 mcg Semax" in logged.text
    assert "4700 of 5000 mcg N-acetyl Selank amidate" in logged.text


def test_web_saves_a_stack_plan_into_the_journal(client: TestClient) -> None:
    from urllib.parse import urlencode

    today = dt.datetime.now(dt.UTC).date().isoformat()
    query = urlencode(
        {"components": f"{SELANK}\n{SEMAX_3D}", "start": today, "tz": "UTC", "course": "3d"}
    )
    page = client.get(f"/plan?{query}")
    # the stack record's sources by their titles (sources.yaml), not by internal ids
    assert "Described by <cite>Selank: Complete Guide</cite>" in page.text
    assert "Described by src-" not in page.text
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert 'id="save-plan"' in page.text
    saved = client.post(
        "/journal/protocols", data={"csrf": token, "plan": query}, follow_redirects=True
    )
    assert saved.status_code == 200
    journal = client.app.state.journal  # type: ignore[attr-defined]
    report = journal.adherence(
        "me", dt.datetime.now(dt.UTC) - dt.timedelta(days=1), dt.datetime.now(dt.UTC)
        + dt.timedelta(days=5),
    )  # fmt: skip
    # 3 days: Selank 3 a day (9) and Semax 2 a day (6), one protocol each
    assert {k: t.planned for k, t in report.by_compound.items()} == {"Selank": 9, "Semax": 6}
    # a stack whose second component fails saves nothing
    broken = urlencode(
        {"components": f"{SELANK}\nsemax 200mcg intranasal 08:00 bottle=3mL", "start": today,
         "tz": "UTC", "course": "3d"}
    )  # fmt: skip
    refused = client.post("/journal/protocols", data={"csrf": token, "plan": broken})
    assert refused.status_code == 400
    assert "component 2 (semax)" in refused.text
    again = journal.adherence(
        "me", dt.datetime.now(dt.UTC) - dt.timedelta(days=1), dt.datetime.now(dt.UTC)
        + dt.timedelta(days=5),
    )  # fmt: skip
    assert again.total.planned == 15


def test_two_compounds_in_one_plan_are_refused_never_dropped(runner: CliRunner) -> None:
    base = ["plan", "--route", "intranasal", "--dose", "300mcg", "--times", "08:00"]
    base += ["--course", "14d", "--start", "2026-12-01", "--tz", "UTC"]
    twice = runner.invoke(cli, [*base, "--compound", "selank", "--compound", "semax"])
    assert twice.exit_code != 0
    assert "given 2 times (selank, semax)" in twice.output
    listed = runner.invoke(cli, [*base, "--compound", "selank,semax"])
    assert listed.exit_code != 0
    assert "names several compounds (selank, semax)" in listed.output
