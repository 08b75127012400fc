"""The dose calculators as operations: one typed request in, one typed result out.

The CLI, the web pages, the JSON API and library users all call these; each
request field is read once (the strict parser, bounds, the list of routes) and
every error names its field. Checks run on the dose delivered at the device's
marks, never past the labelled ceiling.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from peptidekit.dosing.content import MAX_COUNTER_IONS, PeptideContent
from peptidekit.dosing.reconstitution import (
    DiluentPlan,
    Reconstitution,
    diluent_for_units,
)
from peptidekit.dosing.reconstitution import reconstitute as reconstitute_vial
from peptidekit.dosing.syringe import UNITS_PER_ML
from peptidekit.errors import ImpossibleDoseError, InputError
from peptidekit.ops.confirm import refuse_unconfirmed_slip
from peptidekit.ops.declare import declared, request
from peptidekit.ops.fields import (
    CountInput,
    QuantityInput,
    choice,
    count,
    optional_quantity,
    quantity,
    text,
    whole,
)
from peptidekit.results import DISCLAIMER, ResultWarning
from peptidekit.units import Kind, Quantity, format_quantity, ureg
from peptidekit.vocabulary import ROUTES

MAX_PER_DAY = 24
MAX_TICK_UNITS = 100
MAX_COUNT = 200
DEVICES = ("drop", "spray")

if TYPE_CHECKING:  # the knowledge index and the nasal module load when a check needs them
    from peptidekit.dosing.blend import Blend, BlendDraw
    from peptidekit.dosing.nasal import Device, NasalDose
    from peptidekit.knowledge.index import DoseIndex


class _Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


T = TypeVar("T", bound=_Result)


@dataclass(frozen=True)
class Calculation(Generic[T]):
    """A calculator's result with every warning, the plausibility checks first."""

    value: T
    warnings: tuple[ResultWarning, ...]
    compound: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``--json`` and of the API (one serialiser for both)."""
        return {
            "disclaimer": DISCLAIMER,
            **self.value.to_dict(),
            "warnings": [w.to_dict() for w in self.warnings],
        }


SYRINGE_SCALES: tuple[str, ...] = tuple(sorted(UNITS_PER_ML))

_VIAL_HELP = "Peptide in the vial, e.g. 5mg, or a blend: 'selank 5mg + semax 5mg'."
_DOSE_HELP = "Dose per administration, e.g. 250mcg."
_SYRINGE_HELP = "Barrel volume: 0.3mL, 0.5mL or 1mL (default: the finest that holds the draw)."
_SCALE_HELP = "Units per mL printed on the syringe."
_TICK_HELP = "Tick spacing in units (overrides the barrel's standard)."
_NET_HELP = "Net peptide content of the powder, e.g. 80% (the vial mass is then gross)."
_CONFIRM_HELP = (
    "Answer even a dose that looks like a unit slip (about 1000 times the reference): "
    "without it such a dose is refused with 'did you mean ...?'."
)


@request
class ReconstituteRequest:
    """The draw for a dose from a reconstituted vial (a single peptide or a blend)."""

    vial: QuantityInput = declared(_VIAL_HELP, example="5mg", max_length=200)
    diluent: QuantityInput = declared("Diluent added, e.g. 2mL.", example="2mL")
    dose: QuantityInput = declared(_DOSE_HELP, example="250mcg")
    syringe: QuantityInput | None = declared(_SYRINGE_HELP, example="0.3mL", default=None)
    syringe_scale: str | None = declared(
        _SCALE_HELP, choices=SYRINGE_SCALES, shown_default="U-100", default=None
    )
    tick: CountInput | None = declared(_TICK_HELP, example="2", default=None)
    dead_space: QuantityInput | None = declared(
        "Volume lost per draw, e.g. 0.07mL.", example="0.07mL", default=None
    )
    per_day: CountInput | None = declared(
        "Doses a day (for days per vial).", example="2", default=None
    )
    compound: str | None = declared(
        "Check plausibility against this compound; for a blend, the one whose dose sets the draw.",
        example="selank",
        default=None,
    )
    route: str | None = declared(
        "Route for the plausibility check.", choices=ROUTES, example="subcutaneous", default=None
    )
    net_peptide: CountInput | None = declared(_NET_HELP, example="80%", default=None)
    counter_ion: str | None = declared(
        "Instead: the counter-ion (acetate, TFA, HCl), with the counter-ions per molecule "
        "and the compound.",
        example="acetate",
        default=None,
    )
    counter_ions: CountInput | None = declared(
        "Counter-ions per molecule.", example="3", default=None
    )
    confirm: bool = declared(_CONFIRM_HELP, default=False, kind="flag")


@request
class DiluentRequest:
    """The diluent that makes a dose a given number of syringe units."""

    vial: QuantityInput = declared("Peptide in the vial, e.g. 5mg.", example="5mg")
    dose: QuantityInput = declared(_DOSE_HELP, example="250mcg")
    units: CountInput = declared("Syringe units the dose should fill, e.g. 10.", example="10")
    syringe: QuantityInput | None = declared(_SYRINGE_HELP, example="0.3mL", default=None)
    syringe_scale: str | None = declared(
        _SCALE_HELP, choices=SYRINGE_SCALES, shown_default="U-100", default=None
    )
    tick: CountInput | None = declared(_TICK_HELP, example="2", default=None)
    net_peptide: CountInput | None = declared(_NET_HELP, example="80%", default=None)


@request
class NasalRequest:
    """Whole drops or sprays for a nasal dose, and what they deliver."""

    concentration: QuantityInput = declared("Strength: 0.15% (w/v) or 1.5mg/mL.", example="0.15%")
    dose: QuantityInput | None = declared(
        "Dose per administration (both nostrils), e.g. 300mcg.", example="300mcg", default=None
    )
    count: CountInput | None = declared(
        "Instead of a dose: the dose of this many drops or sprays.",
        alias="drops",
        flag="",  # the CLI says --drops or --sprays
        default=None,
    )
    device: str | None = declared(
        "A drop or a spray.", choices=DEVICES, shown_default="drop", flag="", default=None
    )
    volume: QuantityInput | None = declared(
        "Volume of one drop or spray (default: the knowledge base's figure).",
        example="50uL",
        flag="",  # the CLI says --drop or --spray
        default=None,
    )
    calibrate: str | None = declared('Measured device, e.g. "3mL/60 drops".', default=None)
    bottle: QuantityInput | None = declared("Bottle volume, e.g. 3mL.", example="3mL", default=None)
    per_day: CountInput | None = declared("Doses a day (for bottle life).", default=None)
    compound: str | None = declared("Compound for defaults and plausibility.", default=None)
    confirm: bool = declared(_CONFIRM_HELP, default=False, kind="flag")


@dataclass(frozen=True)
class _Checks:
    compound: str | None
    route: str | None
    index: DoseIndex | None

    def limits(self, per_day: int | None) -> tuple[Any, Any]:
        """(labelled ceiling per administration, reconstituted shelf life) when known."""
        if self.compound is None or self.route is None:
            return None, None
        from peptidekit.dosing.plausibility import calculator_limits

        return calculator_limits(self.compound, self.route, per_day, index=self.index)

    def dose(self, dose: Quantity, per_day: int | None) -> list[ResultWarning]:
        if self.compound is None or self.route is None or self.index is None:
            return []
        from peptidekit.dosing.plausibility import check_dose

        return check_dose(self.compound, self.route, dose, per_day, index=self.index)


def _checks(compound: str | None, route: str | None, *, route_needed: bool = True) -> _Checks:
    """The compound and route of the plausibility checks: both or neither."""
    compound, route = text(compound), text(route)
    if compound is None and route is None:
        return _Checks(None, None, None)
    if route_needed and (compound is None or route is None):
        missing = "route" if route is None else "compound"
        raise InputError(
            f"the plausibility check needs both a compound and a route; give the {missing} "
            "too, or neither",
            input="",
            expected=f"a {missing}",
        ).at(missing)
    if route is not None:
        route = choice(route, "route", ROUTES)
    from peptidekit.knowledge.index import dose_index

    index = dose_index()
    name = None if compound is None else index.compound(compound).name
    return _Checks(name, route, index)


def _delivered(mcg: float) -> Quantity:
    return ureg.Quantity(mcg, "mcg")


@dataclass(frozen=True)
class SyringeFields:
    """The syringe as the core's calculators take it, read from three request fields."""

    barrel_ml: float | None
    scale: str
    tick_units: float | None


