"""``peptidekit plan`` end to end: the issue's three-cycle Selank example, files, errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from peptidekit.cli.main import cli

SELANK = [
    "plan",
    "--compound",
    "selank",
    "--route",
    "intranasal",
    "--dose",
    "300mcg",
    "--times",
    "08:00,14:00,20:00",
    "--course",
    "14d",
    "--break",
    "7d",
    "--cycles",
    "3",
    "--start",
    "2026-12-01",
    "--tz",
    "Europe/Moscow",
]


def test_three_cycle_selank_plan_with_bottles_and_files(runner: CliRunner, tmp_path: Path) -> None:
    ics, table = tmp_path / "selank.ics", tmp_path / "selank.csv"
    result = runner.invoke(
        cli,
        [
            *SELANK,
            "--bottle",
            "3mL",
            "--concentration",
            "0.15%",
            "--shelf-life",
            "30d",
            "--ics",
            str(ics),
            "--csv",
            str(table),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dose_count"] == 3 * 14 * 3
    assert data["compound"] == "Selank"
    supply = data["supply"]
    # 4 drops (0.2 mL) a dose: 15 doses a 3 mL bottle; 126 doses -> 9 bottles when none expire
    assert supply["to_buy"] == 9
    assert supply["shelf_life_source"] == "given by the user"
    assert all(c["discard_by"] for c in supply["containers"])
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 126
    rows = list(csv.DictReader(table.open()))
    assert len(rows) == 126
    assert rows[-1]["date"] == "2027-01-25"


def test_text_output_shows_warnings_first(runner: CliRunner) -> None:
    result = runner.invoke(
        cli, [*SELANK[:-2], "--tz", "Europe/Moscow", "--course", "21d", "--dose", "1mg"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Research and education only")
    assert lines[1].startswith("! ")
    assert "[course_longer_than_label]" in result.stdout
    assert "[over_daily_maximum]" in result.stdout
    assert "Courses and breaks:" in result.stdout


def test_vial_plan_uses_the_knowledge_base_shelf_life(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "plan",
            "--compound",
            "selank",
            "--route",
            "subcutaneous",
            "--dose",
            "250mcg",
            "--times",
            "08:00",
            "--course",
            "14d",
            "--start",
            "2026-12-01",
            "--tz",
            "UTC",
            "--vial",
            "5mg",
            "--diluent",
            "2mL",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    supply = json.loads(result.stdout)["supply"]
    assert supply["shelf_life_days"] == 28
    assert "selank.storage.reconstituted" in supply["shelf_life_source"]


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [
        (["--every", "2d", "--weekdays", "mon"], "not both"),
        (["--vial", "5mg"], "--diluent is needed with the vial"),
        (["--vial", "5mg", "--diluent", "2mL", "--bottle", "3mL"], "not both"),
        (["--cycles", "two"], "--cycles 'two'"),
    ],
)
def test_plan_refusals(runner: CliRunner, extra: list[str], phrase: str) -> None:
    result = runner.invoke(cli, [*SELANK, *extra])
    assert result.exit_code == 2
    assert phrase in result.output


def test_unknown_compound_and_zone_are_one_line_errors(runner: CliRunner) -> None:
    bad = [a if a != "selank" else "selnak" for a in SELANK]
    result = runner.invoke(cli, bad)
    assert result.exit_code == 2
    assert "did you mean 'selank'" in result.stderr
    zone = [a if a != "Europe/Moscow" else "Moscow" for a in SELANK]
    result = runner.invoke(cli, zone)
    assert result.exit_code == 2
    assert "unknown time zone 'Moscow'" in result.stderr


def test_plan_that_would_end_after_9999_is_refused(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "plan",
            "--route",
            "intranasal",
            "--dose",
            "300mcg",
            "--times",
            "08:00",
            "--course",
            "14d",
            "--break",
            "3653d",
            "--cycles",
            "1000",
            "--start",
            "2026-12-01",
            "--tz",
            "UTC",
        ],
    )
    assert result.exit_code == 2
    assert "end after the year 9999" in result.output
