"""GRAVY, extinction coefficients, warnings and the JSON shape of a result."""

from __future__ import annotations

import pytest
from Bio.SeqUtils.ProtParam import ProteinAnalysis
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.chem import analyse
from peptidekit.chem.residues import RESIDUES

residues = st.text(alphabet=sorted(RESIDUES), min_size=1, max_size=30)

JSON_KEYS = {
    "sequence",
    "length",
    "formula",
    "monoisotopic_mass",
    "average_mass",
    "isoelectric_point",
    "net_charge",
    "pka_set",
    "gravy",
    "extinction_coefficient_280",
    "protease_notes",
}


def test_json_keys_are_the_documented_spelling() -> None:
    data = analyse("Ac-Thr-Lys-Pro-Arg-Pro-Gly-Pro-NH2").to_dict()
    assert set(data) >= JSON_KEYS
    assert data["sequence"] == "TKPRPGP"
    assert data["length"] == 7
    assert data["formula"] == "C35H60N12O9"
    assert data["pka_set"] == "bjellqvist"


def test_selank_gravy_by_hand() -> None:
    # Kyte-Doolittle: T -0.7, K -3.9, P -1.6 (x3), R -4.5, G -0.4
    expected = (-0.7 - 3.9 - 1.6 - 4.5 - 1.6 - 0.4 - 1.6) / 7
    assert analyse("TKPRPGP").gravy == pytest.approx(expected, abs=1e-12)


@given(residues)
def test_gravy_matches_biopython(seq: str) -> None:
    assert analyse(seq).gravy == pytest.approx(ProteinAnalysis(seq).gravy(), abs=1e-9)


@given(residues)
def test_extinction_280_matches_biopython(seq: str) -> None:
    reduced, cystines = ProteinAnalysis(seq).molar_extinction_coefficient()
    result = analyse(seq)
    assert result.extinction_coefficient_280 == cystines
    assert result.extinction_coefficient_280_reduced == reduced


def test_semax_extinction_280_by_hand() -> None:
    # Pace 1995: Trp 5500, Tyr 1490, cystine 125. Semax has no Trp, Tyr or Cys.
    assert analyse("MEHFPGP").extinction_coefficient_280 == 0
    # one Trp, two Tyr, two Cys forming one cystine
    assert analyse("WYYCC").extinction_coefficient_280 == 5500 + 2 * 1490 + 125


def test_a280_warning_and_214_value_when_no_chromophore() -> None:
    result = analyse("TKPRPGP")
    # Kuipers & Gruppen 2007: 923 per peptide bond; T 41, K 41, P 2675, R 102, G 21
    expected_214 = 6 * 923 + 41 + 41 + 2675 + 102 + 2675 + 21 + 2675
    assert result.extinction_coefficient_214 == pytest.approx(expected_214)
    [warning] = [w for w in result.warnings if w.code == "no_a280_chromophore"]
    assert "280 nm" in warning.message
    assert str(expected_214) in warning.message


def test_no_a280_warning_with_a_tyrosine() -> None:
    assert "no_a280_chromophore" not in {w.code for w in analyse("TKPRPGPY").warnings}


def test_n_terminal_proline_takes_the_secondary_amine_value_at_214() -> None:
    assert analyse("PG").extinction_coefficient_214 == pytest.approx(923 + 30 + 21)
    assert analyse("GP").extinction_coefficient_214 == pytest.approx(923 + 21 + 2675)
