"""How much to buy: vials or bottles over a schedule, with opening and discard dates.

Each dose takes what the calculators say it takes: for a vial, the volume at
the nearest syringe tick plus dead space; for a bottle, whole drops or sprays.
A container is opened at its first dose and must be discarded ``shelf_life``
later; when it runs short or passes its discard time, the next one is opened,
and whatever was left in an expired one is counted as waste.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peptidekit.dosing.rounding import Ceiling
from peptidekit.errors import ImpossibleDoseError
from peptidekit.protocol.schedule import Schedule
from peptidekit.results import ResultWarning
from peptidekit.units import Quantity, format_quantity


@dataclass(frozen=True)
class Delivery:
    """What one dose really is at the device's marks."""

    delivered_mcg: float
    taken_mcg: float
    """Out of the container: the delivered dose plus what the draw loses (dead space)."""
    draw: str
    """How to measure it, e.g. 'draw 16 units (0.16 mL) = 266.7 mcg'."""
    warnings: tuple[ResultWarning, ...] = ()
    amounts: tuple[tuple[str, float], ...] = ()
    """From a blend vial: (compound, delivered mcg) for every component, the one whose
    dose sets the draw first; empty for a single-compound container."""
    per_nostril_ul: float | None = None
    """Nasal: the volume into the fuller nostril at one administration."""


Consumption = Callable[[Quantity, Ceiling | None], Delivery]
"""(dose, labelled ceiling per administration) -> the delivery at the device's marks."""


@dataclass(frozen=True)
class SupplySource:
    kind: str
    """'vial' (reconstituted) or 'bottle' (nasal)."""
    content_mcg: float
    consumption: Consumption
    shelf_life_days: float | None
    shelf_life_source: str
    description: str
    notes: tuple[ResultWarning, ...] = ()
    ratios: tuple[tuple[str, float], ...] = ()
    """A blend: (compound, mcg per mcg of the component that sets the draw)."""


@dataclass
class Container:
    number: int
    opened: dt.datetime
    discard_by: dt.datetime | None
    content_mcg: float
    used_mcg: float = 0.0
    doses: int = 0
    closed_because: str = "plan ends"

    @property
    def remaining_mcg(self) -> float:
        return max(self.content_mcg - self.used_mcg, 0.0)

    @property
    def wasted_mcg(self) -> float:
        """What is thrown away: the rest of an expired container, or of one closed because
        the rest is less than a dose (it cannot be drawn); nothing while the plan runs."""
        return 0.0 if self.closed_because == "plan ends" else self.remaining_mcg

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "opened": self.opened.isoformat(),
            "discard_by": None if self.discard_by is None else self.discard_by.isoformat(),
            "doses": self.doses,
            "used_mcg": self.used_mcg,
            "remaining_mcg": self.remaining_mcg,
            "closed_because": self.closed_because,
            "wasted_mcg": self.wasted_mcg,
        }


@dataclass(frozen=True)
class SupplyPlan:
    source: SupplySource
    containers: tuple[Container, ...]
    delivered_mcg: float
    used_mcg: float
    warnings: tuple[ResultWarning, ...] = field(default=())

    @property
    def wasted_mcg(self) -> float:
        return sum(c.wasted_mcg for c in self.containers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.source.kind,
            "description": self.source.description,
            "content_mcg": self.source.content_mcg,
            "to_buy": len(self.containers),
            "total_delivered_mcg": self.delivered_mcg,
            "total_used_mcg": self.used_mcg,
            "total_wasted_mcg": self.wasted_mcg,
            "shelf_life_days": self.source.shelf_life_days,
            "shelf_life_source": self.source.shelf_life_source,
            "containers": [c.to_dict() for c in self.containers],
            "warnings": [w.to_dict() for w in self.warnings],
        }


def plan_supply(
    schedule: Schedule, source: SupplySource, deliveries: dict[float, Delivery]
) -> SupplyPlan:
    """Containers over the schedule; ``deliveries`` maps each dose (mcg) to its delivery."""
    containers: list[Container] = []
    current: Container | None = None
    delivered_total = used_total = 0.0
    shelf = None if source.shelf_life_days is None else dt.timedelta(days=source.shelf_life_days)
    for dose in schedule.doses:
        delivery = deliveries[dose.dose.m_as("mcg")]
        delivered, used = delivery.delivered_mcg, delivery.taken_mcg
        if used > source.content_mcg + 1e-9:
            raise ImpossibleDoseError(
                f"dose {dose.number} ({format_quantity(dose.dose)}) takes {used:.4g} mcg, more "
                f"than one whole {source.kind} ({source.content_mcg:.4g} mcg)",
                input=format_quantity(dose.dose),
                expected=f"a dose smaller than one {source.kind}",
                suggestion=f"use a larger {source.kind} or check the dose's unit",
            )
        expired = (
            current is not None and current.discard_by is not None and dose.at > current.discard_by
        )
        short = current is not None and current.remaining_mcg + 1e-9 < used
        if current is None or expired or short:
            if current is not None:
                current.closed_because = "expired" if expired else "used up"
            opened = dose.at
            current = Container(
                number=len(containers) + 1,
                opened=opened,
                discard_by=None if shelf is None else opened + shelf,
                content_mcg=source.content_mcg,
            )
            containers.append(current)
        current.used_mcg += used
        current.doses += 1
        delivered_total += delivered
        used_total += used
    warnings = list(source.notes)
    if source.shelf_life_days is None:
        warnings.append(
            ResultWarning(
                "shelf_life_unknown",
                f"no shelf life is known for this {source.kind} ({source.shelf_life_source}); "
                "discard dates are not tracked: give the shelf life",
            )
        )
    for c in containers:
        if c.closed_because == "expired" and c.remaining_mcg > 1e-9:
            warnings.append(
                ResultWarning(
                    "expires_before_used_up",
                    f"{source.kind} {c.number}, opened {c.opened:%Y-%m-%d %H:%M}, must be "
                    f"discarded by {c.discard_by:%Y-%m-%d %H:%M} with {c.remaining_mcg:.4g} mcg "
                    "unused",
                )
            )
    return SupplyPlan(source, tuple(containers), delivered_total, used_total, tuple(warnings))
