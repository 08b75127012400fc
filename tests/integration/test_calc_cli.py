"""The calculators from the command line: figures, every refusal, every warning."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli
from tests.integration.conftest import run_json

RECON = ["calc", "reconstitute", "--vial", "5mg", "--diluent", "2mL", "--dose", "250mcg"]


def test_reconstitute_json_keys_and_hand_values(runner: CliRunner) -> None:
    data = run_json(runner, [*RECON, "--syringe", "0.3mL", "--dead-space", "0.07mL"])
    expected = {
        "concentration_mg_per_ml": 2.5,  # 5 mg / 2 mL
        "volume_ml": 0.1,  # 0.25 mg / 2.5 mg/mL
        "syringe_units": 10,  # 0.1 mL x 100
        "tick_units": 10,
        "delivered_dose_mcg": 250,
        "dose_error_percent": 0,
        "doses_per_vial": 11,  # floor(2 / 0.17)
    }
    for key, value in expected.items():
        assert data[key] == pytest.approx(value, abs=1e-9), key
    assert data["warnings"] == []
    assert data["disclaimer"].startswith("Research and education only")


def test_reconstitute_text_shows_delivered_dose_first(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*RECON, "--syringe", "1mL", "--dead-space", "0mL"])
    lines = result.stdout.splitlines()
    assert lines[0] == "Research and education only, not medical advice."
    assert lines[2].startswith("Draw 10 units (0.1 mL) on a 1 mL U-100 syringe")
    assert "That delivers 250 mcg" in lines[3]
    assert "not IU" in result.stdout
    assert "Arithmetic:" in result.stdout


def test_warnings_come_before_the_result(runner: CliRunner) -> None:
    args = ["calc", "reconstitute", "--vial", "5mg", "--diluent", "3mL", "--dose", "250mcg"]
    result = runner.invoke(cli, [*args, "--syringe", "1mL"])
    lines = result.stdout.splitlines()
    first_warning = next(i for i, line in enumerate(lines) if line.startswith("! "))
    draw = next(i for i, line in enumerate(lines) if line.startswith("Draw "))
    assert first_warning < draw
    assert "[tick_rounding]" in result.stdout


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--vial", "0mg", "--diluent", "2mL", "--dose", "250mcg"], "--vial '0mg'"),
        (["--vial", "5mg", "--diluent", "0mL", "--dose", "250mcg"], "--diluent '0mL'"),
        (["--vial", "5mg", "--diluent", "-2mL", "--dose", "250mcg"], "negative"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "0mcg"], "greater than zero"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "1,000mcg"], "comma"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "250"], "bare number"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "10 IU"], "International Units"),
        (["--vial", "5mg", "--diluent", "2mg", "--dose", "250mcg"], "expected a volume"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "6mg"], "more than the whole vial"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "250mg"], "did you mean 250 mcg?"),
        (
            ["--vial", "5mg", "--diluent", "2mL", "--dose", "900mcg", "--syringe", "0.3mL"],
            "split it into 2 draws",
        ),
        (
            ["--vial", "10mg", "--diluent", "0.5mL", "--dose", "50mcg", "--syringe", "0.3mL"],
            "dilute further: with 10 mL",
        ),
        (
            ["--vial", "5mg", "--diluent", "2mL", "--dose", "250mcg", "--syringe-scale", "U-40"],
            "--tick",
        ),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "250mcg", "--per-day", "1.5"], "whole"),
        (["--vial", "5mg", "--diluent", "2mL", "--dose", "250mcg", "--syringe", "2mL"], "--tick"),
    ],
)
def test_every_refusal_is_one_clear_line(runner: CliRunner, args: list[str], phrase: str) -> None:
    result = runner.invoke(cli, ["calc", "reconstitute", *args])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert phrase in lines[0]
    assert "Traceback" not in result.output


def test_compound_and_route_must_come_together(runner: CliRunner) -> None:
    result = runner.invoke(cli, [*RECON, "--compound", "selank"])
    assert result.exit_code == 2
    assert "needs both a compound and a route; give the route too" in result.output
    assert result.output.rstrip().endswith("(--route)")


def test_plausibility_warnings_are_first(runner: CliRunner) -> None:
    data = run_json(
        runner,
        [
            "calc",
            "reconstitute",
            "--vial",
            "10mg",
            "--diluent",
            "2mL",
            "--dose",
            "1mg",
            "--compound",
            "selank",
            "--route",
            "intranasal",
            "--per-day",
            "3",
        ],
    )
    codes = [w["code"] for w in data["warnings"]]
    assert codes[:2] == ["above_reference_range", "over_daily_maximum"]


def test_diluent_reverse(runner: CliRunner) -> None:
    data = run_json(
        runner, ["calc", "diluent", "--vial", "5mg", "--dose", "250mcg", "--units", "10"]
    )
    assert data["diluent_ml"] == pytest.approx(2)
    assert [row["diluent_ml"] for row in data["table"]][:3] == [0.5, 1.0, 1.5]
    bad = runner.invoke(
        cli, ["calc", "diluent", "--vial", "5mg", "--dose", "250mcg", "--units", "1,0"]
    )
    assert bad.exit_code == 2
    assert "--units '1,0'" in bad.stderr


def test_diluent_units_beyond_the_barrel(runner: CliRunner) -> None:
    result = runner.invoke(
        cli,
        [
            "calc",
            "diluent",
            "--vial",
            "5mg",
            "--dose",
            "250mcg",
            "--units",
            "40",
            "--syringe",
            "0.3mL",
        ],
    )
    assert result.exit_code == 2
    assert "cannot be drawn" in result.stderr


def test_nasal_with_knowledge_defaults(runner: CliRunner) -> None:
    data = run_json(
        runner,
        [
            "calc",
            "nasal",
            "--concentration",
            "0.15%",
            "--dose",
            "300mcg",
            "--bottle",
            "3mL",
            "--per-day",
            "3",
        ],
    )
    assert data["drops_per_administration"] == 4
    assert data["drops_per_nostril"] == [2, 2]
    assert data["delivered_dose_mcg"] == pytest.approx(300)
    assert data["doses_per_bottle"] == 15  # 3 mL / 0.2 mL
    assert data["bottle_life_days"] == 5
    assert "device.drop-volume" in data["device_volume_source"]
    assert "uncalibrated_device" in [w["code"] for w in data["warnings"]]


def test_nasal_reverse_and_calibration(runner: CliRunner) -> None:
    data = run_json(
        runner,
        [
            "calc",
            "nasal",
            "--concentration",
            "1.5mg/mL",
            "--drops",
            "6",
            "--calibrate",
            "3mL/60 drops",
        ],
    )
    assert data["delivered_dose_mcg"] == pytest.approx(450)
    assert data["warnings"] == []


def test_nasal_spray_default_volume(runner: CliRunner) -> None:
    data = run_json(runner, ["calc", "nasal", "--concentration", "0.15%", "--sprays", "2"])
    assert data["device_volume_ul"] == pytest.approx(100)
    assert data["delivered_dose_mcg"] == pytest.approx(300)


def test_nasal_unit_slip_on_selank(runner: CliRunner) -> None:
    args = ["calc", "nasal", "--concentration", "0.15%", "--dose", "0.3mcg"]
    args += ["--compound", "selank", "--drop", "0.05uL"]
    # the unit-slip rule (#22): refused with the likely meaning, answered once confirmed
    refused = runner.invoke(cli, args)
    assert refused.exit_code == 2
    assert "did you mean 0.3 mg?" in refused.output
    assert "--confirm" in refused.output
    assert "drops per administration" not in refused.output
    data = run_json(runner, [*args, "--confirm"])
    assert data["warnings"][0]["code"] == "likely_unit_slip"
    assert "did you mean 0.3 mg?" in data["warnings"][0]["message"]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["--concentration", "0.15", "--dose", "300mcg"], "bare number"),
        (
            ["--concentration", "0.15%", "--dose", "300mcg", "--drop", "50uL", "--spray", "100uL"],
            "at most one",
        ),
        (["--concentration", "0.15%", "--dose", "300mcg", "--drops", "4"], "either a dose"),
        (["--concentration", "0.15%", "--dose", "10mcg"], "less than half of one drop"),
        (
            ["--concentration", "0.15%", "--dose", "300mcg", "--calibrate", "60 drops"],
            "calibration",
        ),
    ],
)
def test_nasal_refusals(runner: CliRunner, args: list[str], phrase: str) -> None:
    result = runner.invoke(cli, ["calc", "nasal", *args])
    assert result.exit_code == 2
    assert phrase in result.output
