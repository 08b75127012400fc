from __future__ import annotations

from peptidekit.chem import analyse, parse_sequence
from peptidekit.chem.protease import protease_notes


def test_selank_free_ends_and_prolyl_oligopeptidase_sites() -> None:
    notes = protease_notes(parse_sequence("TKPRPGP"))
    assert not notes.n_terminus_protected
    assert not notes.c_terminus_protected
    assert not notes.dpp4_substrate  # Lys, not Pro or Ala, at position 2
    # Pro3-Arg4 and Pro5-Gly6; Pro7 is the C-terminus
    assert [b.after_position for b in notes.prolyl_oligopeptidase_bonds] == [3, 5]
    assert [b.bond for b in notes.prolyl_oligopeptidase_bonds] == ["Pro3-Arg4", "Pro5-Gly6"]


def test_caps_protect_both_ends() -> None:
    notes = protease_notes(parse_sequence("Ac-TKPRPGP-NH2"))
    assert notes.n_terminus_protected
    assert notes.c_terminus_protected


def test_dpp4_needs_free_amine_and_pro_or_ala_at_position_2() -> None:
    assert protease_notes(parse_sequence("YPFG")).dpp4_substrate
    assert protease_notes(parse_sequence("HAEG")).dpp4_substrate  # GLP-1-like Xaa-Ala
    assert not protease_notes(parse_sequence("Ac-YPFG")).dpp4_substrate
    assert not protease_notes(parse_sequence("YGFG")).dpp4_substrate
    assert not protease_notes(parse_sequence("YPPG")).dpp4_substrate  # Pro at position 3


def test_pro_pro_bonds_are_not_prolyl_oligopeptidase_sites() -> None:
    notes = protease_notes(parse_sequence("GPPG"))
    assert [b.bond for b in notes.prolyl_oligopeptidase_bonds] == ["Pro3-Gly4"]


def test_long_peptides_are_outside_prolyl_oligopeptidase_reach() -> None:
    notes = protease_notes(parse_sequence("GP" * 20))
    assert notes.prolyl_oligopeptidase_bonds == ()


def test_protease_notes_appear_in_json() -> None:
    data = analyse("TKPRPGP").to_dict()["protease_notes"]
    assert data["dpp4_substrate"] is False
    assert data["prolyl_oligopeptidase_bonds"][0] == {"after_position": 3, "bond": "Pro3-Arg4"}
