"""Net charge at a pH and the isoelectric point, from published pKa sets.

Charge is the Henderson-Hasselbalch sum over ionisable groups. Caps change
the chemistry: an acetylated N-terminus has no amine pKa and an amidated
C-terminus has no carboxyl pKa, so those groups are simply absent.

The isoelectric point is the pH where the net charge crosses zero. The net
charge falls strictly as pH rises, from +(basic groups) to -(acidic groups),
so a crossing exists only when the peptide has groups of both signs. Without
one (for example Ac-TKPRPGP-NH2, which has no acidic group) the result is
``None`` with the reason, never a value clamped at pH 0 or 14.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peptidekit.chem.sequence import CCap, NCap, Peptide
from peptidekit.errors import InputError, unknown_name

POSITIVE = ("K", "R", "H")
NEGATIVE = ("D", "E", "C", "Y")


@dataclass(frozen=True)
class PkaSet:
    """One published table of pKa values."""

    name: str
    source: str
    n_term: float
    c_term: float
    side_chain: dict[str, float]
    n_term_by_residue: dict[str, float] = field(default_factory=dict)
    c_term_by_residue: dict[str, float] = field(default_factory=dict)


PKA_SETS: dict[str, PkaSet] = {
    s.name: s
    for s in (
        PkaSet(
            "bjellqvist",
            "Bjellqvist et al., Electrophoresis 1993;14:1023 and 1994;15:529, with the "
            "terminal residue-specific values used by ExPASy Compute pI/Mw",
            n_term=7.5,
            c_term=3.55,
            side_chain={"K": 10.0, "R": 12.0, "H": 5.98, "D": 4.05, "E": 4.45, "C": 9.0, "Y": 10.0},
            n_term_by_residue={
                "A": 7.59,
                "M": 7.0,
                "S": 6.93,
                "P": 8.36,
                "T": 6.82,
                "V": 7.44,
                "E": 7.7,
            },
            c_term_by_residue={"D": 4.55, "E": 4.75},
        ),
        PkaSet(
            "lehninger",
            "Nelson DL, Cox MM. Lehninger Principles of Biochemistry, 4th ed., 2004, p. 1100",
            n_term=9.69,
            c_term=2.34,
            side_chain={
                "K": 10.53,
                "R": 12.48,
                "H": 6.00,
                "D": 3.65,
                "E": 4.25,
                "C": 8.18,
                "Y": 10.07,
            },
        ),
        PkaSet(
            "emboss",
            "EMBOSS iep default pK data (Epk.dat)",
            n_term=8.6,
            c_term=3.6,
            side_chain={"K": 10.8, "R": 12.5, "H": 6.5, "D": 3.9, "E": 4.1, "C": 8.5, "Y": 10.1},
        ),
        PkaSet(
            "grimsley",
            "Grimsley GR, Scholtz JM, Pace CN. Protein Sci 2009;18:247-251 (average pKa "
            "values in folded proteins), as tabulated by Kozlowski, Biol Direct 2016;11:55",
            n_term=7.7,
            c_term=3.3,
            side_chain={"K": 10.5, "R": 12.04, "H": 6.6, "D": 3.5, "E": 4.2, "C": 6.8, "Y": 10.3},
        ),
    )
}
ALIASES = {"expasy": "bjellqvist"}
DEFAULT_PKA_SET = "bjellqvist"


def pka_set(name: str) -> PkaSet:
    """Look a pKa set up by name (case-insensitive); ``expasy`` is ``bjellqvist``."""
    key = ALIASES.get(name.strip().lower(), name.strip().lower())
    if key not in PKA_SETS:
        raise unknown_name("pKa set", name, sorted([*PKA_SETS, *ALIASES]))
    return PKA_SETS[key]


@dataclass(frozen=True)
class IonisableGroups:
    """The pKa of every ionisable group of one peptide, split by sign."""

    basic: tuple[float, ...]
    acidic: tuple[float, ...]

    def net_charge(self, ph: float) -> float:
        positive = sum(1.0 / (1.0 + 10.0 ** (ph - pk)) for pk in self.basic)
        negative = sum(1.0 / (1.0 + 10.0 ** (pk - ph)) for pk in self.acidic)
        return float(positive - negative)


def ionisable_groups(peptide: Peptide, pkas: PkaSet) -> IonisableGroups:
    basic: list[float] = []
    acidic: list[float] = []
    if peptide.n_cap is NCap.FREE:
        basic.append(pkas.n_term_by_residue.get(peptide.residues[0], pkas.n_term))
    if peptide.c_cap is CCap.FREE:
        acidic.append(pkas.c_term_by_residue.get(peptide.residues[-1], pkas.c_term))
    for symbol in peptide.residues:
        if symbol in POSITIVE:
            basic.append(pkas.side_chain[symbol])
        elif symbol in NEGATIVE:
            acidic.append(pkas.side_chain[symbol])
    return IonisableGroups(tuple(basic), tuple(acidic))


def check_ph(ph: float) -> float:
    if not isinstance(ph, int | float) or not 0.0 <= ph <= 14.0:
        raise InputError(
            f"pH {ph!r} is out of range; expected a number from 0 to 14",
            input=str(ph),
            expected="a pH from 0 to 14",
        )
    return float(ph)


@dataclass(frozen=True)
class IsoelectricPoint:
    value: float | None
    note: str | None


def isoelectric_point(groups: IonisableGroups, *, tolerance: float = 1e-9) -> IsoelectricPoint:
    """The pH of zero net charge by bisection on [0, 14], or ``None`` with the reason."""
    if not groups.acidic or not groups.basic:
        missing = "acidic" if not groups.acidic else "basic"
        return IsoelectricPoint(
            None,
            f"no {missing} group: the net charge never crosses zero, "
            "so there is no isoelectric point",
        )
    low, high = 0.0, 14.0
    if groups.net_charge(low) <= 0.0 or groups.net_charge(high) >= 0.0:
        return IsoelectricPoint(None, "the net charge does not cross zero between pH 0 and 14")
    while high - low > tolerance:
        middle = (low + high) / 2.0
        if groups.net_charge(middle) > 0.0:
            low = middle
        else:
            high = middle
    return IsoelectricPoint((low + high) / 2.0, None)
