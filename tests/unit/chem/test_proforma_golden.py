"""ProForma golden values: each record's formula and mass; pyteomics.proforma as second engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pyteomics import proforma as pyteomics_proforma

from peptidekit.chem.peptidoform import analyse_proforma

GOLDEN: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parents[2] / "data" / "golden_proforma.yaml").read_text()
)


@pytest.mark.parametrize("entry", GOLDEN, ids=[g["name"] for g in GOLDEN])
def test_formula_and_masses_match_the_record(entry: dict[str, Any]) -> None:
    result = analyse_proforma(entry["proforma"])
    assert result.formula == entry["formula"], entry["source"]
    if entry["mono"] is not None:
        assert result.monoisotopic_mass == pytest.approx(entry["mono"], abs=entry["mono_tol"])
    if entry["avg"] is not None:
        assert result.average_mass == pytest.approx(entry["avg"], abs=entry["avg_tol"])


@pytest.mark.parametrize("entry", GOLDEN, ids=[g["name"] for g in GOLDEN])
def test_monoisotopic_mass_agrees_with_pyteomics_to_1e4(entry: dict[str, Any]) -> None:
    # pyteomics 5 resolves names (Acetyl, Aib...) only with a network download, so each
    # entry gives the same molecule with Formula: tags, written by hand from the record.
    theirs = pyteomics_proforma.ProForma.parse(entry["pyteomics"]).mass
    ours = analyse_proforma(entry["proforma"]).monoisotopic_mass
    assert ours == pytest.approx(theirs, abs=1e-4)


def test_pyteomics_reads_the_same_strings_where_they_use_no_names() -> None:
    # Formula-tag strings are ProForma too: both engines read the very same text.
    for entry in GOLDEN:
        text = entry["pyteomics"]
        theirs = pyteomics_proforma.ProForma.parse(text).mass
        assert analyse_proforma(text).monoisotopic_mass == pytest.approx(theirs, abs=1e-4)


def test_the_tb500_fragment_and_thymosin_beta4_are_different_molecules() -> None:
    fragment = analyse_proforma("[Acetyl]-LKKTETQ")
    full = analyse_proforma("[Acetyl]-SDKPDMAEIEKFDKSKLKKTETQEKNPLPSKETIEQEKQAGES")
    assert fragment.average_mass is not None
    assert full.average_mass is not None
    assert full.average_mass / fragment.average_mass == pytest.approx(4963.5 / 889.0, rel=1e-3)
    # The fragment is residues 17-23 of thymosin beta-4 (LKKTETQ).
    assert full.form.sequence[16:23] == fragment.form.sequence


def test_side_chain_recipe_of_the_research_notes() -> None:
    # Each block is its free acid minus one water per amide bond (hand sums):
    # 2 x AEEA C6H13NO4 + Glu C5H9NO4 + C18 diacid C18H34O4 - 4 H2O = C35H61N3O12.
    one = analyse_proforma("K[AEEA][AEEA][gGlu][C18 diacid]")
    bare = analyse_proforma("K")
    assert one.elements is not None
    assert bare.elements is not None
    delta = one.elements - bare.elements
    assert dict(delta) == {"C": 35, "H": 61, "N": 3, "O": 12}
    c20 = analyse_proforma("K[AEEA][gGlu][C20 diacid]").elements
    assert c20 is not None
    assert dict(c20 - bare.elements) == {"C": 31, "H": 54, "N": 2, "O": 9}
