"""Odd input gets one line and exit 2 (or HTTP 400), never exit 70, a 500 or a trace."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli
from tests.integration.conftest import run_json


def refused(runner: CliRunner, args: list[str], phrase: str) -> str:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert phrase in result.output
    return str(result.output)


@pytest.fixture
def journal(runner: CliRunner, tmp_path: Path) -> list[str]:
    db = f"sqlite:///{tmp_path / 'j.sqlite3'}"
    run_json(runner, ["journal", "--db", db, "profiles", "add", "ana", "--tz", "UTC"])
    return ["journal", "--db", db, "--profile", "ana"]


@pytest.mark.parametrize(
    ("tz", "phrase"),
    [
        ("Asia", "unknown time zone 'Asia'"),
        ("America", "unknown time zone 'America'"),
        ("x" * 300, "(300 characters)"),
        ("Mars/Base", "unknown time zone"),
    ],
)
def test_time_zones_that_are_folders_or_too_long(
    runner: CliRunner, tmp_path: Path, tz: str, phrase: str
) -> None:
    db = f"sqlite:///{tmp_path / 'tz.sqlite3'}"
    refused(runner, ["journal", "--db", db, "profiles", "add", "ana", "--tz", tz], phrase)
    plan = ["plan", "--route", "intranasal", "--dose", "300mcg", "--times", "08:00"]
    refused(runner, [*plan, "--course", "3d", "--start", "2026-12-01", "--tz", tz], phrase)


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--dose", "250mcg", "--at", "9999-12-31 23:59"],
        ["log", "--dose", "250mcg", "--at", "0001-01-01T00:00+14:00"],
        ["adherence", "--to", "9999-12-31"],
        ["adherence", "--from", "0001-01-01"],
    ],
)
def test_dates_at_the_calendars_ends(
    runner: CliRunner, journal: list[str], args: list[str]
) -> None:
    output = refused(runner, [*journal, *args], "")
    assert "1970" in output or "2199" in output


def test_an_infinite_vial_is_refused_everywhere(runner: CliRunner, journal: list[str]) -> None:
    calc = ["calc", "reconstitute", "--vial", "1e308 mg", "--diluent", "2mL", "--dose", "1mg"]
    refused(runner, calc, "larger than 1 kg")
    add = [*journal, "vials", "add", "--compound", "selank", "--vial", "1e308 mg"]
    refused(runner, [*add, "--diluent", "2mL"], "larger than 1 kg")


def test_work_is_bounded_before_it_starts(runner: CliRunner) -> None:
    plan = ["plan", "--route", "intranasal", "--dose", "300mcg", "--times", "08:00"]
    plan += ["--course", "14d", "--start", "2026-12-01", "--tz", "UTC"]
    refused(runner, [*plan, "--cycles", "100000"], "expected at most 3653")
    times = ",".join(f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30))
    refused(runner, [*plan, "--times", times], "48 times a day: expected at most 24")
    pk = ["pk", "--route", "subcutaneous", "--dose", "500mcg", "--every", "8h", "--ka", "2/h"]
    pk += ["--ke", "0.5/h", "--volume", "20L", "--bioavailability", "80%"]
    refused(runner, [*pk, "--days", "3650", "--step", "1min"], "at most 100000")


def _export(runner: CliRunner, journal: list[str], tmp_path: Path) -> dict[str, Any]:
    vial = [*journal, "vials", "add", "--compound", "selank", "--vial", "5mg", "--diluent", "2mL"]
    run_json(runner, vial)
    run_json(runner, [*journal, "log", "--dose", "250mcg", "--at", "2026-11-20 08:00"])
    path = tmp_path / "export.json"
    assert runner.invoke(cli, [*journal, "export", str(path)]).exit_code == 0
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _break(data: dict[str, Any], how: str) -> Any:
    broken = copy.deepcopy(data)
    tables = broken["tables"]
    match how:
        case "tables not an object":
            broken["tables"] = [1, 2]
        case "a row is a list":
            tables["vials"][0] = ["x"]
        case "amount is text":
            tables["vials"][0]["amount_mcg"] = "lots"
        case "amount is infinite":
            tables["vials"][0]["amount_mcg"] = 1e400
        case "time without a zone":
            tables["dose_events"][0]["at"] = "2026-11-20T08:00:00"
        case "time in year 1":
            tables["dose_events"][0]["at"] = "0001-01-01T00:00:00+14:00"
        case "zone Mars/Base":
            tables["profiles"][0]["tz"] = "Mars/Base"
        case "missing name":
            del tables["profiles"][0]["name"]
        case "dangling vial":
            tables["dose_events"][0]["vial_id"] = "f" * 32
        case "negative stock":
            tables["vials"][0]["remaining_mcg"] = -5.0
        case "name too long":
            tables["profiles"][0]["name"] = "n" * 500
    return broken


@pytest.mark.parametrize(
    "how",
    [
        "tables not an object",
        "a row is a list",
        "amount is text",
        "amount is infinite",
        "time without a zone",
        "time in year 1",
        "zone Mars/Base",
        "missing name",
        "dangling vial",
        "negative stock",
        "name too long",
    ],
)
def test_malformed_imports_are_refused_and_change_nothing(
    runner: CliRunner, journal: list[str], tmp_path: Path, how: str
) -> None:
    data = _export(runner, journal, tmp_path)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_break(data, how)))
    output = refused(runner, [*journal, "import", str(path), "--replace"], "")
    assert "INSERT" not in output
    assert "SELECT" not in output
    again = tmp_path / "again.json"
    assert runner.invoke(cli, [*journal, "export", str(again)]).exit_code == 0
    assert json.loads(again.read_text())["tables"] == data["tables"]
