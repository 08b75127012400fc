"""Linear compartment models as matrices: one or two compartments, IV bolus or
first-order absorption with bioavailability and a lag time.

Units inside the PK kernels are fixed at entry: time in hours, amounts in
micrograms, volume in litres, so concentrations are mcg/L (= ng/mL).

State order: [depot] (absorption models only), central, [peripheral].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from peptidekit.errors import InputError

FloatArray = NDArray[np.floating[Any]]


@dataclass(frozen=True)
class PKParameters:
    ke: float
    """Elimination rate constant from the central compartment, 1/h."""
    volume_l: float
    """Central volume of distribution, L."""
    ka: float | None = None
    """Absorption rate constant, 1/h; None means an IV bolus into the central compartment."""
    bioavailability: float = 1.0
    lag_h: float = 0.0
    k12: float = 0.0
    """Central to peripheral, 1/h (two-compartment models)."""
    k21: float = 0.0
    """Peripheral to central, 1/h."""

    def __post_init__(self) -> None:
        checks = [
            ("ke", self.ke, False),
            ("volume", self.volume_l, False),
            ("lag", self.lag_h, True),
            ("k12", self.k12, True),
            ("k21", self.k21, True),
        ]
        if self.ka is not None:
            checks.append(("ka", self.ka, False))
        for name, value, zero_ok in checks:
            if not math.isfinite(value) or value < 0 or (value == 0 and not zero_ok):
                raise InputError(
                    f"{name} {value!r} must be a finite positive number",
                    input=str(value),
                    expected=f"{name} > 0",
                )
        if not 0 < self.bioavailability <= 1:
            raise InputError(
                f"bioavailability {self.bioavailability!r} must be in (0, 1]",
                input=str(self.bioavailability),
                expected="a fraction between 0 and 1, e.g. 0.8 or 80%",
            )
        if (self.k12 > 0) != (self.k21 > 0):
            raise InputError(
                "a two-compartment model needs both k12 and k21",
                input=f"k12={self.k12}, k21={self.k21}",
                expected="both > 0, or both 0",
            )

    @property
    def absorption(self) -> bool:
        return self.ka is not None

    @property
    def two_compartment(self) -> bool:
        return self.k12 > 0

    @property
    def n_states(self) -> int:
        return 1 + self.absorption + self.two_compartment

    @property
    def central(self) -> int:
        return 1 if self.absorption else 0

    @property
    def dose_state(self) -> int:
        """Where a dose goes: the depot, or the central compartment for an IV bolus."""
        return 0

    @property
    def dose_fraction(self) -> float:
        return self.bioavailability if self.absorption else 1.0

    def matrix(self) -> FloatArray:
        """A with dx/dt = A x."""
        n, c = self.n_states, self.central
        a = np.zeros((n, n))
        if self.ka is not None:
            a[0, 0] = -self.ka
            a[c, 0] = self.ka
        a[c, c] = -(self.ke + self.k12)
        if self.two_compartment:
            p = c + 1
            a[p, c] = self.k12
            a[c, p] = self.k21
            a[p, p] = -self.k21
        return a

    def terminal_half_life_h(self) -> float:
        """ln 2 over the slowest disposition rate (the central/peripheral eigenvalues)."""
        c = self.central
        disposition = self.matrix()[c:, c:]
        slowest = float(np.min(np.abs(np.linalg.eigvals(disposition).real)))
        return math.log(2) / slowest

    def with_values(self, **changes: float | None) -> PKParameters:
        from dataclasses import replace

        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Dose:
    time_h: float
    amount_mcg: float


def regular_doses(
    amount_mcg: float, every_h: float, count: int, start_h: float = 0.0
) -> list[Dose]:
    return [Dose(start_h + i * every_h, amount_mcg) for i in range(count)]


MAX_DAYS = 3653
MAX_POINTS = 100_000
MAX_DOSES = 20_000
MAX_SUBJECT_POINTS = 50_000_000
"""Subjects x time points of a population run (8 bytes each: 400 MB)."""


def check_regimen_size(
    days: float, every_h: float, step_h: float, subjects: int | None = None
) -> tuple[int, int]:
    """(doses, output points) of a regimen, refused before any work when too large;
    each message names the field to change and the limit."""

    def refuse(field: str, message: str, expected: str) -> InputError:
        return InputError(f"{field}: {message}", input=field, expected=expected)

    if not (0 < days <= MAX_DAYS):
        raise refuse("days", f"{days:g} days is outside 0 to {MAX_DAYS}", f"at most {MAX_DAYS}")
    if not step_h >= 1 / 60:
        raise refuse("step", "the output step must be at least 1 min", "a step of 1 min or more")
    if every_h <= 0:
        raise refuse("every", "the dosing interval must be positive", "e.g. 8h")
    end = days * 24
    doses = math.floor(end / every_h - 1e-9) + 1
    points = math.floor(end / step_h + 1e-9) + 1
    if doses > MAX_DOSES:
        raise refuse(
            "every",
            f"{doses} doses in {days:g} days: at most {MAX_DOSES}; dose less often or "
            "simulate fewer days",
            f"at most {MAX_DOSES} doses",
        )
    if points > MAX_POINTS:
        shortest = end / (MAX_POINTS - 1) * 60
        raise refuse(
            "step",
            f"{points} output points: at most {MAX_POINTS}; use a step of at least "
            f"{math.ceil(shortest)} min for {days:g} days",
            f"at most {MAX_POINTS} points",
        )
    if subjects is not None and subjects * points > MAX_SUBJECT_POINTS:
        raise refuse(
            "subjects",
            f"{subjects} subjects x {points} points is more than {MAX_SUBJECT_POINTS:,}; use "
            "fewer subjects or a longer step",
            f"subjects x points at most {MAX_SUBJECT_POINTS:,}",
        )
    return doses, points
