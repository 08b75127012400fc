"""Formula and masses: golden values with sources, and two independent libraries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from Bio.SeqUtils import molecular_weight
from Bio.SeqUtils.ProtParam import ProteinAnalysis
from hypothesis import given
from hypothesis import strategies as st
from pyteomics import mass as pyteomics_mass

from peptidekit.chem import analyse, parse_sequence
from peptidekit.chem.composition import composition, hill_formula, mass
from peptidekit.chem.residues import RESIDUES

GOLDEN = yaml.safe_load((Path(__file__).parents[2] / "data" / "golden_peptides.yaml").read_text())
residues = st.text(alphabet=sorted(RESIDUES), min_size=1, max_size=30)

# pyteomics knows the free termini; the caps are given to it as plain formulas.
PYTEOMICS_COMP = dict(pyteomics_mass.std_aa_comp)
PYTEOMICS_COMP["Ac-"] = pyteomics_mass.Composition(formula="C2H3O")
PYTEOMICS_COMP["-NH2"] = pyteomics_mass.Composition(formula="NH2")


def pyteomics_masses(seq: str, n: str = "H-", c: str = "-OH") -> tuple[float, float]:
    parsed = [n, *seq, c]
    comp = pyteomics_mass.Composition(parsed_sequence=parsed, aa_comp=PYTEOMICS_COMP)
    return (
        pyteomics_mass.calculate_mass(composition=comp),
        pyteomics_mass.calculate_mass(composition=comp, average=True),
    )


@pytest.mark.parametrize("entry", GOLDEN, ids=[g["name"] for g in GOLDEN])
def test_golden_formula_and_average_mass(entry: dict[str, Any]) -> None:
    result = analyse(entry["sequence"])
    assert result.formula == entry["formula"], entry["source"]
    if entry["average_mass"] is not None:
        assert result.average_mass == pytest.approx(entry["average_mass"], abs=0.05)


def test_hill_notation_orders_carbon_hydrogen_then_alphabetical() -> None:
    from collections import Counter

    assert hill_formula(Counter({"O": 1, "H": 2})) == "H2O"
    assert hill_formula(Counter({"S": 1, "N": 9, "O": 10, "C": 37, "H": 51})) == "C37H51N9O10S"
    assert hill_formula(Counter({"C": 1, "O": 2})) == "CO2"


@given(residues)
def test_masses_match_biopython_for_free_peptides(seq: str) -> None:
    result = analyse(seq)
    bio_mono = molecular_weight(seq, seq_type="protein", monoisotopic=True)
    assert result.monoisotopic_mass == pytest.approx(bio_mono, abs=1e-4)
    assert result.average_mass == pytest.approx(ProteinAnalysis(seq).molecular_weight(), abs=1e-3)


@given(residues, st.sampled_from(["H-", "Ac-"]), st.sampled_from(["-OH", "-NH2"]))
def test_masses_match_pyteomics_with_caps(seq: str, n: str, c: str) -> None:
    result = analyse(f"{n}{seq}{c}")
    mono, average = pyteomics_masses(seq, n, c)
    assert result.monoisotopic_mass == pytest.approx(mono, abs=1e-6)
    # pyteomics averages isotope abundances; IUPAC weights differ in the 4th decimal
    assert result.average_mass == pytest.approx(average, abs=0.01 + 2e-5 * average)


@given(residues, residues)
def test_mass_of_concatenation_is_sum_minus_water(a: str, b: str) -> None:
    water = 2 * 1.00782503207 + 15.99491461956
    whole = mass(composition(parse_sequence(a + b)), monoisotopic=True)
    parts = sum(mass(composition(parse_sequence(s)), monoisotopic=True) for s in (a, b))
    assert whole == pytest.approx(parts - water, abs=1e-6)


@given(residues)
def test_caps_shift_composition_by_acetyl_and_amide(seq: str) -> None:
    free = composition(parse_sequence(seq))
    capped = composition(parse_sequence(f"Ac-{seq}-NH2"))
    diff = {e: capped.get(e, 0) - free.get(e, 0) for e in set(free) | set(capped)}
    # acetyl: +C2H2O; amide: -OH +NH2 = +N +H -O
    assert {e: d for e, d in diff.items() if d} == {"C": 2, "H": 3, "N": 1}