def syringe_fields(
    syringe: QuantityInput | None, scale: str | None, tick: CountInput | None
) -> SyringeFields:
    """Barrel (0.3mL, 0.5mL, 1mL; None: the finest that holds the draw), scale
    (U-100 unless given) and tick spacing in units (None: the barrel's standard)."""
    barrel = optional_quantity(syringe, Kind.VOLUME, "syringe")
    return SyringeFields(
        None if barrel is None else barrel.m_as("mL"),
        choice(scale, "syringe_scale", sorted(UNITS_PER_ML), "U-100"),
        count(tick, "tick", integer=False, limit=MAX_TICK_UNITS),
    )


def reconstitute(
    request: ReconstituteRequest,
) -> Calculation[Reconstitution] | Calculation[BlendDraw]:
    """The draw for a dose: from a single-peptide vial (concentration, syringe units,
    the tick drawn and the dose it delivers) or, when the vial names a blend ('selank 5mg
    + semax 5mg'), from the blend (see :func:`reconstitute_blend`). A likely unit slip is
    refused unless ``confirm`` is set."""
    if is_blend(request.vial):
        return reconstitute_blend(request)
    return reconstitute_single(request)


def _typed(value: QuantityInput | None) -> str:
    return value if isinstance(value, str) else "" if value is None else format_quantity(value)


