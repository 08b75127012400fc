"""Insulin-type syringes: scale, barrel, tick marks, and rounding to a tick.

U-100 means 100 syringe units per mL (1 unit = 0.01 mL) whatever the barrel;
U-40 means 40 units per mL. Syringe units are volume marks, never
International Units (IU) of activity.

Default tick spacing of U-100 barrels, as found on the syringes peers support
(project survey, peer-tools.md): 0.3 mL barrels 0.5 unit, 0.5 mL barrels
1 unit, 1 mL barrels 2 units. U-40 barrels vary, so they need an explicit tick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from peptidekit.errors import InputError, unknown_name

UNITS_PER_ML = {"U-100": 100.0, "U-40": 40.0}
STANDARD_BARRELS_ML = (0.3, 0.5, 1.0)
DEFAULT_TICK_UNITS = {("U-100", 0.3): 0.5, ("U-100", 0.5): 1.0, ("U-100", 1.0): 2.0}


@dataclass(frozen=True)
class Syringe:
    barrel_ml: float
    scale: str
    tick_units: float
    chosen_automatically: bool = False

    @property
    def units_per_ml(self) -> float:
        return UNITS_PER_ML[self.scale]

    @property
    def capacity_units(self) -> float:
        return self.barrel_ml * self.units_per_ml

    @property
    def tick_ml(self) -> float:
        return self.tick_units / self.units_per_ml

    @property
    def label(self) -> str:
        return f"{self.barrel_ml:g} mL {self.scale} syringe ({self.tick_units:g}-unit ticks)"

    def nearest_tick(self, units: float) -> float:
        """The tick mark nearest ``units`` (halves round up), in units."""
        count = math.floor(units / self.tick_units + 0.5 + 1e-9)
        return count * self.tick_units

    def to_dict(self) -> dict[str, Any]:
        return {
            "barrel_ml": self.barrel_ml,
            "scale": self.scale,
            "units_per_ml": self.units_per_ml,
            "capacity_units": self.capacity_units,
            "tick_units": self.tick_units,
            "chosen_automatically": self.chosen_automatically,
        }


@dataclass(frozen=True)
class SyringeChoice:
    """The syringe a dose is drawn with; by default the finest U-100 barrel holding it."""

    barrel_ml: float | None = None
    scale: str = "U-100"
    tick_units: float | None = None


def make_syringe(
    barrel_ml: float, scale: str = "U-100", tick_units: float | None = None
) -> Syringe:
    """A syringe from its barrel volume and scale; the tick is looked up unless given."""
    if scale not in UNITS_PER_ML:
        raise unknown_name("syringe scale", scale, sorted(UNITS_PER_ML))
    standard = next((b for b in STANDARD_BARRELS_ML if math.isclose(b, barrel_ml)), None)
    if tick_units is None:
        if standard is None or (scale, standard) not in DEFAULT_TICK_UNITS:
            raise InputError(
                f"no known tick spacing for a {barrel_ml:g} mL {scale} barrel; give the tick "
                "spacing printed on your syringe (in units)",
                input=f"{barrel_ml:g} mL {scale}",
                expected="a 0.3, 0.5 or 1 mL U-100 barrel, or the tick spacing",
            ).at("tick")
        tick_units = DEFAULT_TICK_UNITS[(scale, standard)]
    if not (tick_units > 0 and math.isfinite(tick_units)):
        raise InputError(
            f"tick spacing {tick_units!r} must be a positive number of units",
            input=str(tick_units),
            expected="a positive number of syringe units",
        )
    return Syringe(standard or barrel_ml, scale, tick_units)


def smallest_barrel_holding(units_per_ml_scale: str, volume_ml: float) -> Syringe:
    """The finest standard U-100 barrel that holds ``volume_ml`` (the 1 mL if none does)."""
    for barrel in STANDARD_BARRELS_ML:
        if volume_ml <= barrel + 1e-12:
            syringe = make_syringe(barrel, units_per_ml_scale)
            return Syringe(syringe.barrel_ml, syringe.scale, syringe.tick_units, True)
    syringe = make_syringe(STANDARD_BARRELS_ML[-1], units_per_ml_scale)
    return Syringe(syringe.barrel_ml, syringe.scale, syringe.tick_units, True)
