"""``peptidekit check`` from the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from peptidekit.cli.main import cli
from tests.integration.conftest import run_json


def test_check_a_page_as_json_and_text(runner: CliRunner, tmp_path: Path) -> None:
    page = tmp_path / "seller.html"
    page.write_text(
        "<html><body><h1>Selank</h1><p>Dose: 250 to 500 mg once daily.</p>"
        "<p>Sequence: Thr-Lys-Pro-Arg-Gly-Pro-Pro</p></body></html>"
    )
    data = run_json(runner, ["check", str(page)])
    assert data["compound"] == "Selank"
    verdicts = [(f["kind"], f["verdict"], f["severity"]) for f in data["findings"]]
    assert verdicts == [("dose", "disagrees", "high"), ("sequence", "disagrees", "medium")]
    start, end = data["findings"][0]["span"]
    assert page.read_text()[start:end] == "250 to 500 mg"
    text = runner.invoke(cli, ["check", str(page)]).stdout
    assert "not medical advice" in text
    assert "unit slip" in text


def test_unreadable_file_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["check", str(tmp_path / "missing.html")])
    assert result.exit_code == 2
    assert "cannot read" in result.stderr
