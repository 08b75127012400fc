"""The protocol planner as one operation: a protocol as typed (or a stack's components),
an optional supply, and a Plan (or a StackPlan).

Every decision is made here, for the CLI, the API, the pages and library users alike:
plan or stack (``components`` given or not), the fields a component sets itself (never
given beside the components), the web's tighter bounds (:data:`WEB_LIMITS`), and the
unit-slip rule (a dose about 1000 times the reference is refused unless confirmed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from peptidekit.errors import InputError
from peptidekit.ops.calculators import SYRINGE_SCALES
from peptidekit.ops.confirm import refuse_unconfirmed_slip
from peptidekit.ops.declare import declared, field_specs, request
from peptidekit.ops.fields import CountInput, QuantityInput, choice, optional_quantity, text
from peptidekit.ops.stack import (
    check_count,
    component_lines,
    components_field,
    labelled,
    parse_component,
    refuse_beside,
)
from peptidekit.units import Kind, Quantity, format_quantity
from peptidekit.vocabulary import PLAN_ROUTES, STORAGE

if TYPE_CHECKING:
    from peptidekit.dosing.content import PeptideContent
    from peptidekit.protocol.plan import Plan
    from peptidekit.protocol.spec import ProtocolSpec
    from peptidekit.protocol.stack import StackPlan
    from peptidekit.protocol.supply import SupplySource

POSITIONAL = ("compound", "dose", "route", "times")
COMPONENT_EXAMPLE = "selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%"
MAX_STACK_DOSES = 20_000
"""A stack plans at most as many doses as one plan may (protocol.spec.MAX_PLANNED_DOSES):
six components of a year of hourly doses took 3.2 s and answered 66 MB."""

_OR_STACK = " (or give components, for a stack)"
_CONFIRM_HELP = (
    "Plan even a dose that looks like a unit slip (about 1000 times the reference): "
    "without it such a dose is refused with 'did you mean ...?'."
)


@request
class PlanRequest:
    """A protocol as a person types it, or a stack's ``components`` over the shared
    schedule; a vial (``vial`` + ``diluent``) or a nasal bottle (``bottle`` +
    ``concentration``) adds what to buy and how to measure each dose."""

    course: str = declared("Course length, e.g. 14d.", example="14d")
    start: str = declared("First day, YYYY-MM-DD.", example="2026-12-01")
    tz: str = declared("IANA time zone, e.g. Europe/Moscow.", example="Europe/Moscow")
    compound: str | None = declared(
        "Compound, for checks and shelf life (once; a stack names one in each component).",
        example="selank",
        default=None,
    )
    route: str | None = declared(
        "Route of administration" + _OR_STACK + ".",
        choices=PLAN_ROUTES,
        example="intranasal",
        default=None,
    )
    dose: QuantityInput | None = declared(
        "Dose per administration, e.g. 300mcg" + _OR_STACK + ".", example="300mcg", default=None
    )
    times: str | None = declared(
        "Local times of day, e.g. 08:00,20:00" + _OR_STACK + ".",
        example="08:00,20:00",
        max_length=200,
        default=None,
    )
    components: Sequence[str] | None = components_field(
        "A stack component (one each): 'COMPOUND DOSE ROUTE TIMES [field=value...]', e.g. "
        "'semax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%'.",
        f"{COMPONENT_EXAMPLE}\nsemax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%",
    )
    break_: str | None = declared(
        "Break between courses, e.g. 7d.", alias="break", shown_default="0d", default=None
    )
    cycles: CountInput | None = declared(
        "Number of courses.", example="2", shown_default="1", default=None
    )
    every: str | None = declared("Dose every N calendar days, e.g. 2d.", default=None)
    weekdays: str | None = declared("Dose on these weekdays, e.g. mon,wed,fri.", default=None)
    titrate: str | None = declared(
        "Start lower: '150mcg for 3d; 225mcg for 2d'.", max_length=200, default=None
    )
    vial: QuantityInput | None = declared(
        "Vial content, e.g. 5mg (with diluent), or a blend: 'selank 5mg + semax 5mg'.",
        example="5mg",
        max_length=200,
        default=None,
    )
    diluent: QuantityInput | None = declared("Diluent per vial, e.g. 2mL.", default=None)
    syringe: QuantityInput | None = declared(
        "Barrel volume: 0.3mL, 0.5mL or 1mL (default: the finest that holds the draw).",
        default=None,
    )
    syringe_scale: str | None = declared(
        "Units per mL printed on the syringe.",
        choices=SYRINGE_SCALES,
        shown_default="U-100",
        default=None,
    )
    tick: CountInput | None = declared(
        "Tick spacing in units (overrides the barrel's standard).", default=None
    )
    dead_space: QuantityInput | None = declared("Volume lost per draw, e.g. 0.07mL.", default=None)
    net_peptide: CountInput | None = declared(
        "Net peptide content, e.g. 80% (the vial mass is then gross).", default=None
    )
    counter_ion: str | None = declared(
        "Or: the counter-ion (acetate, TFA or HCl), with counter-ions.", default=None
    )
    counter_ions: CountInput | None = declared("Counter-ions per molecule.", default=None)
    bottle: QuantityInput | None = declared(
        "Nasal bottle volume, e.g. 3mL (with concentration).", default=None
    )
    concentration: QuantityInput | None = declared("Nasal strength, e.g. 0.15%.", default=None)
    spray: QuantityInput | None = declared("Spray volume (default: drops).", default=None)
    drop: QuantityInput | None = declared(
        "Drop volume (default from the knowledge base).", default=None
    )
    storage: str | None = declared(
        "Storage of opened containers.",
        choices=STORAGE,
        shown_default=STORAGE[0],
        default=None,
    )
    shelf_life: str | None = declared(
        "Shelf life once opened, overriding the knowledge base: e.g. 28d.", default=None
    )
    confirm: bool = declared(_CONFIRM_HELP, kind="flag", default=False)


STACK_FIELDS = (
    *("course", "start", "tz", "components", "break_", "cycles"),
    *("syringe", "syringe_scale", "tick", "storage", "confirm"),
)
"""The fields a stack takes beside its components (a component may still set course,
break and cycles of its own)."""
OWN_FIELDS: tuple[str, ...] = tuple(
    s.name for s in field_specs(PlanRequest) if s.name not in STACK_FIELDS
)
"""The fields each component sets itself: never given beside the components."""
PROTOCOL_FIELDS = (
    *("compound", "route", "dose", "times", "course", "break_", "cycles", "start"),
    *("every", "weekdays", "titrate"),
)
"""The fields that describe the protocol itself (the schedule), without its supply."""


@dataclass(frozen=True)
class PlanLimits:
    """Bounds a caller may tighten (the core's own are in protocol.spec)."""

    course_days: int = 3653
    break_days: int = 3653
    cycles: int = 100_000


WEB_LIMITS = PlanLimits(course_days=366, break_days=366, cycles=24)
"""Tighter than the core's: one web server answers many people (the API and the pages)."""


def protocol_spec(request: PlanRequest, limits: PlanLimits | None = None) -> ProtocolSpec:
    from peptidekit.protocol.spec import spec_from_text

    typed = {name: getattr(request, name) for name in PROTOCOL_FIELDS}
    for name in ("route", "dose", "times", "course", "start", "tz"):
        value = getattr(request, name)
        if not text(None if value is None else str(value)):
            also = _OR_STACK if name in POSITIONAL else ""
            raise InputError(f"{name} is needed{also}", input="", expected=f"a {name}").at(name)
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


def refuse_slips(spec: ProtocolSpec, request: PlanRequest) -> None:
    """The unit-slip rule on the asked doses (the maintenance dose and each titration
    step), before any schedule is built."""
    if spec.compound is None:
        return
    from peptidekit.dosing.plausibility import check_dose

    asked = [(spec.dose, str(request.dose), "dose")]
    asked += [(step.dose, format_quantity(step.dose), "titrate") for step in spec.titration]
    for dose, typed, field in asked:
        warnings = check_dose(spec.compound, spec.route, dose, per_day=len(spec.times))
        refuse_unconfirmed_slip(warnings, confirmed=request.confirm, dose=typed, field=field)


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
    from peptidekit.ops.journal import shelf_life_for
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
    storage = choice(request.storage, "storage", STORAGE, STORAGE[0])
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


def plan(request: PlanRequest, *, limits: PlanLimits | None = None) -> Plan | StackPlan:
    """The planner: with ``components``, a stack (each component planned on its own, then
    the combination's checks); otherwise one protocol's dated doses, courses and breaks,
    what to buy, and the checks, warnings first."""
    lines = component_lines(request.components)
    if not lines and request.components is None:
        return plan_protocol(request, limits=limits)
    check_count(len(lines))
    refuse_beside(request, OWN_FIELDS, "protocol", COMPONENT_EXAMPLE)
    shared = replace(request, components=None)
    return plan_stack(
        [component_request(line, shared, n) for n, line in enumerate(lines, start=1)],
        limits=limits,
    )


def plan_on_server(request: PlanRequest) -> Plan | StackPlan:
    """:func:`plan` within :data:`WEB_LIMITS`: what the API and the pages run."""
    return plan(request, limits=WEB_LIMITS)


def plan_protocol(request: PlanRequest, *, limits: PlanLimits | None = None) -> Plan:
    """One protocol: schedule, supply and checks (a likely unit slip refused unless
    confirmed)."""
    from peptidekit.protocol.plan import make_plan

    spec = protocol_spec(request, limits)
    refuse_slips(spec, request)
    return make_plan(spec, supply_source(request, spec.compound))


def component_request(text: str, shared: PlanRequest, number: int = 1) -> PlanRequest:
    """One planner component as typed, over the stack's shared fields."""
    return parse_component(text, shared, POSITIONAL, number, COMPONENT_EXAMPLE)


def _named(number: int, request: PlanRequest) -> PlanRequest:
    if not request.compound or not str(request.compound).strip():
        raise InputError(
            f"component {number}: every component of a stack names its compound",
            input="",
            expected="a compound",
        ).at("component")
    return request


def plan_stack(components: Sequence[PlanRequest], *, limits: PlanLimits | None = None) -> StackPlan:
    """Each component planned on its own, then the combination's checks."""
    from peptidekit.protocol.stack import combine

    check_count(len(components))
    numbered = [(n, _named(n, r)) for n, r in enumerate(components, start=1)]
    # every component's spec first (cheap), so that a stack over the bound is refused
    # before any schedule is built
    most = [
        labelled(n, r.compound, partial(protocol_spec, r, limits)).most_doses for n, r in numbered
    ]
    if sum(most) > MAX_STACK_DOSES:
        each = " + ".join(f"{n:,}" for n in most)
        raise InputError(
            f"the stack's components have about {sum(most):,} doses together ({each}): "
            f"expected at most {MAX_STACK_DOSES:,} in one stack (shorten the course, or "
            "plan the components on their own)",
            input=f"{sum(most)} doses",
            expected=f"at most {MAX_STACK_DOSES} planned doses in a stack",
        ).at("component")
    plans = [labelled(n, r.compound, partial(plan_protocol, r, limits=limits)) for n, r in numbered]
    zones = {p.schedule.spec.tz for p in plans}
    if len(zones) > 1:
        raise InputError(
            f"the components are in different time zones ({', '.join(sorted(zones))})",
            input=", ".join(sorted(zones)),
            expected="one time zone for the whole stack",
        ).at("tz")
    return combine(tuple(plans))
