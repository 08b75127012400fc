"""All physicochemical properties of a peptide in one result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peptidekit.chem.charge import (
    DEFAULT_PKA_SET,
    check_ph,
    ionisable_groups,
    isoelectric_point,
    pka_set,
)
from peptidekit.chem.composition import composition, hill_formula, mass
from peptidekit.chem.protease import ProteaseNotes, protease_notes
from peptidekit.chem.residues import (
    PEPTIDE_BOND_EPSILON_214,
    PROLINE_N_TERMINAL_EPSILON_214,
    RESIDUES,
)
from peptidekit.chem.sequence import CCap, NCap, Peptide, parse_sequence
from peptidekit.results import ResultWarning

# Pace CN et al., Protein Sci 1995;4:2411-2423: molar extinction at 280 nm.
EPSILON_280_TRP = 5500
EPSILON_280_TYR = 1490
EPSILON_280_CYSTINE = 125


@dataclass(frozen=True)
class PeptideProperties:
    peptide: Peptide
    formula: str
    monoisotopic_mass: float
    average_mass: float
    isoelectric_point: float | None
    isoelectric_point_note: str | None
    ph: float
    net_charge: float
    pka_set: str
    gravy: float
    extinction_coefficient_280: int
    extinction_coefficient_280_reduced: int
    extinction_coefficient_214: float
    protease: ProteaseNotes
    warnings: tuple[ResultWarning, ...]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form; key names are part of the public interface."""
        return {
            "sequence": self.peptide.residues,
            "notation": self.peptide.notation,
            "n_terminal_cap": self.peptide.n_cap.value,
            "c_terminal_cap": self.peptide.c_cap.value,
            "length": len(self.peptide),
            "formula": self.formula,
            "monoisotopic_mass": round(self.monoisotopic_mass, 5),
            "average_mass": round(self.average_mass, 4),
            "isoelectric_point": None
            if self.isoelectric_point is None
            else round(self.isoelectric_point, 3),
            "isoelectric_point_note": self.isoelectric_point_note,
            "ph": self.ph,
            "net_charge": round(self.net_charge, 3),
            "pka_set": self.pka_set,
            "gravy": round(self.gravy, 4),
            "extinction_coefficient_280": self.extinction_coefficient_280,
            "extinction_coefficient_280_reduced": self.extinction_coefficient_280_reduced,
            "extinction_coefficient_214": round(self.extinction_coefficient_214),
            "protease_notes": self.protease.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


def epsilon_280(peptide: Peptide) -> tuple[int, int]:
    """(all Cys paired as cystines, all Cys reduced), in M^-1 cm^-1 (Pace method)."""
    seq = peptide.residues
    reduced = EPSILON_280_TRP * seq.count("W") + EPSILON_280_TYR * seq.count("Y")
    return reduced + EPSILON_280_CYSTINE * (seq.count("C") // 2), reduced


def epsilon_214(peptide: Peptide) -> float:
    """Molar extinction at 214 nm, Kuipers & Gruppen 2007 (equation 2).

    Peptide bonds plus residue side chains; an N-terminal proline takes the
    secondary-amine value. Each cap adds one amide group, counted here as one
    more peptide bond (an approximation the method does not cover).
    """
    seq = peptide.residues
    bonds = len(seq) - 1
    bonds += peptide.n_cap is NCap.ACETYL
    bonds += peptide.c_cap is CCap.AMIDE
    total = PEPTIDE_BOND_EPSILON_214 * bonds
    for position, symbol in enumerate(seq):
        if symbol == "P" and position == 0 and peptide.n_cap is NCap.FREE:
            total += PROLINE_N_TERMINAL_EPSILON_214
        else:
            total += RESIDUES[symbol].epsilon_214
    return total


def analyse(
    sequence: str | Peptide, *, ph: float = 7.4, pka_set_name: str = DEFAULT_PKA_SET
) -> PeptideProperties:
    """Compute every property of a peptide given as text or a parsed :class:`Peptide`."""
    peptide = parse_sequence(sequence) if isinstance(sequence, str) else sequence
    ph = check_ph(ph)
    pkas = pka_set(pka_set_name)
    elements = composition(peptide)
    groups = ionisable_groups(peptide, pkas)
    pi = isoelectric_point(groups)
    e280, e280_reduced = epsilon_280(peptide)
    e214 = epsilon_214(peptide)
    warnings: list[ResultWarning] = []
    if e280_reduced == 0:
        warnings.append(
            ResultWarning(
                "no_a280_chromophore",
                "no Trp, Tyr or Cys: absorbance at 280 nm cannot quantify this peptide; "
                f"use 214 nm (estimated molar extinction {e214:.0f} M^-1 cm^-1)",
            )
        )
    if pi.value is None:
        warnings.append(ResultWarning("no_isoelectric_point", pi.note or "no isoelectric point"))
    gravy = sum(RESIDUES[s].kyte_doolittle for s in peptide.residues) / len(peptide)
    return PeptideProperties(
        peptide=peptide,
        formula=hill_formula(elements),
        monoisotopic_mass=mass(elements, monoisotopic=True),
        average_mass=mass(elements, monoisotopic=False),
        isoelectric_point=pi.value,
        isoelectric_point_note=pi.note,
        ph=ph,
        net_charge=groups.net_charge(ph),
        pka_set=pkas.name,
        gravy=gravy,
        extinction_coefficient_280=e280,
        extinction_coefficient_280_reduced=e280_reduced,
        extinction_coefficient_214=e214,
        protease=protease_notes(peptide),
        warnings=tuple(warnings),
    )
