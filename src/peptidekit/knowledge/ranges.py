"""Dose ranges as plain data: shared by reconciliation and the calculators' index.

This module imports nothing heavy, so that a calculator can use reference
ranges without loading the schema library.
"""

from __future__ import annotations

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
