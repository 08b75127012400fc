from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner; tests/conftest.py already isolates the user and cache folders."""
    return CliRunner()


def run_json(runner: CliRunner, args: list[str]) -> dict[str, Any]:
    """Run a command with --json; it must succeed; return the parsed output."""
    result = runner.invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
