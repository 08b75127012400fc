"""Chemistry of a compound that is not a peptide (NAD+, a benzodiazepine): from its formula.

A molecular formula gives the composition and the masses and nothing more: it has no
residues, so a net charge, an isoelectric point, GRAVY, extinction coefficients and
protease sites are not computed, and the result says so rather than pretending the
formula is a chain of amino acids. Text is read as a formula when it says so
(``formula:C21H27N7O14P2``) or when it is element symbols with at least one count
(``C21H27N7O14P2``): a one-letter sequence never holds a digit, so ``NAD`` stays a
tripeptide and ``C2H6O`` is ethanol.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from peptidekit.chem.composition import hill_formula, mass, parse_formula
from peptidekit.chem.formula import MAX_COUNT
from peptidekit.errors import InputError

FORMULA_PREFIX = "formula:"
_PLAIN = re.compile(r"(?:[A-Z][a-z]?\d*)+")

NOT_A_PEPTIDE = (
    "a molecular formula: no residues, so net charge, isoelectric point, GRAVY, "
    "extinction coefficients and protease sites are not computed"
)


def is_formula(text: str) -> bool:
    """Whether ``text`` is meant as a molecular formula rather than a sequence."""
    stripped = text.strip()
    if stripped.lower().startswith(FORMULA_PREFIX):
        return True
    return bool(_PLAIN.fullmatch(stripped)) and any(ch.isdigit() for ch in stripped)


def parse_molecular_formula(text: str) -> Counter[str]:
    """Element counts of a plain formula (``C21H27N7O14P2``); refused naming the fault."""
    body = text.strip()
    if body.lower().startswith(FORMULA_PREFIX):
        body = body[len(FORMULA_PREFIX) :].strip()
    expected = "a molecular formula such as C21H27N7O14P2 (element symbols with counts)"
    if not body or not _PLAIN.fullmatch(body):
        raise InputError(
            f"{text!r} is not a molecular formula; expected {expected}",
            input=text,
            expected=expected,
        )
    elements = parse_formula(body)  # element symbols checked there, naming the input
    for element, number in elements.items():
        if number == 0 or number > MAX_COUNT:
            raise InputError(
                f"count {number} of {element} in {text!r} is out of range; expected 1 to "
                f"{MAX_COUNT:,}",
                input=text,
                expected=expected,
            )
    return elements


@dataclass(frozen=True)
class MoleculeProperties:
    """Formula, composition and masses of a compound known by its formula only."""

    notation: str
    elements: Counter[str]
    notes: tuple[str, ...] = (NOT_A_PEPTIDE,)

    @property
    def formula(self) -> str:
        return hill_formula(self.elements)

    @property
    def monoisotopic_mass(self) -> float:
        return mass(self.elements, monoisotopic=True)

    @property
    def average_mass(self) -> float:
        return mass(self.elements, monoisotopic=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form. The charge fields are present and None, with the reason, so a
        reader of peptide results finds the same keys and no invented value."""
        return {
            "kind": "molecule",
            "notation": self.notation,
            "sequence": None,
            "length": 0,
            "formula": self.formula,
            "formula_note": None,
            "composition": dict(sorted(self.elements.items())),
            "monoisotopic_mass": round(self.monoisotopic_mass, 5),
            "average_mass": round(self.average_mass, 4),
            "ph": None,
            "pka_set": None,
            "net_charge": None,
            "isoelectric_point": None,
            "charge_note": "not computed: " + NOT_A_PEPTIDE,
            "groups_counted": [],
            "modifications": [],
            "cross_links": [],
            "notes": list(self.notes),
        }


def analyse_formula(text: str) -> MoleculeProperties:
    """Composition and masses of a molecular formula (``C21H27N7O14P2`` is NAD+)."""
    return MoleculeProperties(notation=text.strip(), elements=parse_molecular_formula(text))
