"""The shipped building blocks: each composition change against a hand-written formula."""

from __future__ import annotations

from collections import Counter

import pytest

from peptidekit.chem.blocks import vocabulary
from peptidekit.chem.formula import parse_proforma_formula

WATER = Counter({"H": 2, "O": 1})

# Free compounds, written by hand from their IUPAC names.
ACYL_FREE_ACIDS = {
    "AEEA": "C6H13NO4",  # 2-[2-(2-aminoethoxy)ethoxy]acetic acid
    "gGlu": "C5H9NO4",  # glutamic acid
    "C18 diacid": "C18H34O4",  # HOOC-(CH2)16-COOH
    "C20 diacid": "C20H38O4",  # HOOC-(CH2)18-COOH
}
# (the non-standard amino acid, its canonical parent amino acid)
RESIDUE_PAIRS = {
    "Aib": ("C4H9NO2", "C3H7NO2"),  # 2-aminoisobutyric acid vs alanine
    "adamantyl": ("C12H19NO2", "C2H5NO2"),  # 2-(1-adamantyl)glycine vs glycine
    "alpha-methyl": ("C7H15NO2", "C6H13NO2"),  # alpha-methyl-leucine vs leucine
    "Gln->pyro-Glu": ("C5H7NO3", "C5H10N2O3"),  # pyroglutamic acid vs glutamine
    "Glu->pyro-Glu": ("C5H7NO3", "C5H9NO4"),  # pyroglutamic acid vs glutamic acid
}
# Unimod record compositions, copied from the records by hand.
UNIMOD = {
    "Acetyl": "C2H2O",
    "Amidated": "HNO-1",
    "Oxidation": "O",
    "Deamidated": "H-1N-1O",
    "Phospho": "HO3P",
    "Dehydro": "H-1",
    "Palmitoyl": "C16H30O",
}


def _formula(text: str) -> Counter[str]:
    return parse_proforma_formula(text)


@pytest.mark.parametrize("name", sorted(ACYL_FREE_ACIDS))
def test_an_acyl_block_is_its_free_acid_minus_one_water(name: str) -> None:
    block = vocabulary().find(name)
    assert block is not None
    expected = _formula(ACYL_FREE_ACIDS[name])
    expected.subtract(WATER)
    assert block.delta == +expected
    assert block.free_formula == ACYL_FREE_ACIDS[name]


@pytest.mark.parametrize("name", sorted(RESIDUE_PAIRS))
def test_a_residue_block_is_its_amino_acid_minus_the_parent(name: str) -> None:
    block = vocabulary().find(name)
    assert block is not None
    free, parent = RESIDUE_PAIRS[name]
    expected = _formula(free)
    expected.subtract(_formula(parent))
    assert {k: v for k, v in block.delta.items() if v} == {k: v for k, v in expected.items() if v}


@pytest.mark.parametrize("name", sorted(UNIMOD))
def test_unimod_subset_matches_the_records(name: str) -> None:
    block = vocabulary().find(name)
    assert block is not None
    assert block.kind == "unimod"
    assert block.delta == _formula(UNIMOD[name])


def test_d_forms_change_no_composition_and_sit_on_their_parent() -> None:
    block = vocabulary().find("D-Phe")
    assert block is not None
    assert not block.delta
    assert block.sites == {"F"}
    assert vocabulary().find("D-Gly") is None  # glycine has no D-form


def test_names_are_found_whatever_the_case_spacing_or_greek_letters() -> None:
    gamma = vocabulary().find("γ-Glu")
    assert gamma is not None
    assert gamma is vocabulary().find("gamma glu")
    assert vocabulary().find("UNIMOD:1") is vocabulary().find("acetyl")


def test_every_block_names_its_source_and_the_vocabulary_its_version() -> None:
    assert "Unimod" in vocabulary().version
    for block in vocabulary().blocks:
        assert block.source.strip(), block.name
        assert block.sites, block.name
