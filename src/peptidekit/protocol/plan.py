"""The planner's library API: schedule, supply and checks in one :class:`Plan`.

The journal and the web app build planned doses from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from peptidekit.dosing.blend import Blend
from peptidekit.dosing.nasal import Device, nasal_dose
from peptidekit.dosing.reconstitution import reconstitute
from peptidekit.dosing.rounding import Ceiling
from peptidekit.protocol.schedule import PlannedDose, Schedule, build_schedule
from peptidekit.protocol.spec import ProtocolSpec
from peptidekit.protocol.supply import Delivery, SupplyPlan, SupplySource, plan_supply
from peptidekit.results import DISCLAIMER, ResultWarning
from peptidekit.units import Kind, Quantity, check_kind, format_quantity, ureg


@dataclass(frozen=True)
class Plan:
    schedule: Schedule
    supply: SupplyPlan | None
    warnings: tuple[ResultWarning, ...]
    deliveries: dict[float, Delivery] = field(default_factory=dict)
    """Each dose (mcg) as delivered at the device's marks; empty without a supply."""

    def delivery(self, dose: PlannedDose) -> Delivery | None:
        return self.deliveries.get(dose.dose.m_as("mcg"))

    def dose_rows(self) -> list[dict[str, Any]]:
        """Every dose as a dict, with the draw and the delivered dose when known."""
        rows = []
        for dose in self.schedule.doses:
            delivery = self.delivery(dose)
            rows.append(
                {
                    **dose.to_dict(),
                    "delivered_mcg": None if delivery is None else delivery.delivered_mcg,
                    "draw": None if delivery is None else delivery.draw,
                }
            )
        return rows

    def to_dict(self) -> dict[str, Any]:
        spec = self.schedule.spec
        return {
            "disclaimer": DISCLAIMER,
            "compound": spec.compound,
            "route": spec.route,
            "dose": format_quantity(spec.dose),
            "time_zone": spec.tz,
            "times": [t.strftime("%H:%M") for t in spec.times],
            "course_days": spec.course_days,
            "break_days": spec.break_days,
            "cycles": spec.cycles,
            "periods": [p.to_dict() for p in self.schedule.periods],
            "doses": self.dose_rows(),
            "dose_count": len(self.schedule.doses),
            "supply": None if self.supply is None else self.supply.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


def vial_source(
    vial: Quantity,
    diluent: Quantity,
    *,
    shelf_life_days: float | None,
    shelf_life_source: str,
    barrel_ml: float | None = None,
    scale: str = "U-100",
    tick_units: float | None = None,
    dead_space: Quantity | None = None,
    blend: Blend | None = None,
    set_by: str | None = None,
) -> SupplySource:
    """Reconstituted vials: each dose takes its tick volume plus dead space. For a blend,
    ``vial`` is the mass of ``set_by``, the component whose dose sets the draw; every
    other component comes with it (stated in each delivery's draw and amounts)."""
    check_kind(vial, Kind.MASS, "vial")
    check_kind(diluent, Kind.VOLUME, "diluent")
    dead_ml = 0.0 if dead_space is None else dead_space.m_as("mL")

    def consumption(dose: Quantity, ceiling: Ceiling | None) -> Delivery:
        r = reconstitute(
            vial,
            diluent,
            dose,
            barrel_ml=barrel_ml,
            scale=scale,
            tick_units=tick_units,
            dead_space=dead_space,
            ceiling=ceiling,
        )
        taken = (r.tick_volume_ml + dead_ml) * r.concentration_mg_per_ml * 1000
        kept = ("tick_rounding", "rounded_down_to_limit", "halfway_rounded_up")
        amounts = () if blend is None else blend.co_delivered(str(set_by), r.delivered_dose_mcg)
        each = " + ".join(f"{mcg:.4g} mcg {name}" for name, mcg in amounts)
        return Delivery(
            r.delivered_dose_mcg,
            taken,
            f"draw {r.tick_units:g} units ({r.tick_volume_ml:.4g} mL) on a {r.syringe.label} "
            f"= {each or f'{r.delivered_dose_mcg:.4g} mcg'}",
            tuple(w for w in r.warnings if w.code in kept),
            amounts,
        )

    return SupplySource(
        "vial",
        vial.m_as("mcg"),
        consumption,
        shelf_life_days,
        shelf_life_source,
        f"{blend.description if blend else format_quantity(vial)} vial in "
        f"{format_quantity(diluent, 'mL')}",
        ratios=() if blend is None else blend.co_delivered(str(set_by), 1.0),
    )


def bottle_source(
    bottle: Quantity,
    concentration: Quantity,
    device: Device,
    *,
    shelf_life_days: float | None,
    shelf_life_source: str,
) -> SupplySource:
    """Nasal bottles: each dose takes whole drops or sprays."""
    check_kind(bottle, Kind.VOLUME, "bottle")
    check_kind(concentration, Kind.CONCENTRATION, "concentration")

    def consumption(dose: Quantity, ceiling: Ceiling | None) -> Delivery:
        r = nasal_dose(concentration, device, dose=dose, ceiling=ceiling)
        left, right = r.per_nostril
        kept = ("whole_units_rounding", "rounded_down_to_limit", "halfway_rounded_up")
        return Delivery(
            r.delivered_dose_mcg,
            r.delivered_dose_mcg,
            f"{r.count} {device.kind}s ({left} + {right}) = {r.delivered_dose_mcg:.4g} mcg",
            tuple(w for w in r.warnings if w.code in kept),
            per_nostril_ul=max(left, right) * device.volume.m_as("uL"),
        )

    notes: tuple[ResultWarning, ...] = ()
    if device.source.startswith("default"):
        notes = (
            ResultWarning(
                "uncalibrated_device",
                f"{device.kind} volume {device.volume.m_as('uL'):g} uL is a typical figure "
                f"({device.source}); calibrate yours for exact counts",
            ),
        )
    return SupplySource(
        "bottle",
        bottle.m_as("mL") * concentration.m_as("mg/mL") * 1000,
        consumption,
        shelf_life_days,
        shelf_life_source,
        f"{format_quantity(bottle, 'mL')} bottle at {format_quantity(concentration, 'mg/mL')}",
        notes,
    )


def protocol_checks(
    spec: ProtocolSpec, deliveries: dict[float, Delivery] | None = None
) -> list[ResultWarning]:
    """Plausibility of every dose (as delivered, when the supply is known) and its day,
    titration steps included, and of the course against the knowledge base."""
    if spec.compound is None:
        return []
    from peptidekit.dosing.plausibility import check_dose
    from peptidekit.knowledge import default_knowledge
    from peptidekit.knowledge.reconcile import reference_ranges

    warnings: list[ResultWarning] = []
    for dose in spec.dose_amounts:
        delivery = (deliveries or {}).get(dose.m_as("mcg"))
        checked = dose if delivery is None else ureg.Quantity(delivery.delivered_mcg, "mcg")
        for w in check_dose(spec.compound, spec.route, checked, per_day=len(spec.times)):
            if w not in warnings:
                warnings.append(w)
        for name, mcg in () if delivery is None else delivery.amounts[1:]:
            co = ureg.Quantity(mcg, "mcg")
            for w in check_dose(name, spec.route, co, per_day=len(spec.times)):
                if w not in warnings:
                    warnings.append(w)
    compound = default_knowledge().compound(spec.compound)
    for topic, days, longer in (
        ("course", spec.course_days, True),
        ("break", spec.break_days, False),
    ):
        for ref in reference_ranges(compound, topic):
            if ref.route != spec.route or ref.origin != "reference":
                continue
            if longer and days > ref.high:
                warnings.append(
                    ResultWarning(
                        "course_longer_than_label",
                        f"a {days}-day course is longer than the reference course of "
                        f"{ref.text} ({', '.join(ref.sources)})",
                    )
                )
            if not longer and spec.cycles > 1 and days < ref.low:
                warnings.append(
                    ResultWarning(
                        "break_shorter_than_label",
                        f"a {days}-day break is shorter than the reference break of "
                        f"{ref.text} ({', '.join(ref.sources)})",
                    )
                )
    return warnings


def deliver(spec: ProtocolSpec, supply: SupplySource) -> dict[float, Delivery]:
    """Each distinct dose of ``spec`` at the supply's marks, never rounded past the
    labelled ceiling for the doses a day."""
    from peptidekit.dosing.plausibility import labelled_ceiling

    per_day = len(spec.times)
    ceiling = labelled_ceiling(spec.compound, spec.route, per_day)
    for name, ratio in supply.ratios[1:]:  # a blend: no component past its own ceiling
        other = labelled_ceiling(name, spec.route, per_day)
        if other is not None and (ceiling is None or other[0] / ratio < ceiling[0]):
            ceiling = (other[0] / ratio, f"{name}: {other[1]}")
    return {dose.m_as("mcg"): supply.consumption(dose, ceiling) for dose in spec.dose_amounts}


def make_plan(spec: ProtocolSpec, supply: SupplySource | None = None) -> Plan:
    """Schedule, supply and warnings (plausibility first) for ``spec``."""
    schedule = build_schedule(spec)
    deliveries = {} if supply is None else deliver(spec, supply)
    supply_plan = None if supply is None else plan_supply(schedule, supply, deliveries)
    rounding = [
        ResultWarning(w.code, f"{format_quantity(ureg.Quantity(mcg, 'mcg'))} dose: {w.message}")
        for mcg, delivery in deliveries.items()
        for w in delivery.warnings
    ]
    warnings = [
        *protocol_checks(spec, deliveries),
        *rounding,
        *schedule.warnings,
        *(() if supply_plan is None else supply_plan.warnings),
    ]
    return Plan(schedule, supply_plan, tuple(warnings), deliveries)


def known_shelf_life(
    compound: str | None, form: str, storage: str | None
) -> tuple[float | None, str]:
    """The shortest shelf life the knowledge base gives for a form, with where it comes from
    (read from the cached index of the knowledge base)."""
    from peptidekit.errors import unknown_name
    from peptidekit.knowledge.index import dose_index
    from peptidekit.vocabulary import FORMS

    if form not in FORMS:
        raise unknown_name("form", form, list(FORMS))
    return dose_index().shelf_life(compound, form, storage)
