"""`peptidekit compare selank semax alprazolam diazepam` and /compare, end to end (#24):
each compound's labelled dose range, maximum, half-life, dependence and sedation, each
with its sources. Expected figures are the labels' (written here with their sections)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from peptidekit.cli.main import cli
from peptidekit.web.app import WebSettings, create_app

NAMES = ["selank", "semax", "alprazolam", "diazepam"]


def _block(text: str, feature: str) -> str:
    """The lines of one row of the text table (the feature, then one line per compound)."""
    match = re.search(rf"^{re.escape(feature)}\n((?:  .*\n?)+)", text, re.MULTILINE)
    assert match, f"row {feature!r} missing"
    return match.group(1)


def test_cli_compare_shows_each_labelled_figure_with_its_source(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compare", *NAMES])
    assert result.exit_code == 0, result.output
    text = result.stdout
    oral = _block(text, "dose (oral, per administration)")
    # alprazolam label 2.1: 0.25 mg to 0.5 mg three times daily; diazepam: 2 mg to 10 mg
    assert re.search(r"Alprazolam\s+0\.25-0\.5 mg \[label-alprazolam-us\]", oral)
    assert re.search(r"Diazepam\s+2-10 mg \[label-diazepam-us\]", oral)
    assert re.search(r"Selank\s+\(not stated\)", oral)
    maximum = _block(text, "labelled maximum")
    assert re.search(r"Alprazolam\s+4 mg per day \(oral\) \[label-alprazolam-us\]", maximum)
    assert re.search(r"Selank\s+2\.7 mg per day \(intranasal\) \[label-selank\]", maximum)
    assert re.search(r"Diazepam\s+\(not stated\)", maximum)
    half = _block(text, "half-life")
    assert re.search(r"Alprazolam\s+6\.3-26\.9 h .*\[label-alprazolam-us\]", half)
    assert re.search(r"Diazepam\s+48 h \('half-life up to 48 hours'\) \[label-diazepam-us\]", half)
    assert "plasma levels fall over 5-5.5 min (not a half-life) [label-selank]" in half
    for feature in ("sedation", "dependence risk"):
        row = _block(text, feature)
        assert re.search(r"Selank\s+(no|none reported) \[src-001\]", row)
        assert re.search(r"Alprazolam\s+.*boxed warning.*\[label-alprazolam-us\]", row)
        assert re.search(r"Diazepam\s+.*boxed warning.*\[label-diazepam-us\]", row)


def test_cli_compare_json_has_the_same_rows(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["compare", *NAMES, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["compounds"] == NAMES
    rows = {row["feature"]: row["cells"] for row in data["rows"]}
    assert rows["dose (oral, per day)"]["alprazolam"][0] == {
        "value": "0.75-4 mg",
        "sources": ["label-alprazolam-us"],
    }
    assert rows["dose (oral, per day)"]["diazepam"][0]["value"] == "4-40 mg"
    assert rows["half-life"]["diazepam"][0]["sources"] == ["label-diazepam-us"]


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    return TestClient(app, base_url="http://127.0.0.1")


def test_web_compare_page_shows_the_same_figures_with_sources(client: TestClient) -> None:
    response = client.get("/compare", params=[("compound", n) for n in NAMES])
    assert response.status_code == 200
    page = html.unescape(response.text)
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', page, re.DOTALL)
    }
    assert (
        '0.25-0.5 mg <span class="muted">(label-alprazolam-us)</span>'
        in rows["dose (oral, per administration)"]
    )
    assert (
        '4 mg per day (oral) <span class="muted">(label-alprazolam-us)</span>'
        in rows["labelled maximum"]
    )
    assert (
        "('half-life up to 48 hours') <span class=\"muted\">(label-diazepam-us)</span>"
        in rows["half-life"]
    )
    for feature in ("sedation", "dependence risk"):
        assert "(label-alprazolam-us)" in rows[feature]
        assert "(label-diazepam-us)" in rows[feature]
        assert "(src-001" in rows[feature]


def test_web_monograph_of_nad_is_not_a_peptide(client: TestClient) -> None:
    response = client.get("/compounds/nad-plus")
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert "C21H27N7O14P2 (average 663.43 Da, computed from the formula; no residues)" in page
    assert "Sequence" not in re.sub(r"<[^>]+>", " ", page.split('id="identity"')[1])[:400]
