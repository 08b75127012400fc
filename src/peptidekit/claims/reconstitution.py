"""A concentration a page says a reconstitution makes ('add 2 mL to a 5 mg vial for
2.5 mg/mL'): not a product's labelled strength, but arithmetic that can be checked from
the vial and water figures written before it. Also the words that tell the two apart."""

from __future__ import annotations

import re

from peptidekit.claims.values import ConcentrationValue

MAKING = re.compile(
    r"reconstitut|\badd(?:s|ed|ing)?\b|\bmix(?:es|ed|ing)?\b|bacteriostatic|diluent|dissolv|"
    r"\bdilut",
    re.I,
)
"""Words beside a concentration that say it is made up, not bought."""
RECONSTITUTING = re.compile(r"reconstitut|bacteriostatic|\bBAC water|diluent", re.I)
"""Words that make a whole page about reconstituting powder."""
PRODUCT = re.compile(
    r"drops?\b|spray|nasal|bottle|label|commercial|formulation|product|pharmac|\bsold\b|brand",
    re.I,
)
"""Words beside a concentration that say it is a product's strength."""
VIAL_MASS = re.compile(
    r"(?<![\d.,])(\d{1,4}(?:\.\d{1,3})?)\s{0,2}(mg|milligrams?|mcg|micrograms?|µg|ug)(?![a-z/])",
    re.I,
)
WATER_VOLUME = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:\.\d{1,3})?)\s{0,2}(ml|millilit(?:er|re)s?|cc)(?![a-z/])", re.I
)
MCG_PER = {"mg": 1000.0, "mcg": 1.0, "ug": 1.0, "µg": 1.0, "μg": 1.0, "ng": 1e-3, "g": 1e6}
REACHES = (150, 250, 350, 450)
"""How far before a concentration its vial and water figures are looked for, nearest
first, after its own sentence and the one before."""


def _mg(amount: str, unit: str) -> float:
    lowered = unit.lower()
    key = (
        "mg"
        if lowered.startswith("milligram")
        else "mcg"
        if lowered.startswith("micro")
        else lowered
    )
    return float(amount) * MCG_PER[key] / 1000


def made_up(window: str) -> bool:
    """Whether the words around a concentration say it is made by reconstitution."""
    return bool(MAKING.search(window))


def reconstituting_page(text: str) -> bool:
    return bool(RECONSTITUTING.search(text))


def concentration(
    text: str, start: int, value: float, unit: str, near: int
) -> tuple[ConcentrationValue, tuple[int, int] | None]:
    """The stated concentration with the vial mass and water volume written before it:
    from ``near`` (its sentence and the one before), then ever further back (REACHES), the
    first stretch holding one mass and one volume (each perhaps written more than once);
    with the vial figure's span, so it is not read again as a dose."""
    found: ConcentrationValue = {"value": value, "unit": unit, "vial_mg": None, "water_ml": None}
    tried = start
    for lo in (near, *(max(0, start - reach) for reach in REACHES)):
        while 0 < lo < start and not text[lo - 1].isspace():
            lo += 1  # never start inside a figure ('0 mg' of '10 mg')
        if lo >= tried:
            continue
        tried = lo
        window = text[lo:start]
        # a vial holds milligrams: a smaller figure nearby is a dose ('200-500 mcg daily')
        masses = [m for m in VIAL_MASS.finditer(window) if _mg(m[1], m[2]) >= 1]
        mass_values = {_mg(m[1], m[2]) for m in masses}
        volume_values = {float(v[1]) for v in WATER_VOLUME.finditer(window)}
        if len(mass_values) > 1 or len(volume_values) > 1:
            return found, None  # two vials or two volumes: which one is not guessed
        if mass_values and volume_values:
            found["vial_mg"], found["water_ml"] = mass_values.pop(), volume_values.pop()
            return found, (lo + masses[-1].start(), lo + masses[-1].end())
    return found, None
