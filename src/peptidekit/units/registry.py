"""The package's one unit registry: exact unit factors and quantities with dimensions.

A deliberately small registry: only the units peptide dosing needs (mass,
volume, time, activity in IU, fractions, and their ratios). Conversion factors
are exact fractions, so mg to mcg is exactly 1000 and 0.15 % w/v is exactly
1.5 mg/mL before the single float multiplication. Quantities of different
dimensions never convert into each other: IU never becomes a mass.

(A general-purpose library such as pint was the first choice; its import
alone takes about ten times as long as starting Python, which an interactive
calculator cannot afford. See benchmarks/cli_startup.py.)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache, total_ordering

from peptidekit.errors import DimensionalityError, UnknownUnitError

# Base dimensions: mass (gram), volume (millilitre), time (second), activity (IU).
DIMENSIONS = ("mass", "volume", "time", "activity")
Dims = tuple[int, int, int, int]

__all__ = ["DimensionalityError", "Quantity", "Registry", "Unit", "ureg"]


@dataclass(frozen=True)
class Unit:
    label: str
    """How people read it: mcg, mg/mL, 1/h, %, IU."""
    factor: Fraction
    """Size in base units (g, mL, s, IU)."""
    dims: Dims

    def __mul__(self, other: Unit) -> Unit:
        dims = tuple(a + b for a, b in zip(self.dims, other.dims, strict=True))
        return Unit(f"{self.label}*{other.label}", self.factor * other.factor, _dims(dims))

    def __truediv__(self, other: Unit) -> Unit:
        dims = tuple(a - b for a, b in zip(self.dims, other.dims, strict=True))
        top = "1" if self.label == "" else self.label
        return Unit(f"{top}/{other.label}", self.factor / other.factor, _dims(dims))

    def __str__(self) -> str:
        return self.label


def _dims(values: tuple[int, ...]) -> Dims:
    a, b, c, d = values
    return (a, b, c, d)


def _unit(
    label: str,
    factor: Fraction | int,
    mass: int = 0,
    volume: int = 0,
    time: int = 0,
    activity: int = 0,
) -> Unit:
    return Unit(label, Fraction(factor), (mass, volume, time, activity))


_UNITS: dict[str, Unit] = {}
for _names, _u in (
    (("kilogram", "kg"), _unit("kg", 1000, mass=1)),
    (("gram", "g"), _unit("g", 1, mass=1)),
    (("milligram", "mg"), _unit("mg", Fraction(1, 1000), mass=1)),
    (("microgram", "mcg", "ug"), _unit("mcg", Fraction(1, 10**6), mass=1)),
    (("nanogram", "ng"), _unit("ng", Fraction(1, 10**9), mass=1)),
    (("liter", "L"), _unit("L", 1000, volume=1)),
    (("deciliter", "dL"), _unit("dL", 100, volume=1)),
    (("milliliter", "mL"), _unit("mL", 1, volume=1)),
    (("microliter", "uL"), _unit("uL", Fraction(1, 1000), volume=1)),
    (("second", "s"), _unit("s", 1, time=1)),
    (("minute", "min"), _unit("min", 60, time=1)),
    (("hour", "h"), _unit("h", 3600, time=1)),
    (("day", "d"), _unit("d", 86400, time=1)),
    (("week", "wk"), _unit("wk", 7 * 86400, time=1)),
    (("international_unit", "IU"), _unit("IU", 1, activity=1)),
    (("percent", "%"), _unit("%", Fraction(1, 100))),
    (("dimensionless", ""), _unit("", 1)),
):
    for _name in _names:
        _UNITS[_name] = _u


class Registry:
    """Looks units up by name or label and builds quantities."""

    def unit(self, spec: str | Unit) -> Unit:
        """A unit from a name (``milligram``), label (``mg``) or ratio (``mg/mL``, ``1/h``)."""
        if isinstance(spec, Unit):
            return spec
        known = _UNITS.get(spec)
        return known if known is not None else _unit_from_text(spec)

    def Quantity(self, magnitude: float, unit: str | Unit) -> Quantity:  # noqa: N802 (pint-style name)
        return Quantity(float(magnitude), self.unit(unit))


@lru_cache(maxsize=512)
def _unit_from_text(spec: str) -> Unit:
    """A unit from a label with spaces or a ratio ('mg / mL'), parsed once per text."""
    text = spec.strip()
    if text in _UNITS:
        return _UNITS[text]
    parts = [p.strip() for p in re.split(r"\s*/\s*", text)]
    if len(parts) == 2 and parts[0] in ("1", *_UNITS) and parts[1] in _UNITS:
        top = _UNITS[""] if parts[0] == "1" else _UNITS[parts[0]]
        return top / _UNITS[parts[1]]
    raise UnknownUnitError(
        f"unit {spec!r} is not in peptidekit's registry",
        input=str(spec),
        expected="a unit such as mg, mcg, mL, uL, h, d, mg/mL or 1/h",
    )


_RATIOS: dict[tuple[int, int], tuple[Unit, Unit, float]] = {}


def _ratio(source: Unit, target: Unit) -> float:
    """The exact factor from one unit to another, as a float, computed once per pair of
    unit objects (the registry hands out the same objects; the pair is kept, so an id is
    never reused while cached)."""
    known = _RATIOS.get((id(source), id(target)))
    if known is not None and known[0] is source and known[1] is target:
        return known[2]
    ratio = float(source.factor / target.factor)
    if len(_RATIOS) < 4096:
        _RATIOS[(id(source), id(target))] = (source, target, ratio)
    return ratio


ureg = Registry()
"""The package-wide unit registry. Use this one; never create another."""


@total_ordering
@dataclass(frozen=True)
class Quantity:
    magnitude: float
    units: Unit

    @property
    def dims(self) -> Dims:
        return self.units.dims

    def _incompatible(self, target: Unit) -> DimensionalityError:
        return DimensionalityError(
            f"cannot convert {self.magnitude:g} {self.units} to {target}: a different kind "
            "of quantity",
            input=f"{self.magnitude:g} {self.units}",
            expected=f"a quantity convertible to {target}",
        )

    def to(self, unit: str | Unit) -> Quantity:
        target = ureg.unit(unit)
        if target.dims != self.units.dims:
            raise self._incompatible(target)
        if target is self.units:
            return self
        ratio = _ratio(self.units, target)
        return Quantity(self.magnitude * ratio if ratio != 1 else self.magnitude, target)

    def m_as(self, unit: str | Unit) -> float:
        return self.to(unit).magnitude

    def check(self, dimension: str) -> bool:
        """True if of the dimension written pint-style: ``[mass]``, ``[mass] / [volume]``..."""
        return self.units.dims == _parse_dimension(dimension)

    def _same(self, other: Quantity) -> float:
        return other.to(self.units).magnitude

    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(self.magnitude + self._same(other), self.units)

    def __sub__(self, other: Quantity) -> Quantity:
        return Quantity(self.magnitude - self._same(other), self.units)

    def __mul__(self, other: Quantity | float) -> Quantity:
        if isinstance(other, Quantity):
            return Quantity(self.magnitude * other.magnitude, self.units * other.units)
        return Quantity(self.magnitude * other, self.units)

    __rmul__ = __mul__

    def __truediv__(self, other: Quantity | float) -> Quantity:
        if isinstance(other, Quantity):
            return Quantity(self.magnitude / other.magnitude, self.units / other.units)
        return Quantity(self.magnitude / other, self.units)

    def _exact(self) -> Fraction:
        """The magnitude in base units, exactly (a float is an exact rational)."""
        return Fraction(self.magnitude) * self.units.factor

    def __eq__(self, other: object) -> bool:
        # exact in base units: symmetric, and consistent with __hash__ (converting one
        # side into the other's unit first rounds, so a == b and b == a could differ)
        if not isinstance(other, Quantity) or other.dims != self.dims:
            return NotImplemented
        if not (math.isfinite(self.magnitude) and math.isfinite(other.magnitude)):
            return bool(
                self.magnitude * float(self.units.factor)
                == other.magnitude * float(other.units.factor)
            )
        return self._exact() == other._exact()

    def __lt__(self, other: Quantity) -> bool:
        if other.dims != self.dims:
            raise self._incompatible(other.units)
        if not (math.isfinite(self.magnitude) and math.isfinite(other.magnitude)):
            return bool(
                self.magnitude * float(self.units.factor)
                < other.magnitude * float(other.units.factor)
            )
        return self._exact() < other._exact()

    def __hash__(self) -> int:
        if not math.isfinite(self.magnitude):
            return hash((self.magnitude, self.dims))
        return hash((self._exact(), self.dims))

    def __str__(self) -> str:
        return f"{self.magnitude:g} {self.units}".strip()


@lru_cache(maxsize=64)
def _parse_dimension(text: str) -> Dims:
    if text.strip() in ("[]", ""):
        return (0, 0, 0, 0)
    dims = [0, 0, 0, 0]
    numerator, _, denominator = text.partition("/")
    for sign, part in ((1, numerator), (-1, denominator)):
        for name in re.findall(r"\[(\w+)\]", part):
            if name not in DIMENSIONS:
                raise UnknownUnitError(
                    f"unknown dimension [{name}]",
                    input=text,
                    expected="[mass], [volume], [time], [activity] or ratios of them",
                )
            dims[DIMENSIONS.index(name)] += sign
    return _dims(tuple(dims))