def reconstitute_single(request: ReconstituteRequest) -> Calculation[Reconstitution]:
    """Concentration, draw, syringe units, the tick drawn and the dose it delivers."""
    checks = _checks(request.compound, request.route)
    per_day = whole(request.per_day, "per_day", limit=MAX_PER_DAY)
    ceiling, shelf_life = checks.limits(per_day)
    label = quantity(request.vial, Kind.MASS, "vial")
    content = vial_content(label, request, checks.compound)
    result = _draw(request, content.peptide, per_day, ceiling, shelf_life, checks)
    result = replace(result, content=content)
    warnings = checks.dose(_delivered(result.delivered_dose_mcg), per_day)
    return Calculation(result, (*warnings, *result.warnings), checks.compound)


def vial_content(label: Quantity, request: Any, compound: str | None) -> PeptideContent:
    """The peptide in a vial whose label mass may be gross (net peptide % or counter-ions)."""
    from peptidekit.dosing.content import peptide_content

    ions = whole(getattr(request, "counter_ions", None), "counter_ions", limit=MAX_COUNTER_IONS)
    counter_ion = text(getattr(request, "counter_ion", None))
    return peptide_content(
        label,
        net_peptide=getattr(request, "net_peptide", None),
        counter_ion=counter_ion,
        counter_ions=ions,
        peptide_mass_da=None if counter_ion is None else _peptide_mass(compound),
        compound=compound,
    )


def refuse_content_for_blend(request: Any) -> None:
    """A blend's net peptide content is not applied yet: refuse it rather than drop it."""
    given = [v for v in (request.net_peptide, request.counter_ion) if text(str(v or ""))]
    if given:
        raise InputError(
            "a net peptide content or counter-ion is not applied to blend vials yet; give each "
            "component's peptide mass in the blend",
            input=str(given[0]),
            expected="no net peptide content for a blend",
        ).at("net_peptide" if request.net_peptide else "counter_ion")


def _peptide_mass(compound: str | None) -> float | None:
    """Average mass (Da) of a knowledge-base compound, from its ProForma structure."""
    if compound is None:
        return None
    from peptidekit.chem import analyse_proforma
    from peptidekit.knowledge.loader import default_knowledge
    from peptidekit.knowledge.lookup import find_compound

    kb = default_knowledge()
    found = kb.compounds[
        find_compound(compound, {c.id: [c.name, *c.aliases] for c in kb.compounds.values()})
    ]
    return None if found.structure is None else analyse_proforma(found.structure).average_mass


