"""Elemental composition, Hill formula and masses of a peptide, caps included.

Element masses:

* monoisotopic: the most abundant isotope's atomic mass (AME/NIST values,
  the ones mass-spectrometry software uses);
* average: IUPAC standard atomic weights (conventional values as used by
  ExPASy ProtParam-style average masses).
"""

from __future__ import annotations

import re
from collections import Counter

from peptidekit.chem.residues import RESIDUES
from peptidekit.chem.sequence import CCap, NCap, Peptide
from peptidekit.errors import InputError

MONOISOTOPIC_MASS: dict[str, float] = {
    "H": 1.00782503207,
    "C": 12.0,
    "N": 14.0030740048,
    "O": 15.99491461956,
    "S": 31.97207100,
    "F": 18.99840322,
    "P": 30.97376163,
    "Cl": 34.96885268,
    "Br": 78.9183371,
    "Se": 79.9165218,
    "Na": 22.9897692809,
    "K": 38.96370668,
    "I": 126.904473,
}
AVERAGE_MASS: dict[str, float] = {
    "H": 1.00794,
    "C": 12.0107,
    "N": 14.0067,
    "O": 15.9994,
    "S": 32.065,
    "F": 18.9984032,
    "P": 30.973762,
    "Cl": 35.453,
    "Br": 79.904,
    "Se": 78.971,
    "Na": 22.98976928,
    "K": 39.0983,
    "I": 126.90447,
}

WATER: Counter[str] = Counter({"H": 2, "O": 1})
# What each cap adds to the free peptide: acetyl replaces an amine H by
# CH3CO (+C2H2O); an amide replaces the carboxyl OH by NH2 (+N +H -O).
CAP_DELTA: dict[NCap | CCap, Counter[str]] = {
    NCap.FREE: Counter(),
    NCap.ACETYL: Counter({"C": 2, "H": 2, "O": 1}),
    CCap.FREE: Counter(),
    CCap.AMIDE: Counter({"N": 1, "H": 1, "O": -1}),
}


def composition(peptide: Peptide) -> Counter[str]:
    """Element counts of the whole molecule (neutral, uncharged form)."""
    total: Counter[str] = Counter(WATER)
    for symbol in peptide.residues:
        total.update(RESIDUES[symbol].formula)
    total.update(CAP_DELTA[peptide.n_cap])
    total.update(CAP_DELTA[peptide.c_cap])
    return +total  # drops zero counts


def hill_formula(elements: Counter[str]) -> str:
    """Hill notation: C, then H, then the rest alphabetically (all alphabetical without C)."""
    order = sorted(elements)
    if "C" in elements:
        order = ["C"] + (["H"] if "H" in elements else []) + [e for e in order if e not in "CH"]
    return "".join(f"{e}{elements[e] if elements[e] != 1 else ''}" for e in order)


_FORMULA_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*)")


def parse_formula(formula: str) -> Counter[str]:
    """Element counts of a plain molecular formula such as ``C15H10BrClN2O``."""
    tokens = _FORMULA_TOKEN.findall(formula)
    if not formula or "".join(e + n for e, n in tokens) != formula:
        raise InputError(
            f"{formula!r} is not a molecular formula; expected element symbols with counts, "
            "e.g. C33H57N11O9",
            input=formula,
            expected="a molecular formula such as C33H57N11O9",
        )
    elements: Counter[str] = Counter()
    for element, count in tokens:
        if element not in AVERAGE_MASS:
            raise InputError(
                f"element {element!r} in {formula!r} is not supported; expected one of "
                + ", ".join(sorted(AVERAGE_MASS)),
                input=formula,
                expected="elements " + ", ".join(sorted(AVERAGE_MASS)),
            )
        elements[element] += int(count) if count else 1
    return elements


def mass(elements: Counter[str], *, monoisotopic: bool) -> float:
    """Mass in daltons of the given element counts."""
    table = MONOISOTOPIC_MASS if monoisotopic else AVERAGE_MASS
    return sum(table[element] * count for element, count in elements.items())
