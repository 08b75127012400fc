"""The second knowledge audit as the user sees it: the web and CLI monographs list the
limits enforced with their records, show the corrected facts, and the web nasal
calculator warns on Semax's stated limit but not on Selank's labelled single dose."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peptidekit.cli.main import cli
from peptidekit.web.app import WebSettings, create_app


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    return TestClient(app, base_url="http://127.0.0.1")


def test_web_monographs_list_the_limits_and_their_records(client: TestClient) -> None:
    selank = client.get("/compounds/selank").text
    assert 'id="limits"' in selank
    assert "pharm-market.ru" in selank
    assert "допустимо" in selank  # the record's own word: permissible
    assert "no more than 2-3 drops into each nostril at one instillation: 4-6 drops" not in selank
    semax = client.get("/compounds/semax").text
    assert "preparat-1917" in semax
    assert "(no more)" in semax
    phenazepam = client.get("/compounds/phenazepam").text
    assert "no cited record states a limit for Phenazepam" in phenazepam
    assert "phenazepam itself" in phenazepam  # the 60 h half-life is the parent's
    assert "up to 2 months" in phenazepam
    dsip = client.get("/compounds/dsip").text
    assert "1964" in dsip
    assert "<strong>low</strong>" in dsip  # two placebo-controlled sleep studies read


def test_cli_monograph_lists_the_limits(tmp_path: Path) -> None:
    runner = CliRunner()
    selank = runner.invoke(cli, ["info", "selank"]).stdout
    assert "Limits enforced (only where a cited record states one)" in selank
    assert "2.7 mg per day" in selank
    assert "450" not in selank.split("Limits enforced")[1].split("\n\n")[0]
    medazepam = runner.invoke(cli, ["info", "medazepam"]).stdout
    assert "notadoc.info/pill/mezapam-1511960357" in medazepam


@pytest.mark.parametrize(
    ("compound", "concentration", "warned"),
    [("selank", "0.15%", False), ("semax", "0.1%", True)],
)
def test_web_nasal_calculator_600_mcg(
    client: TestClient, compound: str, concentration: str, warned: bool
) -> None:
    # 600 mcg at one administration: 8 drops of 75 mcg (Selank 0.15%), 4 a nostril, the
    # label's own 300-900 mcg; 12 drops of 50 mcg (Semax 0.1%), over '2-3 drops (no more)'
    page = client.get(
        "/calc/nasal",
        params={"concentration": concentration, "dose": "600mcg", "compound": compound},
    ).text
    assert ('data-code="over_labelled_cap"' in page) is warned
    assert ('data-code="over_label_volume_per_nostril"' in page) is warned
