"""``peptidekit pk``: JSON shape, honest parameter labels, plots, errors."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from peptidekit.cli.main import cli
from tests.integration.conftest import run_json

MODEL = [
    "pk",
    "--ka",
    "1.5/h",
    "--ke",
    "0.3/h",
    "--volume",
    "20L",
    "--bioavailability",
    "0.8",
    "--dose",
    "500ug",
    "--route",
    "subcutaneous",
]
SELANK = [
    "pk",
    "--compound",
    "selank",
    "--route",
    "intranasal",
    "--dose",
    "300mcg",
    "--every",
    "8h",
    "--days",
    "1",
    "--ka",
    "6/h",
    "--volume",
    "20L",
]


def test_single_dose_curve_is_bateman_in_ng_per_ml(runner: CliRunner) -> None:
    data = run_json(runner, [*MODEL, "--every", "24h", "--days", "1", "--step", "30min"])
    assert data["concentration"]["unit"] == "ng/mL"
    assert len(data["time_h"]) == 49  # 0 to 24 h every 0.5 h
    t = data["time_h"][4]  # 2 h
    bateman = 0.8 * 500 * 1.5 / (20 * 1.2) * (math.exp(-0.3 * t) - math.exp(-1.5 * t))
    assert data["concentration"]["values"][4] == pytest.approx(bateman, rel=1e-12)
    assert data["metrics"]["tmax_h"] == pytest.approx(math.log(5) / 1.2, rel=1e-7)


def test_population_bands_in_json(runner: CliRunner) -> None:
    data = run_json(
        runner,
        [*MODEL, "--every", "8h", "--days", "2", "--subjects", "200", "--cv", "30%", "--seed", "5"],
    )
    n = len(data["time_h"])
    assert len(data["p05"]) == len(data["p50"]) == len(data["p95"]) == n
    assert all(a <= b <= c for a, b, c in zip(data["p05"], data["p50"], data["p95"], strict=True))
    again = run_json(
        runner,
        [*MODEL, "--every", "8h", "--days", "2", "--subjects", "200", "--cv", "30%", "--seed", "5"],
    )
    assert again["p95"] == data["p95"]


def test_selank_parameters_say_where_they_come_from(runner: CliRunner) -> None:
    data = run_json(runner, SELANK)
    kinds = {p["name"]: p["kind"] for p in data["parameters"]}
    assert kinds == {
        "ke": "claim",
        "volume": "assumed",
        "ka": "assumed",
        "bioavailability": "measured",
    }
    bioavailability = next(p for p in data["parameters"] if p["name"] == "bioavailability")
    assert bioavailability["value"] == pytest.approx(92.8)
    assert "label-selank" in bioavailability["source"]
    assert any("not a plasma half-life" in note for note in data["notes"])
    assert "Assumed, not measured: volume, ka." in data["caption"]
    assert "From claims, not measurements: ke." in data["caption"]


def test_missing_parameters_are_named(runner: CliRunner) -> None:
    args = [a for a in SELANK if a not in ("--volume", "20L")]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "for Selank the knowledge base has no volume of distribution; give the central" in (
        result.stderr
    )
    assert result.stderr.rstrip().endswith("(--volume)")  # the CLI words the field as its flag
    # everything missing is named at once, never one refusal at a time
    together = runner.invoke(
        cli, ["pk", "--compound", "selank", "--route", "subcutaneous", "--dose", "300mcg",
              "--every", "8h", "--days", "1"],
    )  # fmt: skip
    assert together.exit_code == 2
    assert (
        "no volume of distribution, no subcutaneous absorption rate and no subcutaneous "
        "bioavailability" in together.stderr
    )
    assert together.stderr.rstrip().endswith("(--volume, --ka, --bioavailability)")
    result = runner.invoke(
        cli,
        [
            "pk",
            "--compound",
            "n-acetyl-selank-amidate",
            "--route",
            "subcutaneous",
            "--dose",
            "300mcg",
            "--every",
            "12h",
            "--days",
            "1",
            "--volume",
            "20L",
            "--ka",
            "1/h",
        ],
    )
    assert result.exit_code == 2
    assert "for N-acetyl Selank amidate the knowledge base has no elimination rate" in (
        result.stderr
    )


def test_plots_png_and_svg(runner: CliRunner, tmp_path: Path) -> None:
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    for path in (png, svg):
        result = runner.invoke(cli, [*SELANK, "--subjects", "100", "--plot", str(path)])
        assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = svg.read_text()
    assert "ng/mL" in text
    assert "not a measurement" in text


@pytest.mark.parametrize(
    ("extra", "phrase"),
    [
        (["--plot", "x.pdf"], "must end in .png or .svg"),
        (["--half-life", "2h", "--ke", "0.3/h"], "not both"),
        (["--bioavailability", "1.5"], "bare number"),
        (["--cv", "30"], "bare number"),
    ],
)
def test_pk_refusals(runner: CliRunner, extra: list[str], phrase: str) -> None:
    args = [*MODEL, "--every", "8h", "--days", "1", "--subjects", "10", *extra]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert phrase in result.output
