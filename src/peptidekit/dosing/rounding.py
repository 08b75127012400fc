"""Rounding a dose to what a device can measure, never past a labelled maximum.

A syringe delivers whole ticks and a nasal device whole drops or sprays, so the
dose asked for is rounded to the nearest whole count (halves up). Two rules
keep that rounding honest:

* when the upper count would deliver more than the labelled ceiling (see
  :func:`peptidekit.dosing.plausibility.labelled_ceiling`) while the dose asked
  for is within it, the lower count is taken instead, and the result says so;
* a dose exactly halfway between two counts says which way it went and why.

A dose asked for above the ceiling is not rounded down: that would hide the
problem; the plausibility check names it instead.
"""

from __future__ import annotations

import math

from peptidekit.results import ResultWarning

Ceiling = tuple[float, str]
"""(most mcg one administration may deliver, why)."""


def round_count(
    exact: float,
    mcg_per_count: float,
    ceiling: Ceiling | None,
    *,
    what: str,
    step: float = 1.0,
) -> tuple[float, list[ResultWarning]]:
    """The count (a multiple of ``step``) to give for ``exact`` counts, with warnings.

    ``what`` names the count in messages ("syringe units", "sprays").
    """
    steps = exact / step
    lower = math.floor(steps + 1e-9) * step
    nearest = math.floor(steps + 0.5 + 1e-9) * step
    halfway = abs(steps - math.floor(steps) - 0.5) < 1e-6
    asked_mcg = exact * mcg_per_count
    if (
        ceiling is not None
        and nearest > lower
        and lower >= step - 1e-9
        and nearest * mcg_per_count > ceiling[0] + 1e-9
        and asked_mcg <= ceiling[0] + 1e-9
    ):
        return lower, [
            ResultWarning(
                "rounded_down_to_limit",
                f"rounded down to {lower:g} {what} ({lower * mcg_per_count:.4g} mcg), not up "
                f"to {nearest:g} ({nearest * mcg_per_count:.4g} mcg): {nearest:g} would deliver "
                f"more than {ceiling[0]:.4g} mcg, the most for {ceiling[1]}",
            )
        ]
    if halfway and nearest > lower:
        why = (
            f"it stays within {ceiling[0]:.4g} mcg ({ceiling[1]})"
            if ceiling is not None
            else "no labelled maximum is known for this compound and route"
        )
        return nearest, [
            ResultWarning(
                "halfway_rounded_up",
                f"{exact:.4g} {what} is exactly halfway between {lower:g} and {nearest:g}: "
                f"rounded up to {nearest:g} ({nearest * mcg_per_count:.4g} mcg), since {why}",
            )
        ]
    return nearest, []
