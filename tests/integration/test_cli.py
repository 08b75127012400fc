"""The command line: results, --json, and one-line errors with a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit import __version__
from peptidekit.cli.main import cli

CAPPED_SELANK = "Ac-Thr-Lys-Pro-Arg-Pro-Gly-Pro-NH2"


def test_version_and_help(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output
    help_text = runner.invoke(cli, ["--help"]).output
    for command in ("chem", "quantity", "demo"):
        assert command in help_text
    assert "not medical advice" in help_text


def test_chem_json_for_capped_selank(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["chem", CAPPED_SELANK, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["formula"] == "C35H60N12O9"
    assert data["isoelectric_point"] is None
    # average mass from the formula with IUPAC weights, written out by hand
    by_hand = 35 * 12.0107 + 60 * 1.00794 + 12 * 14.0067 + 9 * 15.9994
    assert data["average_mass"] == pytest.approx(by_hand, abs=1e-3)


def test_chem_text_output_and_options(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["chem", "TKPRPGP", "--ph", "3", "--pka-set", "emboss"])
    assert result.exit_code == 0
    assert "C33H57N11O9" in result.stdout
    assert "emboss" in result.stdout
    assert "pH 3" in result.stdout


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["chem", "TKPXRPGP"], "unknown residue 'X' at position 4"),
        (["chem", "TKPRPGP", "--pka-set", "nope"], "unknown pKa set 'nope'"),
        (["chem", "TKPRPGP", "--ph", "15"], "pH 15.0 is out of range"),
        (["quantity", "1,000 mcg"], "comma is ambiguous"),
        (["quantity", "250", "--kind", "mass"], "bare number"),
        (["quantity", "10 IU", "--kind", "mass"], "International Units"),
    ],
)
def test_bad_input_gives_one_line_error_and_exit_2(
    runner: CliRunner, args: list[str], phrase: str
) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("peptidekit: error: ")
    assert phrase in lines[0]
    assert "Traceback" not in result.output


def test_json_errors_are_structured(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["chem", "TKPXRPGP", "--json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["code"] == "unknown_residue"
    assert (error["symbol"], error["position"]) == ("X", 4)


def test_quantity_converts_percent_w_v(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["quantity", "0.15%", "--kind", "concentration", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["kind"], data["unit"]) == ("concentration", "mg/mL")
    assert data["value"] == pytest.approx(1.5)  # 0.15 g per 100 mL


def test_quantity_to_unit(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["quantity", "250mcg", "--to", "mg", "--json"])
    assert json.loads(result.stdout)["value"] == pytest.approx(0.25)
    bad = runner.invoke(cli, ["quantity", "250mcg", "--to", "mL"])
    assert bad.exit_code == 2
    assert "expected a mass" in bad.stderr


def test_demo_runs(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0
    assert "not medical advice" in result.stdout
    assert "refused" in result.stdout


def test_installed_console_script_has_no_traceback() -> None:
    script = Path(sys.executable).with_name("peptidekit")
    env = {**os.environ, "PEPTIDEKIT_DEBUG": ""}
    ok = subprocess.run(
        [str(script), "chem", CAPPED_SELANK, "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["formula"] == "C35H60N12O9"
    bad = subprocess.run(
        [str(script), "chem", "Thr-Lys-Xyz"], capture_output=True, text=True, check=False, env=env
    )
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "peptidekit: error: unknown residue 'Xyz' at position 3 of 'Thr-Lys-Xyz'; expected "
        "one-letter codes (TKPRPGP) or hyphenated three-letter codes (Thr-Lys-Pro), "
        "optionally with 'Ac-' or 'H-' before and '-NH2' or '-OH' after"
    )


def test_an_unexpected_bug_is_one_line_with_exit_70(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("peptidekit.cli.chem_cmd.analyse_any", broken)
    monkeypatch.delenv("PEPTIDEKIT_DEBUG", raising=False)
    result = runner.invoke(cli, ["chem", "TKPRPGP"])
    assert result.exit_code == 70
    assert result.stderr.strip().splitlines() == [
        "peptidekit: internal error: ZeroDivisionError: division by zero "
        "(set PEPTIDEKIT_DEBUG=1 for the traceback, and please report it)"
    ]
