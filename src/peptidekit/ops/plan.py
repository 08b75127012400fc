"""The protocol planner as one operation: a protocol as typed, an optional supply, a Plan."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING

from peptidekit.errors import InputError
from peptidekit.ops.fields import CountInput, QuantityInput, choice, optional_quantity, text
from peptidekit.ops.journal import STORAGE, shelf_life_for
from peptidekit.units import Kind, Quantity
from peptidekit.vocabulary import PLAN_ROUTES

if TYPE_CHECKING:
    from peptidekit.dosing.content import PeptideContent
    from peptidekit.protocol.plan import Plan
    from peptidekit.protocol.spec import ProtocolSpec
    from peptidekit.protocol.supply import SupplySource


@dataclass(frozen=True)
class PlanRequest:
    """A protocol as a person types it; a vial (``vial`` + ``diluent``) or a nasal bottle
    (``bottle`` + ``concentration``) adds what to buy and how to measure each dose."""

    route: str
    dose: QuantityInput
    times: str
    course: str
    start: str
    tz: str
    compound: str | None = None
    break_: str | None = None
    cycles: CountInput | None = None
    every: str | None = None
    weekdays: str | None = None
    titrate: str | None = None
    vial: QuantityInput | None = None
    diluent: QuantityInput | None = None
    syringe: QuantityInput | None = None
    syringe_scale: str | None = None
    tick: CountInput | None = None
    dead_space: QuantityInput | None = None
    bottle: QuantityInput | None = None
    concentration: QuantityInput | None = None
    spray: QuantityInput | None = None
    drop: QuantityInput | None = None
    storage: str | None = None
    shelf_life: str | None = None
    net_peptide: CountInput | None = None
    """Net peptide content of the vial's powder, in percent: ``vial`` is then gross."""
    counter_ion: str | None = None
    counter_ions: CountInput | None = None


@dataclass(frozen=True)
class PlanLimits:
    """Bounds a caller may tighten (the core's own are in protocol.spec)."""

    course_days: int = 3653
    break_days: int = 3653
    cycles: int = 100_000


def protocol_spec(request: PlanRequest, limits: PlanLimits | None = None) -> ProtocolSpec:
    from peptidekit.protocol.spec import spec_from_text

    typed = {f.name: getattr(request, f.name) for f in fields(request)}
    for name in ("route", "dose", "times", "course", "start", "tz"):
        if not text(None if typed[name] is None else str(typed[name])):
            raise InputError(f"{name} is needed", input="", expected=f"a {name}").at(name)
    choice(request.route, "route", PLAN_ROUTES)
    spec = spec_from_text({k: None if v is None else str(v) for k, v in typed.items()}, request.tz)
    limits = limits or PlanLimits()
    for name, value, limit, unit in (
        ("course", spec.course_days, limits.course_days, " days"),
        ("break", spec.break_days, limits.break_days, " days"),
        ("cycles", spec.cycles, limits.cycles, ""),
    ):
        if value > limit:
            typed_text = str(typed["break_" if name == "break" else name])
            raise InputError(
                f"{name} {typed_text!r}: expected at most {limit}{unit}",
                input=typed_text,
                expected=f"at most {limit}{unit}",
            ).at(name)
    return spec


def supply_source(request: PlanRequest, compound: str | None) -> SupplySource | None:
    """The vial or bottle the plan draws from, with its shelf life and its source."""
    from peptidekit.ops.calculators import (
        NasalRequest,
        blend_vial,
        is_blend,
        nasal_device,
        refuse_content_for_blend,
        syringe_fields,
        vial_content,
    )
    from peptidekit.protocol.plan import bottle_source, vial_source

    blend = set_by = None
    if is_blend(request.vial):
        blend = blend_vial(str(request.vial))
        if compound is None:
            raise InputError(
                f"this vial holds {' and '.join(blend.names)}: name the compound whose dose "
                "sets the draw",
                input="",
                expected=" or ".join(blend.names),
            ).at("compound")
        set_by = blend.component(compound)
    vial = set_by.mass if set_by else optional_quantity(request.vial, Kind.MASS, "vial")
    diluent = optional_quantity(request.diluent, Kind.VOLUME, "diluent")
    bottle = optional_quantity(request.bottle, Kind.VOLUME, "bottle")
    strength = optional_quantity(request.concentration, Kind.CONCENTRATION, "concentration")
    if (vial or diluent) and (bottle or strength):
        raise InputError(
            "give a vial with its diluent, or a bottle with its concentration, not both",
            input="",
            expected="one supply",
        ).at("bottle")
    storage = choice(request.storage, "storage", STORAGE, "refrigerated")
    if vial or diluent:
        vial, diluent = _both(("vial", vial), ("diluent", diluent), "e.g. 5mg in 2mL")
        if blend:
            refuse_content_for_blend(request)
        content = None if blend else vial_content(vial, request, compound)
        days, where = shelf_life_for(
            list(blend.names) if blend else compound, "reconstituted", None, request.shelf_life
        )
        syringe = syringe_fields(request.syringe, request.syringe_scale, request.tick)
        source = vial_source(
            vial if content is None else content.peptide,
            diluent,
            shelf_life_days=days,
            shelf_life_source=where,
            barrel_ml=syringe.barrel_ml,
            scale=syringe.scale,
            tick_units=syringe.tick_units,
            dead_space=optional_quantity(
                request.dead_space, Kind.VOLUME, "dead_space", allow_zero=True
            ),
            blend=blend,
            set_by=None if set_by is None else set_by.compound,
        )
        return source if content is None else with_content(source, content, diluent)
    if bottle or strength:
        bottle, strength = _both(
            ("bottle", bottle), ("concentration", strength), "e.g. 3mL at 0.15%"
        )
        device = nasal_device(
            NasalRequest(
                concentration=strength,
                device="spray" if request.spray is not None else "drop",
                volume=request.spray if request.spray is not None else request.drop,
            ),
            compound,
        )
        form = "nasal_spray" if device.kind == "spray" else "nasal_drops"
        days, where = shelf_life_for(compound, form, storage, request.shelf_life)
        return bottle_source(
            bottle, strength, device, shelf_life_days=days, shelf_life_source=where
        )
    return None


def with_content(source: SupplySource, content: PeptideContent, diluent: Quantity) -> SupplySource:
    """The vial source described by its label mass and the peptide it holds."""
    from peptidekit.results import ResultWarning
    from peptidekit.units import format_quantity

    note = ResultWarning(
        "peptide_content" if content.stated else "label_mass_as_peptide", content.statement()
    )
    return replace(
        source,
        description=f"{format_quantity(content.label)} vial ({content.statement()}) in "
        f"{format_quantity(diluent, 'mL')}",
        notes=(*source.notes, note),
    )


def _both(
    first: tuple[str, Quantity | None], second: tuple[str, Quantity | None], example: str
) -> tuple[Quantity, Quantity]:
    """Two fields that only work together, or an error naming the missing one."""
    (name, a), (other, b) = first, second
    if a is None or b is None:
        missing, given = (name, other) if a is None else (other, name)
        error = InputError(f"{missing} is needed with the {given}", input="", expected=example)
        raise error.at(missing)
    return a, b


def plan(request: PlanRequest, *, limits: PlanLimits | None = None) -> Plan:
    """Dated doses, courses and breaks, what to buy, and the checks, warnings first."""
    from peptidekit.protocol.plan import make_plan

    spec = protocol_spec(request, limits)
    return make_plan(spec, supply_source(request, spec.compound))
