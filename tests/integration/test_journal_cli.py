"""The journal from the command line: the whole flow, then export, wipe and re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli
from tests.integration.conftest import run_json


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def test_a_course_from_vial_to_reimport(runner: CliRunner, db: str, tmp_path: Path) -> None:
    j = ["journal", "--db", db, "--profile", "ana"]
    run_json(runner, ["journal", "--db", db, "profiles", "add", "ana", "--tz", "Europe/Moscow"])
    vial = run_json(
        runner,
        [
            *j,
            "vials",
            "add",
            "--compound",
            "selank",
            "--vial",
            "5mg",
            "--diluent",
            "2mL",
            "--opened",
            "2026-11-20 07:00",
        ],
    )
    assert vial["discard_by"].startswith("2026-12-18")  # 28 days, from the knowledge base
    assert "selank.storage.reconstituted" in vial["discard_source"]
    plan = run_json(
        runner,
        [
            *j,
            "protocols",
            "add",
            "--name",
            "c1",
            "--compound",
            "selank",
            "--route",
            "subcutaneous",
            "--dose",
            "250mcg",
            "--times",
            "08:00,20:00",
            "--course",
            "3d",
            "--start",
            "2026-11-20",
        ],
    )
    assert plan["planned_doses"] == 6
    for when in ("2026-11-20 08:02", "2026-11-20 20:10", "2026-11-21 08:00"):
        event = run_json(
            runner,
            [
                *j,
                "log",
                "--dose",
                "250mcg",
                "--vial",
                vial["id"][:6],
                "--dead-space",
                "0.07mL",
                "--site",
                "arm-left",
                "--at",
                when,
            ],
        )
        assert event["planned_dose_id"] is not None
        assert event["taken_from_vial_mcg"] == pytest.approx(250 + 0.07 * 2500)
    run_json(
        runner, [*j, "log", "--dose", "0mcg", "--status", "skipped", "--at", "2026-11-21 20:00"]
    )
    run_json(
        runner,
        [*j, "checkin", "--gad7", "2,2,1,1,1,1,1", "--sleep", "6.5h", "--at", "2026-11-20 21:00"],
    )
    checkin = run_json(
        runner, [*j, "checkin", "--gad7", "1,1,1,0,0,1,1", "--at", "2026-11-21 21:00"]
    )
    assert checkin["gad7_score"] == 5
    assert checkin["trends"]["gad7"]["slope_per_week"] == pytest.approx(-4 * 7)
    listing = run_json(runner, [*j, "vials", "list"])
    assert listing["vials"][0]["remaining_mcg"] == pytest.approx(5000 - 3 * 425)
    report = run_json(runner, [*j, "adherence", "--from", "2026-11-20", "--to", "2026-11-22"])
    assert report["total"]["taken"] == 3
    assert report["total"]["skipped"] == 1
    assert report["by_course"]["1"]["planned"] == 6

    export = tmp_path / "everything.json"
    run_json(runner, [*j, "export", str(export)])
    before = json.loads(export.read_text())
    other = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    run_json(runner, ["journal", "--db", other, "import", str(export)])
    again = tmp_path / "again.json"
    run_json(runner, ["journal", "--db", other, "export", str(again)])
    assert json.loads(again.read_text()) == before


def test_refusals_are_one_line(runner: CliRunner, db: str) -> None:
    j = ["journal", "--db", db]
    result = runner.invoke(cli, [*j, "log", "--dose", "250mcg"])
    assert result.exit_code == 2
    assert "--profile" in result.stderr
    runner.invoke(cli, [*j, "profiles", "add", "ana", "--tz", "UTC"])
    result = runner.invoke(cli, [*j, "--profile", "ana", "checkin", "--gad7", "1,2"])
    assert result.exit_code == 2
    assert "expected seven answers 0-3" in result.stderr
    result = runner.invoke(cli, [*j, "--profile", "ana", "log", "--dose", "250", "--at", "now"])
    assert result.exit_code == 2
    assert "bare number" in result.stderr
