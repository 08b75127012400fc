"""The checker's reference compounds: each structure gives its record's formula."""

from __future__ import annotations

from pathlib import Path

import yaml

from peptidekit.chem.references import matching_formula, matching_mass, reference_compounds

GOLDEN = {
    g["formula"]: g
    for g in yaml.safe_load(
        (Path(__file__).parents[2] / "data" / "golden_proforma.yaml").read_text()
    )
}


def test_each_reference_computes_its_records_formula() -> None:
    compounds = reference_compounds()
    assert len(compounds) >= 7
    for compound in compounds:
        assert compound.formula == compound.record_formula, compound.name
        # the same molecule as the golden values' entry for that formula (tests/data)
        assert compound.formula in GOLDEN, compound.name
        assert compound.source.strip()


def test_masses_match_by_average_or_by_a_monoisotopic_figure() -> None:
    fragment = matching_mass(888.49)  # HRMS, monoisotopic
    assert fragment is not None
    assert fragment.name == "TB-500 fragment"
    full = matching_mass(4963.5)
    assert full is not None
    assert full.name == "thymosin beta-4"
    assert matching_mass(2000.0) is None
    semaglutide = matching_formula("C187H291N45O59")
    assert semaglutide is not None
    assert semaglutide.name == "semaglutide"
