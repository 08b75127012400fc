from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peptidekit.chem import CCap, NCap, parse_sequence
from peptidekit.chem.residues import RESIDUES
from peptidekit.errors import SequenceError, UnknownResidueError

residues = st.text(alphabet=sorted(RESIDUES), min_size=1, max_size=25)


@pytest.mark.parametrize(
    ("text", "residues_", "n_cap", "c_cap"),
    [
        ("TKPRPGP", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("tkprpgp", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("Thr-Lys-Pro-Arg-Pro-Gly-Pro", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("THR-lys-PRO-arg-Pro-gly-pro", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("Ac-TKPRPGP-NH2", "TKPRPGP", NCap.ACETYL, CCap.AMIDE),
        ("ac-tkprpgp-nh2", "TKPRPGP", NCap.ACETYL, CCap.AMIDE),
        ("Ac-Thr-Lys-Pro-Arg-Pro-Gly-Pro-NH2", "TKPRPGP", NCap.ACETYL, CCap.AMIDE),
        ("H-TKPRPGP-OH", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("H-His-Lys-OH", "HK", NCap.FREE, CCap.FREE),
        ("His-Lys", "HK", NCap.FREE, CCap.FREE),
        ("  TKP RPGP ", "TKPRPGP", NCap.FREE, CCap.FREE),
        ("Gly", "G", NCap.FREE, CCap.FREE),
        ("GLY", "GLY", NCap.FREE, CCap.FREE),
    ],
)
def test_accepted_notations(text: str, residues_: str, n_cap: NCap, c_cap: CCap) -> None:
    peptide = parse_sequence(text)
    assert (peptide.residues, peptide.n_cap, peptide.c_cap) == (residues_, n_cap, c_cap)


def test_notation_writes_both_ends() -> None:
    assert parse_sequence("Ac-Thr-Lys-Pro-NH2").notation == "Ac-TKP-NH2"
    assert parse_sequence("TKP").notation == "H-TKP-OH"


@pytest.mark.parametrize(
    ("text", "symbol", "position"),
    [
        ("TKPXRPGP", "X", 4),
        ("tkpb", "B", 4),
        ("Thr-Lys-Xyz-Arg", "Xyz", 3),
        ("Ac-Thr-Lys-Orn-NH2", "Orn", 3),
        ("1KP", "1", 1),
    ],
)
def test_unknown_residue_names_symbol_and_position(text: str, symbol: str, position: int) -> None:
    with pytest.raises(UnknownResidueError) as caught:
        parse_sequence(text)
    error = caught.value
    assert (error.symbol, error.position) == (symbol, position)
    assert repr(symbol) in error.message
    assert f"position {position}" in error.message
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("text", ["", "   ", "Ac--NH2", "H-", "-OH"])
def test_empty_sequences_are_refused(text: str) -> None:
    with pytest.raises(SequenceError):
        parse_sequence(text)


@given(residues, st.booleans(), st.booleans())
def test_one_and_three_letter_notations_agree(seq: str, acetyl: bool, amide: bool) -> None:
    three = "-".join(RESIDUES[s].three for s in seq)
    n = "Ac-" if acetyl else ""
    c = "-NH2" if amide else ""
    one_letter = parse_sequence(f"{n}{seq}{c}")
    if len(seq) == 1:  # a lone three-letter code needs title case to be read as one residue
        three = RESIDUES[seq].three
    assert parse_sequence(f"{n}{three}{c}") == one_letter
