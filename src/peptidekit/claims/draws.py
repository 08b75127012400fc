"""Syringe readings a page writes out ('10 units = 0.1 mL', '500 mcg = 0.1 mL',
'200 mcg | 12 units (0.12 mL)', '1 unit = 0.01 mL = 16.7 mcg'): arithmetic against the
syringe's scale and the concentration the page gives before them.

Only figures joined by '=', '≈', '~', '→', '|', 'is', 'equals' or an opening bracket are
read as one reading; figures further apart are never paired."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from peptidekit.claims.values import DrawValue
from peptidekit.claims.windows import around

LINK = r"\s{0,3}(?:=|≈|~|→|->|\||\(|\bis\b|\bequals\b)\s{0,3}~?\s{0,2}"
UNITS = r"(?<![\d.,])(?P<units{n}>\d{1,3}(?:\.\d{1,2})?)\s{0,2}(?P<word{n}>units?|IU)\b"
ML = r"(?<![\d.,])(?P<ml{n}>\d{1,2}(?:\.\d{1,3})?)\s{0,2}(?:mL|ml|ML)\b\)?"
MASS = (
    r"(?<![\d.,])(?P<mass{n}>\d{1,3}(?:,\d{3})?(?![\d.,]\d)|\d{1,6}(?:\.\d{1,3})?(?![\d,]\d))"
    r"\s{0,2}(?P<unit{n}>mcg|µg|μg|ug|micrograms?|mg|milligrams?)\b"
)
U1, M1, W1 = UNITS.replace("{n}", "1"), ML.replace("{n}", "1"), MASS.replace("{n}", "1")
W1 += r"(?:\s{1,2}(?:draw|dose|injection|shot))?"  # 'a 250 mcg draw is 5 units'
SHAPES = [
    re.compile(W1 + LINK + U1 + "(?:" + LINK + M1 + ")?"),
    re.compile(U1 + LINK + M1 + "(?:" + LINK + W1 + ")?"),
    re.compile(M1 + LINK + U1),
    re.compile(W1 + LINK + M1),
    re.compile(U1 + LINK + W1),
]
"""mass = units (= mL); units = mL (= mass); mL = units; mass = mL; units = mass: the
fuller shapes first, so a reading is taken whole."""
TOKEN_END = re.compile(r"\s{0,2}(?:mL|ml|ML|units?|IU|mcg|µg|μg|ug|micrograms?|mg|milligrams?)\b")
READING_ANCHOR = re.compile(r"(?:units?|IU|mL|ml|ML)\b")
"""A reading has units or mL: the shapes run only near these."""
SCALES = re.compile(r"\bU-?(100|40)\b")
MCG = {"mg": 1000.0, "milligram": 1000.0, "milligrams": 1000.0}
MG_PER = {"mg": 1.0, "mcg": 1e-3, "µg": 1e-3, "μg": 1e-3, "ug": 1e-3, "g": 1000.0}


def mg_per_ml(value: float, unit: str) -> float | None:
    """A strength as written ('1.5', 'mg/mL'; '0.15', '%') in mg/mL; None if unknown."""
    if unit == "%":
        return value * 10  # w/v: 1% is 10 mg/mL
    mass, _, volume = unit.partition("/")
    factor = MG_PER.get(mass.lower())
    if factor is None or volume not in ("mL", "L"):
        return None
    return value * factor / (1000 if volume == "L" else 1)


def syringe_scale(text: str) -> int | None:
    """U-100 unless the page names only U-40; None when it names both (not guessed)."""
    named = {int(m[1]) for m in SCALES.finditer(text)}
    if named == {40}:
        return 40
    return None if len(named) > 1 else 100


def find_draws(
    text: str, concentrations: list[tuple[int, float]]
) -> Iterator[tuple[int, int, DrawValue, tuple[int, int] | None]]:
    """Each reading: its span (units and mL; the mass too when it is per unit), its value,
    and the mass figure's span when the mass stays a dose of its own. ``concentrations``:
    (position, mg/mL) of the strengths and concentrations the page gives, in order."""
    scale = syringe_scale(text)
    positions = [p for p, _ in concentrations]
    seen: set[int] = set()
    stretches = list(around(text, READING_ANCHOR, 60, 60))
    for shape in SHAPES:
        for match in (m for lo, hi in stretches for m in shape.finditer(text, lo, hi)):
            if match.start() in seen:
                continue
            groups = match.groupdict()
            units = float(groups["units1"]) if groups.get("units1") else None
            ml = float(groups["ml1"]) if groups.get("ml1") else None
            mcg = None
            if groups.get("mass1"):
                mass = float(groups["mass1"].replace(",", ""))
                mcg = mass * MCG.get(groups["unit1"].lower(), 1.0)
            if sum(x is not None for x in (units, ml, mcg)) < 2:
                continue
            before = bisect_right(positions, match.start())
            conc = concentrations[before - 1][1] if before else None
            value: DrawValue = {
                "units": units,
                "ml": ml,
                "mcg": mcg,
                "scale": scale,
                "mg_per_ml": conc,
                "said_iu": groups.get("word1") == "IU",
            }
            spans = [match.span(g) for g in ("units1", "ml1") if groups.get(g)]
            mass_span = match.span("mass1") if groups.get("mass1") else None
            if mass_span and units == 1:  # '1 unit = ... 16.7 mcg': a per-unit figure
                spans.append(mass_span)
                mass_span = None
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            unit = TOKEN_END.match(text, end)  # the unit after the last figure
            end = unit.end() if unit else end
            if text.find("(", start, end) != -1 and text[end : end + 1] == ")":
                end += 1  # '12 units (0.12 mL)': the bracket closed
            seen.add(match.start())
            yield start, end, value, mass_span
