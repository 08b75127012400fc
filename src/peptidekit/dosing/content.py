"""Net peptide content: how much of a vial's stated powder mass is peptide.

A vial's label mass is usually the gross powder: peptide plus counter-ions
(acetate, trifluoroacetate) and water. Two ways to get the peptide mass:

* a net peptide content in percent, as a certificate of analysis states it
  (``5 mg at 80% = 4 mg``); it counts water and counter-ions together;
* a counter-ion and how many per molecule; the peptide fraction is then
  M(peptide) / (M(peptide) + n x M(acid)), with the acid's mass from its
  formula (acetic acid C2H4O2, trifluoroacetic acid C2HF3O2, HCl). Water is
  not counted that way, and the result says so.

Without either, nothing changes and the result says the label mass is taken
as peptide. Giving both is ambiguous and refused.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from peptidekit.chem.composition import mass, parse_formula
from peptidekit.errors import InputError
from peptidekit.units import Quantity, format_quantity, ureg

COUNTER_IONS: dict[str, tuple[str, str]] = {
    "acetate": ("C2H4O2", "acetic acid"),
    "tfa": ("C2HF3O2", "trifluoroacetic acid"),
    "trifluoroacetate": ("C2HF3O2", "trifluoroacetic acid"),
    "hcl": ("HCl", "hydrogen chloride"),
    "hydrochloride": ("HCl", "hydrogen chloride"),
    "chloride": ("HCl", "hydrogen chloride"),
}
MAX_COUNTER_IONS = 100
"""Most counter-ions per molecule accepted (a bound on absurd input)."""
LABEL_AS_PEPTIDE = "no net peptide content or counter-ion given: the label mass is taken as peptide"


@dataclass(frozen=True)
class PeptideContent:
    label: Quantity
    """The vial's stated mass (gross powder when a content is given)."""
    peptide: Quantity
    basis: str
    stated: bool
    """False when nothing was given and the label mass is taken as peptide."""
    fraction: float

    def statement(self) -> str:
        if not self.stated:
            return f"{format_quantity(self.label)}: {LABEL_AS_PEPTIDE}"
        return (
            f"{format_quantity(self.label)} powder at {self.basis} = "
            f"{format_quantity(ureg.Quantity(round(self.peptide.m_as('mg'), 6), 'mg'))} peptide"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "label_mass_mg": self.label.m_as("mg"),
            "peptide_mass_mg": self.peptide.m_as("mg"),
            "peptide_fraction": self.fraction,
            "basis": self.basis if self.stated else LABEL_AS_PEPTIDE,
            "stated": self.stated,
            "statement": self.statement(),
        }


_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*%?\s*$")


def net_percent(value: str | float | int, field: str = "net_peptide") -> float:
    """A net peptide content in percent: more than 0, at most 100; a bare 0.8 is ambiguous."""
    text = str(value)
    match = _PERCENT.match(text)
    number = float(match[1]) if match else math.nan
    if not match or not math.isfinite(number):
        raise InputError(
            f"net peptide content {text!r} is not a percent",
            input=text,
            expected="a percent from the certificate of analysis, e.g. 80%",
        ).at(field)
    if number <= 0 or number > 100:
        raise InputError(
            f"net peptide content {text!r} must be more than 0% and at most 100%",
            input=text,
            expected="a percent above 0 and up to 100, e.g. 80%",
        ).at(field)
    if number <= 1 and "%" not in text:
        raise InputError(
            f"net peptide content {text!r} is ambiguous: a fraction ({number:g} = "
            f"{number * 100:g}%) or {number:g}%? write it with %",
            input=text,
            expected="a percent written with %, e.g. 80%",
        ).at(field)
    return number


def acid_mass(counter_ion: str, field: str = "counter_ion") -> tuple[str, float]:
    """(the acid's name, its average mass in Da) for a counter-ion name."""
    key = counter_ion.strip().lower()
    if key not in COUNTER_IONS:
        raise InputError(
            f"unknown counter-ion {counter_ion!r}; expected one of acetate, TFA, HCl",
            input=counter_ion,
            expected="acetate, TFA or HCl",
        ).at(field)
    formula, name = COUNTER_IONS[key]
    return name, mass(parse_formula(formula), monoisotopic=False)


def peptide_content(
    label: Quantity,
    *,
    net_peptide: str | float | None = None,
    counter_ion: str | None = None,
    counter_ions: int | None = None,
    peptide_mass_da: float | None = None,
    compound: str | None = None,
) -> PeptideContent:
    """The peptide in a vial of ``label`` mass, from a net content or a counter-ion count."""
    given_net = net_peptide is not None and str(net_peptide).strip() != ""
    given_ion = bool(counter_ion and counter_ion.strip()) or counter_ions is not None
    if given_net and given_ion:
        raise InputError(
            "give a net peptide content or a counter-ion, not both (the net content already "
            "counts the counter-ions)",
            input=f"{net_peptide}; {counter_ion}",
            expected="one of them",
        ).at("counter_ion")
    if given_net:
        assert net_peptide is not None
        percent = net_percent(net_peptide)
        fraction = percent / 100
        return PeptideContent(label, label * fraction, f"{percent:g}% net peptide", True, fraction)
    if not given_ion:
        return PeptideContent(label, label, LABEL_AS_PEPTIDE, False, 1.0)
    if not counter_ion or not counter_ion.strip():
        raise InputError(
            "a counter-ion count needs the counter-ion (acetate, TFA or HCl)",
            input=str(counter_ions),
            expected="acetate, TFA or HCl",
        ).at("counter_ion")
    name, acid = acid_mass(counter_ion)
    if counter_ions is None or not 1 <= counter_ions <= MAX_COUNTER_IONS:
        raise InputError(
            f"how many {counter_ion} counter-ions per molecule? the certificate of analysis "
            f"states it (a whole number from 1 to {MAX_COUNTER_IONS})",
            input="" if counter_ions is None else str(counter_ions),
            expected=f"a whole number from 1 to {MAX_COUNTER_IONS}",
        ).at("counter_ions")
    if peptide_mass_da is None:
        raise InputError(
            "a counter-ion count needs the peptide's mass: name a compound whose structure is "
            "in the knowledge base, or give the net peptide content instead",
            input=compound or "",
            expected="a compound with a known structure, or a net peptide content",
        ).at("compound")
    fraction = peptide_mass_da / (peptide_mass_da + counter_ions * acid)
    basis = (
        f"{counter_ions} {counter_ion.strip()} per molecule ({name} {acid:.2f} Da each; "
        f"peptide {peptide_mass_da:.2f} Da; water not counted) = {fraction * 100:.1f}% peptide"
    )
    return PeptideContent(label, label * fraction, basis, True, fraction)
