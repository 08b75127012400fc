"""Reconstitution arithmetic: concentration, draw, syringe units, tick, delivered dose.

concentration (mg/mL) = vial mass / diluent volume
draw volume (mL)      = dose / concentration
syringe units         = draw volume x units per mL (100 on U-100, 40 on U-40)
delivered dose        = nearest tick's volume x concentration

The dissolved powder is taken to add no volume (true within a few percent for
milligram amounts of peptide); the result says so. Every result states the
dose actually delivered at the nearest tick and its error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from peptidekit.dosing.content import PeptideContent
from peptidekit.dosing.rounding import Ceiling, round_count
from peptidekit.dosing.syringe import Syringe, make_syringe, smallest_barrel_holding
from peptidekit.errors import ImpossibleDoseError
from peptidekit.results import ResultWarning
from peptidekit.units import Kind, Quantity, check_kind, format_quantity, ureg

TICK_ERROR_WARN_PERCENT = 5.0
"""Warn when rounding to the nearest tick changes the dose by more than this."""
TICKS_FOR_A_MEASURABLE_DRAW = 10
"""Suggested dilutions aim at a draw of at least this many ticks (at most 5% rounding)."""
PRACTICAL_DILUENT_ML = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)
ASSUMPTIONS = ("the dissolved powder adds no volume to the diluent",)


@dataclass(frozen=True)
class Reconstitution:
    vial: Quantity
    diluent: Quantity
    dose: Quantity
    syringe: Syringe
    concentration_mg_per_ml: float
    volume_ml: float
    syringe_units: float
    tick_units: float
    delivered_dose_mcg: float
    dose_error_percent: float
    dead_space_ml: float
    doses_per_vial: int
    per_day: int | None
    days_per_vial: int | None
    warnings: tuple[ResultWarning, ...] = field(default=())
    content: PeptideContent | None = None
    """How much of the label mass is peptide; ``vial`` is then the peptide mass."""

    @property
    def mcg_per_unit(self) -> float:
        return self.concentration_mg_per_ml * 1000 / self.syringe.units_per_ml

    @property
    def tick_volume_ml(self) -> float:
        return self.tick_units / self.syringe.units_per_ml

    def steps(self) -> list[str]:
        """The arithmetic, one line a step, for people who check."""
        s = self.syringe
        dose_mg = self.dose.m_as("mg")
        lines = [] if self.content is None else [f"peptide: {self.content.statement()}"]
        lines += [
            f"concentration = {format_quantity(self.vial, 'mg')} / "
            f"{format_quantity(self.diluent, 'mL')} = {self.concentration_mg_per_ml:.6g} mg/mL",
            f"draw = {dose_mg:.6g} mg / {self.concentration_mg_per_ml:.6g} mg/mL = "
            f"{self.volume_ml:.6g} mL",
            f"units = {self.volume_ml:.6g} mL x {s.units_per_ml:g} units/mL ({s.scale}) = "
            f"{self.syringe_units:.6g} units",
            f"nearest tick ({s.tick_units:g}-unit marks) = {self.tick_units:g} units = "
            f"{self.tick_volume_ml:.6g} mL",
            f"delivered = {self.tick_volume_ml:.6g} mL x {self.concentration_mg_per_ml:.6g} mg/mL"
            f" = {self.delivered_dose_mcg:.6g} mcg ({self.dose_error_percent:+.2f}%)",
            f"doses per vial = floor({self.diluent.m_as('mL'):.6g} mL / ({self.tick_volume_ml:.6g}"
            f" mL + {self.dead_space_ml:.6g} mL dead space)) = {self.doses_per_vial}",
        ]
        if self.per_day:
            lines.append(
                f"days per vial = floor({self.doses_per_vial} / {self.per_day} a day) = "
                f"{self.days_per_vial}"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "vial_mg": self.vial.m_as("mg"),
            "diluent_ml": self.diluent.m_as("mL"),
            "dose_mcg": self.dose.m_as("mcg"),
            "concentration_mg_per_ml": self.concentration_mg_per_ml,
            "mcg_per_unit": self.mcg_per_unit,
            "volume_ml": self.volume_ml,
            "syringe_units": self.syringe_units,
            "tick_units": self.tick_units,
            "tick_volume_ml": self.tick_volume_ml,
            "delivered_dose_mcg": self.delivered_dose_mcg,
            "dose_error_percent": self.dose_error_percent,
            "dead_space_ml": self.dead_space_ml,
            "doses_per_vial": self.doses_per_vial,
            "per_day": self.per_day,
            "days_per_vial": self.days_per_vial,
            "syringe": self.syringe.to_dict(),
            "assumptions": list(ASSUMPTIONS),
            "steps": self.steps(),
            "warnings": [w.to_dict() for w in self.warnings],
            **({} if self.content is None else {"peptide_content": self.content.to_dict()}),
        }


def _dose_over_vial(dose: Quantity, vial: Quantity) -> ImpossibleDoseError:
    """The error for a dose larger than the vial, naming a 1000x slip when one fits."""
    suggestion = "check the units (mg or mcg) of the dose and the vial"
    if dose.units.label == "mg" and dose.m_as("mg") / 1000 <= vial.m_as("mg"):
        meant = format_quantity(ureg.Quantity(dose.magnitude, "mcg"))
        suggestion = f"{format_quantity(dose)} is 1000 times {meant}: did you mean {meant}?"
    return ImpossibleDoseError(
        f"the dose {format_quantity(dose, 'mcg')} is more than the whole vial "
        f"({format_quantity(vial, 'mcg')})",
        input=format_quantity(dose),
        expected="a dose no larger than the vial",
        suggestion=suggestion,
    )


def _diluent_for_ticks(vial_mg: float, dose_mg: float, syringe: Syringe) -> float:
    """Diluent (mL) that makes the dose a draw of TICKS_FOR_A_MEASURABLE_DRAW ticks."""
    draw_ml = TICKS_FOR_A_MEASURABLE_DRAW * syringe.tick_ml
    return vial_mg * draw_ml / dose_mg


def choose_syringe(
    volume_ml: float,
    barrel_ml: float | None,
    scale: str = "U-100",
    tick_units: float | None = None,
) -> Syringe:
    """The syringe asked for, or the finest standard barrel that holds the draw."""
    if barrel_ml is not None:
        return make_syringe(barrel_ml, scale, tick_units)
    if tick_units is not None or scale != "U-100":
        chosen = make_syringe(1.0, scale, tick_units)
        return Syringe(chosen.barrel_ml, chosen.scale, chosen.tick_units, True)
    return smallest_barrel_holding(scale, volume_ml)


def reconstitute(
    vial: Quantity,
    diluent: Quantity,
    dose: Quantity,
    *,
    barrel_ml: float | None = None,
    scale: str = "U-100",
    tick_units: float | None = None,
    dead_space: Quantity | None = None,
    per_day: int | None = None,
    ceiling: Ceiling | None = None,
    shelf_life: tuple[float, str] | None = None,
) -> Reconstitution:
    """Everything about drawing ``dose`` from ``vial`` dissolved in ``diluent``.

    Raises :class:`~peptidekit.errors.ImpossibleDoseError` for a dose larger
    than the vial, a draw that does not fit the barrel (with how to split it)
    and a draw below the smallest tick (with a dilution that makes it
    measurable).

    ``ceiling`` (mcg, why) is the labelled most per administration: rounding to a
    tick never goes past it. ``shelf_life`` (days, source) flags a vial that would
    last longer than it may be kept.
    """
    check_kind(vial, Kind.MASS, "vial")
    check_kind(diluent, Kind.VOLUME, "diluent")
    check_kind(dose, Kind.MASS, "dose")
    vial_mg, diluent_ml, dose_mg = vial.m_as("mg"), diluent.m_as("mL"), dose.m_as("mg")
    dead_ml = (
        0.0 if dead_space is None else check_kind(dead_space, Kind.VOLUME, "dead space").m_as("mL")
    )
    for name, value in (("vial", vial_mg), ("diluent", diluent_ml), ("dose", dose_mg)):
        if not (value > 0 and math.isfinite(value)):
            raise ImpossibleDoseError(
                f"{name} must be greater than zero",
                input=str(value),
                expected=f"a positive {name}",
                suggestion=f"enter the {name} with its unit, e.g. 5mg or 2mL",
            )
    if dead_ml < 0 or not math.isfinite(dead_ml):
        raise ImpossibleDoseError(
            "dead space cannot be negative",
            input=str(dead_ml),
            expected="0 mL or more",
            suggestion="leave the dead space out or give it in mL, e.g. 0.07mL",
        ).at("dead_space")
    if per_day is not None and per_day < 1:
        raise ImpossibleDoseError(
            f"doses per day {per_day} must be at least 1",
            input=str(per_day),
            expected="a whole number of doses a day, 1 or more",
            suggestion="give the doses a day: 1, 2, 3...",
        ).at("per_day")
    if dose_mg > vial_mg:
        raise _dose_over_vial(dose, vial)
    concentration = vial_mg / diluent_ml
    volume_ml = dose_mg / concentration
    syringe = choose_syringe(volume_ml, barrel_ml, scale, tick_units)
    units = volume_ml * syringe.units_per_ml
    if units > syringe.capacity_units + 1e-9:
        draws = math.ceil(units / syringe.capacity_units - 1e-9)
        raise ImpossibleDoseError(
            f"the draw of {volume_ml:.4g} mL ({units:.4g} units) does not fit the "
            f"{syringe.barrel_ml:g} mL barrel ({syringe.capacity_units:g} units)",
            input=format_quantity(dose),
            expected=f"a draw of at most {syringe.barrel_ml:g} mL",
            suggestion=f"split it into {draws} draws of {units / draws:.4g} units, "
            f"use a larger barrel, or reconstitute with less diluent",
        )
    if units < syringe.tick_units - 1e-9:
        better = _diluent_for_ticks(vial_mg, dose_mg, syringe)
        raise ImpossibleDoseError(
            f"the draw of {volume_ml:.4g} mL ({units:.4g} units) is below the smallest tick "
            f"of the {syringe.label}",
            input=format_quantity(dose),
            expected=f"a draw of at least {syringe.tick_units:g} units",
            suggestion=f"dilute further: with {math.ceil(better * 100) / 100:g} mL of diluent "
            f"in this vial the dose is {TICKS_FOR_A_MEASURABLE_DRAW} ticks "
            f"({TICKS_FOR_A_MEASURABLE_DRAW * syringe.tick_units:g} units)",
        )
    mcg_per_unit = concentration * 1000 / syringe.units_per_ml
    tick, rounding = round_count(
        units, mcg_per_unit, ceiling, what="units", step=syringe.tick_units
    )
    delivered_mcg = tick / syringe.units_per_ml * concentration * 1000
    error = (delivered_mcg - dose_mg * 1000) / (dose_mg * 1000) * 100
    per_draw_ml = tick / syringe.units_per_ml + dead_ml
    doses = math.floor(diluent_ml / per_draw_ml + 1e-9)
    warnings = list(rounding)
    if abs(error) > TICK_ERROR_WARN_PERCENT:
        better = _diluent_for_ticks(vial_mg, dose_mg, syringe)
        warnings.append(
            ResultWarning(
                "tick_rounding",
                f"the nearest tick ({tick:g} units) delivers {delivered_mcg:.4g} mcg, "
                f"{error:+.1f}% from the {dose_mg * 1000:.4g} mcg asked; with "
                f"{math.ceil(better * 100) / 100:g} mL of diluent the error is at most 5%",
            )
        )
    if dead_space is None:
        warnings.append(
            ResultWarning(
                "dead_space_not_counted",
                "doses per vial assume no dead space; give the dead space (e.g. 0.07mL for a "
                "detachable needle) to count what each draw loses",
            )
        )
    if syringe.chosen_automatically:
        warnings.append(
            ResultWarning(
                "syringe_chosen",
                f"no syringe given: figures are for a {syringe.label}; give the syringe for yours",
            )
        )
    days = None if per_day is None else doses // per_day
    if days is not None and shelf_life is not None and days > shelf_life[0]:
        usable = math.floor(shelf_life[0]) * per_day  # type: ignore[operator]
        lost = (doses - usable) * tick / syringe.units_per_ml * concentration * 1000
        warnings.append(
            ResultWarning(
                "outlasts_shelf_life",
                f"at {per_day} a day the vial holds {days} days of doses, but once "
                f"reconstituted it keeps {shelf_life[0]:g} days ({shelf_life[1]}): about "
                f"{doses - usable} doses ({lost:.4g} mcg) would be discarded; use less "
                "peptide per vial or a larger dose volume",
            )
        )
    return Reconstitution(
        vial=vial,
        diluent=diluent,
        dose=dose,
        syringe=syringe,
        concentration_mg_per_ml=concentration,
        volume_ml=volume_ml,
        syringe_units=units,
        tick_units=tick,
        delivered_dose_mcg=delivered_mcg,
        dose_error_percent=error,
        dead_space_ml=dead_ml,
        doses_per_vial=doses,
        per_day=per_day,
        days_per_vial=days,
        warnings=tuple(warnings),
    )


@dataclass(frozen=True)
class DiluentRow:
    diluent_ml: float
    result: Reconstitution | None
    problem: str | None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"diluent_ml": self.diluent_ml, "problem": self.problem}
        if self.result is not None:
            r = self.result
            data.update(
                concentration_mg_per_ml=r.concentration_mg_per_ml,
                volume_ml=r.volume_ml,
                syringe_units=r.syringe_units,
                tick_units=r.tick_units,
                delivered_dose_mcg=r.delivered_dose_mcg,
                dose_error_percent=r.dose_error_percent,
            )
        return data


@dataclass(frozen=True)
class DiluentPlan:
    vial: Quantity
    dose: Quantity
    units: float
    syringe: Syringe
    diluent_ml: float
    concentration_mg_per_ml: float
    table: tuple[DiluentRow, ...]
    warnings: tuple[ResultWarning, ...]
    content: PeptideContent | None = None
    """How much of the label mass is peptide; ``vial`` is then the peptide mass."""

    @property
    def volume_ml(self) -> float:
        return self.units / self.syringe.units_per_ml

    def steps(self) -> list[str]:
        first = [] if self.content is None else [f"peptide: {self.content.statement()}"]
        return [
            *first,
            f"draw = {self.units:g} units / {self.syringe.units_per_ml:g} units/mL = "
            f"{self.volume_ml:.6g} mL",
            f"concentration = {self.dose.m_as('mg'):.6g} mg / {self.volume_ml:.6g} mL = "
            f"{self.concentration_mg_per_ml:.6g} mg/mL",
            f"diluent = {self.vial.m_as('mg'):.6g} mg / {self.concentration_mg_per_ml:.6g} mg/mL"
            f" = {self.diluent_ml:.6g} mL",
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "vial_mg": self.vial.m_as("mg"),
            "dose_mcg": self.dose.m_as("mcg"),
            "target_units": self.units,
            "diluent_ml": self.diluent_ml,
            "concentration_mg_per_ml": self.concentration_mg_per_ml,
            "volume_ml": self.volume_ml,
            "syringe": self.syringe.to_dict(),
            "table": [row.to_dict() for row in self.table],
            "steps": self.steps(),
            "warnings": [w.to_dict() for w in self.warnings],
            **({} if self.content is None else {"peptide_content": self.content.to_dict()}),
        }


def diluent_for_units(
    vial: Quantity,
    dose: Quantity,
    units: float,
    *,
    barrel_ml: float | None = None,
    scale: str = "U-100",
    tick_units: float | None = None,
) -> DiluentPlan:
    """The diluent that makes ``dose`` exactly ``units`` syringe units, and a table of
    practical diluent volumes with the draw each gives."""
    check_kind(vial, Kind.MASS, "vial")
    check_kind(dose, Kind.MASS, "dose")
    vial_mg, dose_mg = vial.m_as("mg"), dose.m_as("mg")
    if dose_mg > vial_mg:
        raise _dose_over_vial(dose, vial)
    if not (units > 0 and math.isfinite(units)):
        raise ImpossibleDoseError(
            f"target units {units!r} must be a positive number",
            input=str(units),
            expected="a positive number of syringe units",
            suggestion="give the units, 10 for example",
        ).at("units")
    syringe = choose_syringe(units / 100 if scale == "U-100" else 1.0, barrel_ml, scale, tick_units)
    if units > syringe.capacity_units + 1e-9 or units < syringe.tick_units - 1e-9:
        raise ImpossibleDoseError(
            f"{units:g} units cannot be drawn on the {syringe.label}",
            input=f"{units:g}",
            expected=f"{syringe.tick_units:g} to {syringe.capacity_units:g} units",
            suggestion="choose a number of units between one tick and the barrel's capacity",
        )
    volume_ml = units / syringe.units_per_ml
    concentration = dose_mg / volume_ml
    diluent_ml = vial_mg / concentration
    warnings = []
    if not math.isclose(syringe.nearest_tick(units), units):
        warnings.append(
            ResultWarning(
                "between_ticks",
                f"{units:g} units falls between the {syringe.tick_units:g}-unit ticks of the "
                f"{syringe.label}",
            )
        )
    rows = []
    for practical in PRACTICAL_DILUENT_ML:
        try:
            result = reconstitute(
                vial,
                _ml(practical),
                dose,
                barrel_ml=syringe.barrel_ml,
                scale=syringe.scale,
                tick_units=syringe.tick_units,
                dead_space=_ml(0),
            )
            rows.append(DiluentRow(practical, result, None))
        except ImpossibleDoseError as error:
            rows.append(DiluentRow(practical, None, error.message))
    return DiluentPlan(
        vial, dose, units, syringe, diluent_ml, concentration, tuple(rows), tuple(warnings)
    )


def _ml(value: float) -> Quantity:
    return ureg.Quantity(value, "mL")
