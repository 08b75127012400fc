"""A concentration a page says a reconstitution makes ('add 2 mL to a 5 mg vial for
2.5 mg/mL'): not a product's labelled strength, but arithmetic that can be checked from
the vial and water figures written beside it."""

from __future__ import annotations

import re

from peptidekit.claims.values import ConcentrationValue

MAKING = re.compile(
    r"reconstitut|\badd(?:s|ed|ing)?\b|\bmix(?:es|ed|ing)?\b|bacteriostatic|diluent|dissolv|"
    r"\bdilut",
    re.I,
)
"""Words that say a concentration is made up, not bought."""
VIAL_MASS = re.compile(
    r"(?<![\d.,])(\d{1,4}(?:\.\d{1,3})?)\s{0,2}(mg|milligrams?|mcg|micrograms?|µg|ug)(?![a-z/])",
    re.I,
)
WATER_VOLUME = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{1,3})?)\s{0,2}(ml|millilit(?:er|re)s?|cc)(?![a-z/])", re.I
)
TO_MG = {"mg": 1.0, "mcg": 1e-3, "ug": 1e-3, "µg": 1e-3}


def _mg(amount: str, unit: str) -> float:
    lowered = unit.lower()
    key = (
        "mg"
        if lowered.startswith("milligram")
        else "mcg"
        if lowered.startswith("micro")
        else lowered
    )
    return float(amount) * TO_MG[key]


def made_up(window: str) -> bool:
    """Whether the words around a concentration say it is made by reconstitution."""
    return bool(MAKING.search(window))


def concentration(
    text: str, lo: int, start: int, value: float, unit: str
) -> tuple[ConcentrationValue, tuple[int, int] | None]:
    """The stated concentration with the vial mass and water volume written before it in
    ``text[lo:start]`` (exactly one of each, else none), and the vial figure's span so it
    is not read again as a dose."""
    window = text[lo:start]
    masses = list(VIAL_MASS.finditer(window))
    volumes = list(WATER_VOLUME.finditer(window))
    found: ConcentrationValue = {"value": value, "unit": unit, "vial_mg": None, "water_ml": None}
    if len(masses) != 1 or len(volumes) != 1:
        return found, None
    mass = masses[0]
    found["vial_mg"] = _mg(mass[1], mass[2])
    found["water_ml"] = float(volumes[0][1])
    return found, (lo + mass.start(), lo + mass.end())
