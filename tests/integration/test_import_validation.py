"""The issue's repro through the CLI and the web, on SQLite and PostgreSQL: an export with
a broken cell is refused on import (exit 2, naming table, row and column; before, it was
accepted and every later `vials list`, `log` and `/journal` failed with exit 70 or 500);
a journal that already holds such rows still opens and names them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from peptidekit.cli.main import cli
from peptidekit.web.app import WebSettings, create_app


def journal(*args: str) -> Any:
    return CliRunner().invoke(cli, ["journal", *args])


@pytest.fixture
def exported(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("PEPTIDEKIT_DB", db_url)
    for args in (
        ["profiles", "add", "ana", "--tz", "Europe/Moscow"],
        ["vials", "add", "--compound", "selank", "--vial", "5mg", "--diluent", "2mL",
         "--opened", "2026-11-20 08:00"],
        ["vials", "add", "--compound", "semax", "--vial", "5mg", "--diluent", "2mL",
         "--opened", "2026-11-20 08:00"],
        ["protocols", "add", "--name", "c1", "--compound", "selank", "--route", "subcutaneous",
         "--dose", "250mcg", "--times", "08:00,20:00", "--course", "14d", "--start", "2026-11-18"],
    ):  # fmt: skip
        assert journal(*args).exit_code == 0
    path = tmp_path / "everything.json"
    assert journal("export", str(path)).exit_code == 0
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _selank(data: dict[str, Any]) -> dict[str, Any]:
    return next(v for v in data["tables"]["vials"] if v["compound"] == "Selank")


CASES = [
    (lambda d: _selank(d).update(components="not json"), "column components"),
    (lambda d: d["tables"]["protocols"][0]["spec"].update(times=5), "column spec.times"),
    (lambda d: _selank(d).update(components='[["selank","abc"]]'), "column components"),
    (lambda d: _selank(d).update(volume_ml=0), "column volume_ml"),
    (lambda d: _selank(d).update(remaining_mcg=1e11), "column remaining_mcg"),
]


@pytest.mark.parametrize(("change", "named"), CASES)
def test_an_export_that_would_break_the_journal_is_refused(
    exported: dict[str, Any], tmp_path: Path, change: Any, named: str
) -> None:
    change(exported)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(exported))
    result = journal("import", str(path), "--replace")
    assert result.exit_code == 2, result.output
    assert "table " in result.stderr
    assert ", row " in result.stderr
    assert named in result.stderr
    listed = journal("vials", "list")
    assert listed.exit_code == 0
    assert "5000 of 5000 mcg left" in listed.stdout  # the journal as it was


def _break_rows(url: str) -> None:
    """Rows an older version could have left: written with raw SQL, past every check."""
    engine = create_engine(url)
    spec = "CAST(:spec AS JSON)" if url.startswith("postgresql") else ":spec"
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE vials SET components = 'not json' WHERE compound = 'Selank'")
        )
        stored = connection.execute(text("SELECT spec FROM protocols")).scalar_one()
        stored = json.loads(stored) if isinstance(stored, str) else stored
        connection.execute(
            text(f"UPDATE protocols SET spec = {spec}"),
            {"spec": json.dumps({**stored, "times": 5})},
        )
    engine.dispose()


def test_a_journal_holding_bad_rows_still_opens_and_names_them(
    exported: dict[str, Any], db_url: str
) -> None:
    _break_rows(db_url)
    listed = journal("vials", "list")
    assert listed.exit_code == 0, listed.output
    assert "table vials, row " in listed.stdout
    assert "column components" in listed.stdout
    assert "Semax vial: 5000 of 5000 mcg left" in listed.stdout  # the good row still listed
    as_json = json.loads(journal("vials", "list", "--json").stdout)
    assert [u["column"] for u in as_json["unreadable"]] == ["components"]
    logged = journal("log", "--dose", "250mcg", "--at", "2026-11-20 08:05")  # planned dose
    assert logged.exit_code == 2, logged.output
    assert "table protocols, row " in logged.stderr
    assert "column spec.times" in logged.stderr
    selank = next(v for v in exported["tables"]["vials"] if v["compound"] == "Selank")["id"]
    from_bad = journal("log", "--dose", "250mcg", "--vial", selank, "--at", "2026-11-21 12:00")
    assert from_bad.exit_code == 2
    assert "column components" in from_bad.stderr

    client = TestClient(
        create_app(WebSettings(db_url=db_url)),
        base_url="http://127.0.0.1",
        raise_server_exceptions=False,
    )
    for path in ("/journal", "/api/journal/vials"):
        page = client.get(path)
        assert page.status_code == 400, path
        assert "table vials, row " in page.text
        assert "column components" in page.text
