"""Net charge and isoelectric point: hand computations and two independent libraries."""

from __future__ import annotations

import pytest
from Bio.SeqUtils.IsoelectricPoint import IsoelectricPoint as BioIsoelectricPoint
from hypothesis import assume, given
from hypothesis import strategies as st
from pyteomics import electrochem

from peptidekit.chem import PKA_SETS, analyse, pka_set
from peptidekit.chem.residues import RESIDUES
from peptidekit.errors import InputError, UnknownNameError

residues = st.text(alphabet=sorted(RESIDUES), min_size=1, max_size=30)


def hh_base(ph: float, pka: float) -> float:
    return 1 / (1 + 10 ** (ph - pka))


def hh_acid(ph: float, pka: float) -> float:
    return 1 / (1 + 10 ** (pka - ph))


def test_selank_net_charge_by_hand() -> None:
    # Bjellqvist/ExPASy: N-terminal Thr 6.82, Lys 10.0, Arg 12.0, C-terminal carboxyl 3.55
    ph = 7.4
    expected = hh_base(ph, 6.82) + hh_base(ph, 10.0) + hh_base(ph, 12.0) - hh_acid(ph, 3.55)
    assert analyse("TKPRPGP", ph=ph).net_charge == pytest.approx(expected, abs=1e-12)


def test_capped_selank_charge_counts_only_side_chains() -> None:
    # Ac- removes the amine pKa and -NH2 the carboxyl pKa: only Lys and Arg remain.
    ph = 7.4
    expected = hh_base(ph, 10.0) + hh_base(ph, 12.0)
    result = analyse("Ac-Thr-Lys-Pro-Arg-Pro-Gly-Pro-NH2", ph=ph)
    assert result.net_charge == pytest.approx(expected, abs=1e-12)


def test_capped_selank_has_no_isoelectric_point() -> None:
    result = analyse("Ac-Thr-Lys-Pro-Arg-Pro-Gly-Pro-NH2")
    assert result.isoelectric_point is None
    assert result.to_dict()["isoelectric_point"] is None
    assert "no acidic group" in (result.isoelectric_point_note or "")
    assert "no_isoelectric_point" in {w.code for w in result.warnings}


@pytest.mark.parametrize("name", sorted(PKA_SETS))
def test_no_acidic_group_gives_null_in_every_pka_set(name: str) -> None:
    assert analyse("Ac-KR-NH2", pka_set_name=name).isoelectric_point is None
    assert analyse("Ac-DE-NH2", pka_set_name=name).isoelectric_point is None


@pytest.mark.parametrize(
    ("sequence", "name", "n_pka", "c_pka"),
    [
        ("G", "bjellqvist", 7.5, 3.55),
        ("GG", "bjellqvist", 7.5, 3.55),
        ("AG", "bjellqvist", 7.59, 3.55),
        ("GGG", "lehninger", 9.69, 2.34),
        ("GG", "emboss", 8.6, 3.6),
        ("GG", "grimsley", 7.7, 3.3),
    ],
)
def test_two_group_pi_is_the_mean_of_the_two_pkas(
    sequence: str, name: str, n_pka: float, c_pka: float
) -> None:
    # One amine and one carboxyl: zero charge where both are half... symmetric,
    # i.e. pH - pKa(N) = pKa(C) - pH, so pI = (pKa(N) + pKa(C)) / 2.
    pi = analyse(sequence, pka_set_name=name).isoelectric_point
    assert pi == pytest.approx((n_pka + c_pka) / 2, abs=1e-6)


@given(residues)
def test_pi_matches_biopython_expasy_method(seq: str) -> None:
    bio = BioIsoelectricPoint(seq).pi()
    assume(4.1 < bio < 11.95)  # Biopython's bisection is confined to [4.05, 12]
    assert analyse(seq).isoelectric_point == pytest.approx(bio, abs=0.01)


@given(residues)
def test_pi_matches_pyteomics_bjellqvist(seq: str) -> None:
    expected = electrochem.pI(
        seq,
        pK=electrochem.pK_bjellqvist,
        pK_nterm=electrochem.pK_nterm_bjellqvist,
        pK_cterm=electrochem.pK_cterm_bjellqvist,
    )
    assert analyse(seq).isoelectric_point == pytest.approx(expected, abs=0.01)


@given(residues)
def test_pi_matches_pyteomics_lehninger(seq: str) -> None:
    expected = electrochem.pI(seq, pK=electrochem.pK_lehninger)
    assert analyse(seq, pka_set_name="lehninger").isoelectric_point == pytest.approx(
        expected, abs=0.01
    )


@given(residues, st.floats(0, 14))
def test_charge_matches_pyteomics_lehninger(seq: str, ph: float) -> None:
    expected = electrochem.charge(seq, ph, pK=electrochem.pK_lehninger)
    assert analyse(seq, ph=ph, pka_set_name="lehninger").net_charge == pytest.approx(
        expected, abs=1e-9
    )


@given(residues, st.booleans(), st.booleans(), st.sampled_from(sorted(PKA_SETS)))
def test_net_charge_is_zero_at_the_isoelectric_point(
    seq: str, acetyl: bool, amide: bool, name: str
) -> None:
    text = ("Ac-" if acetyl else "") + seq + ("-NH2" if amide else "")
    pi = analyse(text, pka_set_name=name).isoelectric_point
    if pi is None:
        # the charge keeps one sign (or is zero throughout) from pH 0 to 14
        low = analyse(text, ph=0.0, pka_set_name=name).net_charge
        high = analyse(text, ph=14.0, pka_set_name=name).net_charge
        assert low * high > 0 or (low == 0 and high == 0)
    else:
        assert 0 <= pi <= 14
        assert analyse(text, ph=pi, pka_set_name=name).net_charge == pytest.approx(0, abs=1e-6)


def test_expasy_is_an_alias_of_bjellqvist_and_names_are_case_insensitive() -> None:
    assert pka_set("ExPASy") is pka_set("bjellqvist") is pka_set(" BJELLQVIST ")


def test_unknown_pka_set_lists_choices() -> None:
    with pytest.raises(UnknownNameError) as caught:
        analyse("TKPRPGP", pka_set_name="stryer")
    assert "'stryer'" in caught.value.message
    assert "lehninger" in caught.value.choices


@pytest.mark.parametrize("ph", [-0.1, 14.5, float("nan"), float("inf")])
def test_ph_out_of_range_is_refused(ph: float) -> None:
    with pytest.raises(InputError) as caught:
        analyse("TKPRPGP", ph=ph)
    assert "pH" in caught.value.message
