"""Bad ProForma input: each a ProFormaError naming the position and what was expected."""

from __future__ import annotations

import time

import pytest

from peptidekit.chem.proforma import MAX_RESIDUES, parse_proforma
from peptidekit.errors import InputError, ProFormaError


def _error(text: str) -> ProFormaError:
    with pytest.raises(ProFormaError) as caught:
        parse_proforma(text)
    assert isinstance(caught.value, InputError)
    assert f"position {caught.value.position}" in caught.value.message
    return caught.value


def test_unknown_modification_names_the_closest_known_ones() -> None:
    error = _error("HA[Aibb]EG")
    assert error.position == 3
    assert "Aib" in error.suggestions
    assert "Aib" in error.message


def test_unclosed_and_stray_brackets_point_at_the_bracket() -> None:
    assert _error("TK[Acetyl").position == 3
    assert "never closed" in _error("TK[Acetyl").message
    assert _error("TK]P").position == 3


def test_a_cross_link_with_one_end() -> None:
    error = _error("C[#XL1]YIQNCPLG")
    assert error.position == 2
    assert "one end" in error.message


def test_a_cross_link_with_three_ends() -> None:
    assert "3 ends" in _error("C[#XL1]C[#XL1]C[#XL1]").message


def test_a_tag_on_a_terminus_that_cannot_take_it() -> None:
    error = _error("[Amidated]-TKPRPGP")
    assert error.position == 1
    assert "N-terminus" in error.message
    assert "C-term" in error.message
    assert _error("TKPRPGP-[Aib]").position == 9


def test_a_block_on_the_wrong_residue_says_where_it_goes() -> None:
    error = _error("HG[Aib]EG")
    assert error.position == 3
    assert "goes on A" in error.message


def test_pyroglutamate_only_on_the_first_residue() -> None:
    assert parse_proforma("Q[pyroGlu]HW").residues[0].tags
    assert "first residue" in _error("HQ[pyroGlu]W").message


def test_a_formula_with_an_unknown_element_points_inside_the_tag() -> None:
    error = _error("TK[Formula:C2Xx]")
    assert error.position == 14  # the X of Xx
    assert "Xx" in error.message


def test_a_legacy_cap_inside_proforma_explains_the_proforma_form() -> None:
    assert "[Amidated]" in _error("TK[Acetyl]P-NH2").message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("<[Oxidation]@M>PEPM", "global"),
        ("{Hex}PEPTIDE", "labile"),
        ("[Phospho]?PEPT", "unknown position"),
        ("PE(PT)[Phospho]IDE", "ranges"),
        ("PEPT+PEPT", "chimeric"),
        ("PEPTIDE/2", "charge"),
        ("PEPBIDE", "ambiguous"),
        ("S[Phospho#g1]PEPT", "not supported"),
        ("N[Glycan:HexNAc]PT", "glycan"),
        ("TK[Formula:C2H2O:z+1]", "charged"),
        ("TK[Formula:[13C2]H2O]", "isotope"),
        ("TK[Acetyl|Formula:CH2]", "different chemistry"),
        ("SK[#XL1]TS[#XL1]", "names no chemistry"),
        ("X", "needs a Formula"),
        ("", "no residues"),
    ],
)
def test_unsupported_or_malformed_input_is_refused_with_a_reason(text: str, words: str) -> None:
    assert words in _error(text).message

    assert len(parse_proforma("A" * MAX_RESIDUES)) == MAX_RESIDUES
    error = _error("A" * 10_000)
    assert "MAX_RESIDUES" in error.message
    assert error.position == MAX_RESIDUES + 1
    # Refusing a huge input costs no more than reading the bound (a ratio, not a time).
    start = time.perf_counter()
    parse_proforma("A" * MAX_RESIDUES)
    accepted = time.perf_counter() - start
    start = time.perf_counter()
    _error("A" * 1_000_000)
    refused = time.perf_counter() - start
    assert refused < 20 * accepted


@pytest.mark.parametrize("text", ["A" * 10_000, "-".join(["Ala"] * 10_000), "A" * 10**7])
def test_the_classic_notation_has_the_same_named_bound(text: str) -> None:
    from peptidekit.chem import analyse
    from peptidekit.errors import SequenceError

    with pytest.raises(SequenceError, match="MAX_RESIDUES"):
        analyse(text)
    assert len(analyse("A" * MAX_RESIDUES).peptide) == MAX_RESIDUES