def _draw(
    request: ReconstituteRequest,
    vial: Quantity,
    per_day: int | None,
    ceiling: tuple[float, str] | None,
    shelf_life: tuple[float, str] | None,
    checks: _Checks,
) -> Reconstitution:
    dose = quantity(request.dose, Kind.MASS, "dose")
    diluent = quantity(request.diluent, Kind.VOLUME, "diluent")
    syringe = syringe_fields(request.syringe, request.syringe_scale, request.tick)
    if dose.m_as("mcg") <= vial.m_as("mcg"):  # one over the vial is refused as impossible
        refuse_unconfirmed_slip(
            checks.dose(dose, per_day), confirmed=request.confirm, dose=_typed(request.dose)
        )
    try:
        return reconstitute_vial(
            vial,
            diluent,
            dose,
            barrel_ml=syringe.barrel_ml,
            scale=syringe.scale,
            tick_units=syringe.tick_units,
            dead_space=optional_quantity(
                request.dead_space, Kind.VOLUME, "dead_space", allow_zero=True
            ),
            per_day=per_day,
            ceiling=ceiling,
            shelf_life=shelf_life,
        )
    except ImpossibleDoseError as error:
        asked = checks.dose(dose, per_day)
        if asked:  # the judgement calls explain the refusal (a 1000x slip, say)
            error.message += " | " + " | ".join(w.message for w in asked)
            error.args = (error.message,)
        raise error.at("dose") from None


def is_blend(vial: QuantityInput | None) -> bool:
    """Whether a vial field names a blend ('selank 5mg + semax 5mg')."""
    from peptidekit.dosing.blend import looks_like_blend

    return isinstance(vial, str) and looks_like_blend(vial)


def blend_vial(text: str, field: str = "vial") -> Blend:
    """A blend vial as typed, each name resolved in the knowledge base."""
    from peptidekit.dosing.blend import parse_blend
    from peptidekit.knowledge.index import dose_index

    index = dose_index()
    return parse_blend(text, lambda name: index.compound(name).name, field)


def reconstitute_blend(request: ReconstituteRequest) -> Calculation[BlendDraw]:
    """A draw from a blend vial: the dose is for ``compound``, which sets the draw; every
    other component's co-delivered amount is stated and checked against its own range."""
    from peptidekit.dosing.blend import BlendDraw

    blend = blend_vial(str(request.vial))
    refuse_content_for_blend(request)
    if text(request.compound) is None:
        raise InputError(
            f"this vial holds {' and '.join(blend.names)}: name the compound whose dose sets "
            "the draw (the others follow from the vial's ratio)",
            input="",
            expected=" or ".join(blend.names),
        ).at("compound")
    # the compound sets the draw; without a route no dose is checked, and that is said
    checks = _checks(request.compound, request.route, route_needed=False)
    chosen = blend.component(str(checks.compound))
    per_day = whole(request.per_day, "per_day", limit=MAX_PER_DAY)
    # each component's labelled ceiling, as a ceiling on the component that sets the draw
    ceilings = []
    shelf_life = None
    for name, ratio in blend.co_delivered(chosen.compound, 1.0):
        ceiling, days = _Checks(name, checks.route, checks.index).limits(per_day)
        shelf_life = shelf_life or days
        if ceiling is not None:
            ceilings.append((ceiling[0] / ratio, f"{name}: {ceiling[1]}"))
    result = _draw(request, chosen.mass, per_day, min(ceilings, default=None), shelf_life, checks)
    amounts = blend.co_delivered(chosen.compound, result.delivered_dose_mcg)
    warnings: list[ResultWarning] = []
    for name, mcg in amounts:
        for w in _Checks(name, checks.route, checks.index).dose(_delivered(mcg), per_day):
            if w not in warnings:
                warnings.append(w)
    if checks.route is None:
        warnings.append(
            ResultWarning(
                "not_checked_without_route",
                "no route given, so no component's dose is checked against its range or "
                "labelled ceiling; give the route to check them",
            )
        )
    draw = BlendDraw(blend, chosen.compound, result, amounts)
    return Calculation(draw, (*warnings, *result.warnings), chosen.compound)


