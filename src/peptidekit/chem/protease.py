"""Notes on which peptidases a sequence is exposed to, from simple sequence rules.

Rules (each is the textbook substrate rule, not a stability prediction):

* Aminopeptidases need a free N-terminal amine; an acetyl cap blocks them.
  Carboxypeptidases need a free C-terminal carboxyl; an amide cap blocks them.
* Dipeptidyl peptidase IV (DPP-IV, CD26) removes an N-terminal Xaa-Pro or
  Xaa-Ala dipeptide from a peptide with a free N-terminal amine; a proline at
  position 3 prevents the cut (Mentlein R, Regul Pept 1999;85:9-24).
* Prolyl oligopeptidase cuts on the carboxyl side of an internal proline
  (Pro-Xaa, Xaa not Pro) in peptides of up to about 30 residues
  (Garcia-Horsman et al., Neuropeptides 2007;41:1-24).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from peptidekit.chem.residues import RESIDUES
from peptidekit.chem.sequence import CCap, NCap, Peptide

PROLYL_OLIGOPEPTIDASE_MAX_LENGTH = 30


@dataclass(frozen=True)
class Bond:
    after_position: int
    bond: str


@dataclass(frozen=True)
class ProteaseNotes:
    n_terminus_protected: bool
    c_terminus_protected: bool
    dpp4_substrate: bool
    prolyl_oligopeptidase_bonds: tuple[Bond, ...]
    notes: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["prolyl_oligopeptidase_bonds"] = [asdict(b) for b in self.prolyl_oligopeptidase_bonds]
        data["notes"] = list(self.notes)
        return data


def _label(symbol: str, position: int) -> str:
    return f"{RESIDUES[symbol].three}{position}"


def protease_notes(peptide: Peptide) -> ProteaseNotes:
    seq = peptide.residues
    notes: list[str] = []
    n_protected = peptide.n_cap is NCap.ACETYL
    c_protected = peptide.c_cap is CCap.AMIDE
    notes.append(
        "N-terminus acetylated: blocked for aminopeptidases"
        if n_protected
        else "N-terminus is a free amine: open to aminopeptidases"
    )
    notes.append(
        "C-terminus amidated: blocked for carboxypeptidases"
        if c_protected
        else "C-terminus is a free acid: open to carboxypeptidases"
    )

    dpp4 = not n_protected and len(seq) >= 2 and seq[1] in "PA" and seq[2:3] != "P"
    if dpp4:
        notes.append(
            f"DPP-IV substrate: free amine with {_label(seq[1], 2)} at position 2; "
            f"it can remove {_label(seq[0], 1)}-{_label(seq[1], 2)}"
        )
    elif not n_protected and len(seq) >= 3 and seq[1] in "PA" and seq[2] == "P":
        notes.append("not a DPP-IV substrate: proline at position 3 prevents the cut")
    else:
        notes.append("not a DPP-IV substrate (needs a free amine and Pro or Ala at position 2)")

    bonds = tuple(
        Bond(i + 1, f"{_label(seq[i], i + 1)}-{_label(seq[i + 1], i + 2)}")
        for i in range(len(seq) - 1)
        if seq[i] == "P" and seq[i + 1] != "P"
    )
    if bonds and len(seq) <= PROLYL_OLIGOPEPTIDASE_MAX_LENGTH:
        listed = ", ".join(b.bond for b in bonds)
        notes.append(f"prolyl oligopeptidase could cut after proline at {listed}")
    elif bonds:
        notes.append(
            f"Pro-Xaa bonds present, but prolyl oligopeptidase acts on peptides of up to "
            f"about {PROLYL_OLIGOPEPTIDASE_MAX_LENGTH} residues"
        )
        bonds = ()
    return ProteaseNotes(n_protected, c_protected, dpp4, bonds, tuple(notes))
