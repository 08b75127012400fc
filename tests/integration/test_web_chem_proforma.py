"""The chemistry page and API read ProForma: semaglutide's record values, errors with positions."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from peptidekit.web.app import WebSettings, create_app

SEMAGLUTIDE = "HA[Aib]EGTFTSDVSSYLEGQAAK[AEEA][AEEA][gGlu][C18 diacid]EFIAWLVRGRG"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    app = create_app(WebSettings(db_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="t"))
    return TestClient(app, base_url="http://127.0.0.1")


def test_api_gives_semaglutide_as_drugbank_does(client: TestClient) -> None:
    data = client.get("/api/chem", params={"sequence": SEMAGLUTIDE}).json()
    # DrugBank DB13928: C187H291N45O59, monoisotopic 4111.11537713 Da
    assert data["formula"] == "C187H291N45O59"
    assert data["monoisotopic_mass"] == pytest.approx(4111.11537713, abs=1e-4)
    assert any("C18 diacid carboxyl" in g for g in data["groups_counted"])


def test_page_shows_the_groups_and_a_cannot_compute(client: TestClient) -> None:
    page = client.get("/chem", params={"sequence": SEMAGLUTIDE}).text
    assert "C187H291N45O59" in page
    assert "4111.1154" in page
    assert "valued as E&#39;s side chain" in page or "valued as E's side chain" in page
    tagged = client.get("/chem", params={"sequence": "TK[+42.0106]P"}).text
    assert "cannot compute" in tagged


@pytest.mark.parametrize(
    ("sequence", "words"),
    [("TK[Acetl]P", "Acetyl"), ("C[#XL1]AA", "one end"), ("TK[Acetyl", "never closed")],
)
def test_bad_proforma_is_a_named_error_not_a_500(
    client: TestClient, sequence: str, words: str
) -> None:
    response = client.get("/api/chem", params={"sequence": sequence})
    assert response.status_code == 400  # the project's status for invalid input
    body = response.json()
    assert words in str(body)
    assert "position" in str(body)
    page = client.get("/chem", params={"sequence": sequence})
    assert page.status_code < 500
    assert words in page.text