def diluent(request: DiluentRequest) -> Calculation[DiluentPlan]:
    """The diluent that makes the dose a given number of syringe units, with a table."""
    units = count(request.units, "units", integer=False, limit=MAX_TICK_UNITS)
    if units is None:
        raise InputError(
            "units is needed: the syringe units the dose should fill",
            input="",
            expected="e.g. 10",
        ).at("units")
    syringe = syringe_fields(request.syringe, request.syringe_scale, request.tick)
    content = vial_content(quantity(request.vial, Kind.MASS, "vial"), request, None)
    plan = diluent_for_units(
        content.peptide,
        quantity(request.dose, Kind.MASS, "dose"),
        units,
        barrel_ml=syringe.barrel_ml,
        scale=syringe.scale,
        tick_units=syringe.tick_units,
    )
    plan = replace(plan, content=content)
    return Calculation(plan, plan.warnings)


def nasal_device(request: NasalRequest, compound: str | None) -> Device:
    """The drop or spray: a calibration, a volume given, or the knowledge base's figure."""
    from peptidekit.dosing.nasal import Device, calibrate
    from peptidekit.knowledge.index import dose_index

    kind = choice(request.device, "device", DEVICES, "drop")
    if text(request.calibrate) is not None:
        device = calibrate(str(request.calibrate))
        if request.device and device.kind != kind:
            raise InputError(
                f"the calibration counts {device.kind}s, not {kind}s",
                input=str(request.calibrate),
                expected=f"a calibration in {kind}s",
            ).at("calibrate")
        return device
    volume = optional_quantity(request.volume, Kind.VOLUME, "volume")
    if volume is not None:
        return Device(kind, volume, "given by the user")
    found = dose_index().volume_default(compound, f"{kind}_volume")
    if found is None:
        raise InputError(
            f"no default {kind} volume is known; give the {kind} volume or a calibration",
            input="",
            expected="a volume such as 50uL, or a calibration such as 3mL/60 drops",
        ).at("volume")
    figure_volume, figure = found
    sources = ", ".join(figure.sources)
    return Device(
        kind, figure_volume, f"default from the knowledge base: {figure.claim}, {sources}"
    )


def nasal(request: NasalRequest) -> Calculation[NasalDose]:
    """Whole drops or sprays per administration and per nostril, and what they deliver."""
    from peptidekit.dosing.nasal import nasal_dose

    checks = _checks(request.compound, "intranasal" if text(request.compound) else None)
    device = nasal_device(request, checks.compound)
    per_day = whole(request.per_day, "per_day", limit=MAX_PER_DAY)
    ceiling, _ = checks.limits(per_day)
    strength = quantity(request.concentration, Kind.CONCENTRATION, "concentration")
    asked = optional_quantity(request.dose, Kind.MASS, "dose")
    if asked is not None:
        refuse_unconfirmed_slip(
            checks.dose(asked, per_day), confirmed=request.confirm, dose=_typed(request.dose)
        )
    result = nasal_dose(
        strength,
        device,
        dose=asked,
        count=whole(request.count, "count", limit=MAX_COUNT),
        bottle=optional_quantity(request.bottle, Kind.VOLUME, "bottle"),
        per_day=per_day,
        ceiling=ceiling,
        max_per_nostril_ul=None
        if checks.index is None or checks.compound is None
        else checks.index.per_nostril_volume(checks.compound),
    )
    warnings = checks.dose(_delivered(result.delivered_dose_mcg), per_day)
    if checks.compound is not None:
        from peptidekit.dosing.plausibility import check_strength

        warnings = [*check_strength(checks.compound, strength.m_as("mg/mL")), *warnings]
    return Calculation(result, (*warnings, *result.warnings), checks.compound)
