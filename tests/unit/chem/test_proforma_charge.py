"""Charge and pI of modified peptides: which groups count, and 'cannot compute' when unknown."""

from __future__ import annotations

import pytest

from peptidekit.chem import analyse
from peptidekit.chem.peptidoform import analyse_proforma


def _charge(text: str, ph: float = 7.4) -> float:
    value = analyse_proforma(text, ph=ph).net_charge
    assert value is not None
    return value


@pytest.mark.parametrize("ph", [3.0, 7.4, 10.0])
def test_an_acylated_lysine_loses_its_amine(ph: float) -> None:
    # GK[Acetyl]G keeps only the termini, exactly as GAG does.
    assert _charge("GK[Acetyl]G", ph) == pytest.approx(_charge("GAG", ph), abs=1e-12)


@pytest.mark.parametrize("ph", [3.0, 7.4, 10.0])
def test_a_fatty_diacid_carboxyl_counts_like_a_glu_side_chain(ph: float) -> None:
    # K loses its amine; the diacid's free carboxyl is valued as Glu's side chain.
    assert _charge("GK[C18 diacid]G", ph) == pytest.approx(_charge("GEG", ph), abs=1e-12)


def test_semaglutide_states_the_groups_it_counted() -> None:
    result = analyse_proforma("HA[Aib]EGTFTSDVSSYLEGQAAK[AEEA][AEEA][gGlu][C18 diacid]EFIAWLVRGRG")
    counted = " | ".join(g.describe() for g in result.groups)
    assert "C18 diacid carboxyl" in counted
    assert "gGlu carboxyl" in counted
    assert "K20 side-chain amine" not in counted
    assert "R28 side-chain guanidinium" in counted
    # 2 basic + 1 His vs 9 acidic groups: acidic pI, negative at pH 7.4.
    assert result.isoelectric_point is not None
    assert result.isoelectric_point < 5.5
    assert result.net_charge is not None
    assert result.net_charge < -3


def test_disulfide_removes_both_thiols_and_amidation_the_carboxyl() -> None:
    oxytocin = analyse_proforma("C[#XL1]YIQNC[#XL1]PLG-[Amidated]")
    described = [g.describe() for g in oxytocin.groups]
    assert not any("thiol" in d for d in described)
    assert not any("C-terminal" in d for d in described)
    assert any("N-terminal amine" in d for d in described)
    assert any("Y2 side-chain phenol" in d for d in described)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("GS[Phospho]G", "phosphate"),
        ("GK[Formula:C2H2O]G", "may change an ionisable group"),
        ("GK[+42.0106]G", "mass tag"),
        ("GK[AEEA]G", "free amine"),
    ],
)
def test_unknown_groups_give_no_charge_and_say_why(text: str, reason: str) -> None:
    result = analyse_proforma(text)
    assert result.net_charge is None
    assert result.isoelectric_point is None
    assert result.charge_note is not None
    assert result.charge_note.startswith("cannot compute")
    assert reason in result.charge_note


def test_a_carbon_hydrogen_formula_is_taken_as_neutral() -> None:
    assert _charge("HA[Formula:CH2]EG") == pytest.approx(_charge("HA[Aib]EG"), abs=1e-12)


@pytest.mark.parametrize("legacy", ["TKPRPGP", "Ac-TKPRPGP-NH2", "MEHFPGP", "Ac-TKPRPGP-OH"])
def test_unmodified_peptides_match_the_existing_calculation(legacy: str) -> None:
    proforma = legacy.replace("Ac-", "[Acetyl]-").replace("-NH2", "-[Amidated]").replace("-OH", "")
    old, new = analyse(legacy), analyse_proforma(proforma)
    assert new.formula == old.formula
    assert new.monoisotopic_mass == pytest.approx(old.monoisotopic_mass, abs=1e-9)
    assert new.net_charge == pytest.approx(old.net_charge, abs=1e-9)
    if old.isoelectric_point is None:
        assert new.isoelectric_point is None
    else:
        assert new.isoelectric_point == pytest.approx(old.isoelectric_point, abs=1e-6)


def test_a_mass_tag_leaves_formula_and_average_unknown_but_adds_to_the_monoisotopic() -> None:
    plain = analyse_proforma("TKPRPGP")
    tagged = analyse_proforma("TK[+42.010565]PRPGP")
    assert tagged.formula is None
    assert tagged.average_mass is None
    assert tagged.formula_note is not None
    assert "mass tag" in tagged.formula_note
    assert plain.monoisotopic_mass is not None
    assert tagged.monoisotopic_mass is not None
    assert tagged.monoisotopic_mass - plain.monoisotopic_mass == pytest.approx(42.010565)
