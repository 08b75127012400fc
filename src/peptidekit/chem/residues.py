"""The twenty standard amino-acid residues and their per-residue constants.

Sources of the constants (each a published table, not a fit of ours):

* residue formulas: amino acid minus H2O (standard chemistry);
* ``kyte_doolittle``: Kyte J, Doolittle RF. J Mol Biol 1982;157:105-132, Table 2;
* ``epsilon_214``: Kuipers BJH, Gruppen H. J Agric Food Chem 2007;55:5445-5451
  (doi 10.1021/jf070337l), molar extinction coefficients at 214 nm of the
  residues; proline not at the N-terminus carries the tertiary amide value.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Residue:
    one: str
    three: str
    name: str
    formula: dict[str, int]
    kyte_doolittle: float
    epsilon_214: float


def _f(c: int, h: int, n: int, o: int, s: int = 0) -> dict[str, int]:
    elements = {"C": c, "H": h, "N": n, "O": o, "S": s}
    return {element: count for element, count in elements.items() if count}


RESIDUES: dict[str, Residue] = {
    r.one: r
    for r in (
        Residue("A", "Ala", "alanine", _f(3, 5, 1, 1), 1.8, 32),
        Residue("R", "Arg", "arginine", _f(6, 12, 4, 1), -4.5, 102),
        Residue("N", "Asn", "asparagine", _f(4, 6, 2, 2), -3.5, 136),
        Residue("D", "Asp", "aspartic acid", _f(4, 5, 1, 3), -3.5, 58),
        Residue("C", "Cys", "cysteine", _f(3, 5, 1, 1, 1), 2.5, 225),
        Residue("E", "Glu", "glutamic acid", _f(5, 7, 1, 3), -3.5, 78),
        Residue("Q", "Gln", "glutamine", _f(5, 8, 2, 2), -3.5, 142),
        Residue("G", "Gly", "glycine", _f(2, 3, 1, 1), -0.4, 21),
        Residue("H", "His", "histidine", _f(6, 7, 3, 1), -3.2, 5125),
        Residue("I", "Ile", "isoleucine", _f(6, 11, 1, 1), 4.5, 45),
        Residue("L", "Leu", "leucine", _f(6, 11, 1, 1), 3.8, 45),
        Residue("K", "Lys", "lysine", _f(6, 12, 2, 1), -3.9, 41),
        Residue("M", "Met", "methionine", _f(5, 9, 1, 1, 1), 1.9, 980),
        Residue("F", "Phe", "phenylalanine", _f(9, 9, 1, 1), 2.8, 5200),
        Residue("P", "Pro", "proline", _f(5, 7, 1, 1), -1.6, 2675),
        Residue("S", "Ser", "serine", _f(3, 5, 1, 2), -0.8, 34),
        Residue("T", "Thr", "threonine", _f(4, 7, 1, 2), -0.7, 41),
        Residue("W", "Trp", "tryptophan", _f(11, 10, 2, 1), -0.9, 29050),
        Residue("Y", "Tyr", "tyrosine", _f(9, 9, 1, 2), -1.3, 5375),
        Residue("V", "Val", "valine", _f(5, 9, 1, 1), 4.2, 43),
    )
}

BY_THREE_LETTER: dict[str, Residue] = {r.three.upper(): r for r in RESIDUES.values()}

PROLINE_N_TERMINAL_EPSILON_214 = 30.0
"""Kuipers & Gruppen 2007: an N-terminal proline has a secondary amine, not a tertiary amide."""

PEPTIDE_BOND_EPSILON_214 = 923.0
"""Kuipers & Gruppen 2007: molar extinction coefficient of one peptide bond at 214 nm."""
