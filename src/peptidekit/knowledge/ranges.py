"""Dose ranges as plain data: shared by reconciliation and the calculators' index.

This module imports nothing heavy, so that a calculator can use reference
ranges without loading the schema library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Range = tuple[float, float]


def overlaps(a: Range, b: Range) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def fmt_range(r: Range, unit: str) -> str:
    if unit == "mcg" and r[0] >= 1000:
        r, unit = (r[0] / 1000, r[1] / 1000), "mg"
    low, high = (f"{v:.6g}" for v in r)
    return f"{low} {unit}" if low == high else f"{low}-{high} {unit}"


@dataclass(frozen=True)
class ReferenceRange:
    topic: str
    route: str | None
    basis: str | None
    low: float
    high: float
    unit: str
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    origin: str
    """'reference' (a claim marked as the reference, usually the label) or 'envelope'."""
    note: str
    maximum: bool = False
    """The range is a labelled ceiling, not a usual dose."""

    @property
    def text(self) -> str:
        return fmt_range((self.low, self.high), self.unit) + (" (maximum)" if self.maximum else "")


UNIT_SLIPS = ((3, "mg", "mcg"), (-3, "mcg", "mg"))
"""(log10 of the factor, unit probably written, unit probably meant)."""
UNIT_SLIP_LOG10_TOLERANCE = 0.5
"""A ratio within 10**(3 +/- 0.5), i.e. about 316x to 3162x, counts as a 1000x slip."""


def unit_slip(value: Range, plausible: Range) -> tuple[float, str, str] | None:
    """The one rule for a 1000-fold mg/mcg slip, used by the reconciliation of sources,
    the calculators' plausibility checks and the claim checker.

    ``value`` (mcg) is a slip of ``plausible`` (mcg) when it does not overlap it and
    the ratio of their geometric midpoints is within 10**(3 +/- 0.5) either way.
    Returns (factor, unit written, unit meant), e.g. (1000.0, 'mg', 'mcg'), or None.
    """
    if overlaps(value, plausible) or min(*value, *plausible) <= 0:
        return None
    ratio = math.log10(math.sqrt(value[0] * value[1]) / math.sqrt(plausible[0] * plausible[1]))
    for exponent, wrote, meant in UNIT_SLIPS:
        if abs(ratio - exponent) <= UNIT_SLIP_LOG10_TOLERANCE:
            return 10.0**exponent, wrote, meant
    return None
