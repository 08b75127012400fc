"""The README's ProForma section runs as written: its console output and its golden table."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.chem.peptidoform import analyse_proforma
from peptidekit.cli.chem_cmd import chem_command

README = Path(__file__).resolve().parents[3] / "README.md"


def _section() -> str:
    text = README.read_text()
    start = text.index("#### Modified peptides: ProForma 2.0")
    return text[start : text.index("\n### ", start)]


def test_the_console_example_prints_what_the_readme_shows() -> None:
    block = re.search(r"```console\n\$ peptidekit chem (.*?)\n(.*?)```", _section(), re.S)
    assert block is not None
    result = CliRunner().invoke(chem_command, shlex.split(block.group(1)))
    assert result.exit_code == 0, result.output
    printed = result.output.splitlines()
    shown = [line for line in block.group(2).splitlines() if line.strip() != "..."]
    assert "Formula            C187H291N45O59" in shown
    assert "Monoisotopic mass  4111.1154 Da" in shown
    for line in shown:
        assert line in printed


def _golden_rows() -> list[list[str]]:
    table = _section().split("**Golden values**", 1)[1]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith("| ") and "`" in line
    ]
    assert len(rows) >= 10
    return rows


@pytest.mark.parametrize("row", _golden_rows(), ids=lambda row: row[0])
def test_each_golden_row_is_what_the_code_computes(row: list[str]) -> None:
    _, proforma, formula, mono, avg, _record = row
    result = analyse_proforma(proforma.strip("`"))
    assert result.formula == formula
    assert f"{result.monoisotopic_mass:.4f}" == mono
    assert f"{result.average_mass:.2f}" == avg
