"""One rule for profile names (1 to 80 characters, no control characters), whichever
way a profile is created: the CLI, the JSON API and the library's store all refuse the
same names with the same message, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peptidekit.cli.main import cli
from peptidekit.errors import InputError
from peptidekit.store.journal import Journal
from peptidekit.web.app import WebSettings, create_app

BAD_NAMES = ["", "   ", "x" * 81, "x" * 200, "ana\x00", "a\tb"]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_the_cli_refuses_a_bad_profile_name(tmp_path: Path, name: str) -> None:
    db = f"sqlite:///{tmp_path / 'j.db'}"
    runner = CliRunner()
    result = runner.invoke(cli, ["journal", "--db", db, "profiles", "add", name, "--tz", "UTC"])
    assert result.exit_code == 2, result.output
    assert "profile name" in result.output
    assert "1 to 80 characters" in result.output
    listed = runner.invoke(cli, ["journal", "--db", db, "profiles", "list", "--json"])
    assert listed.exit_code == 0
    assert listed.output.strip() == "[]"


@pytest.mark.parametrize("name", BAD_NAMES)
def test_the_store_and_the_api_refuse_the_same_names(tmp_path: Path, name: str) -> None:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    journal: Journal = app.state.journal
    with pytest.raises(InputError) as refused:
        journal.create_profile(name, "UTC")
    assert refused.value.field == "name"
    client = TestClient(app, base_url="http://127.0.0.1")
    answer = client.post("/api/journal/profiles", json={"name": name, "tz": "UTC"})
    assert answer.status_code in (400, 422)
    assert journal.profiles() == []


def test_a_name_of_exactly_80_characters_is_kept_trimmed(tmp_path: Path) -> None:
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'j.db'}"
    name = "é" * 80
    added = runner.invoke(
        cli, ["journal", "--db", db, "profiles", "add", f"  {name} ", "--tz", "UTC"]
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(cli, ["journal", "--db", db, "profiles", "list", "--json"])
    assert f'"name": "{name}"' in listed.output
