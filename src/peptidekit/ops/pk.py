"""The PK regimen simulation as one operation for the CLI, the web and library users.

Every field is read, and every bound checked, before any simulation runs; a
plot is drawn from the result by :meth:`Simulation.plot`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit.errors import InputError
from peptidekit.ops.confirm import refuse_unconfirmed_slip
from peptidekit.ops.declare import declared, field_specs, request
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
from peptidekit.ops.stack import (
    check_count,
    component_lines,
    components_field,
    labelled,
    parse_component,
    refuse_beside,
)
from peptidekit.results import DISCLAIMER
from peptidekit.units import Kind
from peptidekit.vocabulary import PK_ROUTES

if TYPE_CHECKING:  # numpy and scipy load only when a simulation runs
    from peptidekit.pk.metrics import Metrics
    from peptidekit.pk.model import Dose, FloatArray, PKParameters
    from peptidekit.pk.params import Sourced
    from peptidekit.pk.population import PopulationResult

PLOT_FORMATS = (".png", ".svg")


PK_POSITIONAL = ("compound", "dose", "route", "every")
PK_COMPONENT_EXAMPLE = "selank 300mcg intranasal 8h"
_OR_STACK = " (or give components, for several compounds)"


@request
class PKRequest:
    """A regular regimen of one compound, or several compounds' ``components`` on one
    time axis (each its own curve, never summed)."""

    days: CountInput = declared("Days of dosing and output, e.g. 28.", example="7")
    compound: str | None = declared(
        "Take what the knowledge base has (e.g. selank).", example="selank", default=None
    )
    route: str | None = declared(
        "Route of administration" + _OR_STACK + ".",
        choices=PK_ROUTES,
        example="subcutaneous",
        default=None,
    )
    dose: QuantityInput | None = declared(
        "Dose per administration, e.g. 500ug" + _OR_STACK + ".", example="500ug", default=None
    )
    every: QuantityInput | None = declared(
        "Dosing interval, e.g. 8h" + _OR_STACK + ".", example="8h", default=None
    )
    components: Sequence[str] | None = components_field(
        "A component (one each; curves overlaid, never summed): 'COMPOUND DOSE ROUTE EVERY "
        "[field=value...]', e.g. 'semax 200mcg intranasal 12h ka=2/h'.",
        "selank 300mcg intranasal 8h volume=20L ka=6/h\n"
        "semax 200mcg intranasal 12h volume=20L ka=6/h",
    )
    ka: QuantityInput | None = declared(
        "Absorption rate, e.g. 1.5/h.", example="1.5/h", default=None
    )
    ke: QuantityInput | None = declared(
        "Elimination rate, e.g. 0.3/h.", example="0.3/h", default=None
    )
    half_life: QuantityInput | None = declared(
        "Instead of ke: the elimination half-life, e.g. 2h.", example="2h", default=None
    )
    volume: QuantityInput | None = declared(
        "Central volume, e.g. 20L.", example="20L", default=None
    )
    bioavailability: QuantityInput | None = declared(
        "Fraction absorbed, e.g. 0.8 or 80%.", example="80%", default=None
    )
    lag: QuantityInput | None = declared("Absorption lag, e.g. 0.5h.", default=None)
    k12: QuantityInput | None = declared(
        "Two compartments: central to peripheral rate, e.g. 0.4/h.", default=None
    )
    k21: QuantityInput | None = declared(
        "Two compartments: peripheral to central rate, e.g. 0.2/h.", default=None
    )
    subjects: CountInput | None = declared(
        "Population size for the 5th-95th percentile bands, e.g. 1000.", default=None
    )
    cv: QuantityInput | None = declared(
        "Variability of ka, ke and V in the population.", shown_default="30%", default=None
    )
    seed: CountInput | None = declared(
        "Random seed of the population.", shown_default="1", default=None
    )
    step: QuantityInput | None = declared("Output step.", shown_default="15min", default=None)
    threshold: QuantityInput | None = declared(
        "Report the time above this concentration, e.g. 5ng/mL.", default=None
    )
    confirm: bool = declared(
        "Simulate even a dose that looks like a unit slip (about 1000 times the compound's "
        "reference): without it such a dose is refused with 'did you mean ...?'.",
        kind="flag",
        default=False,
    )


STACK_FIELDS = ("days", "components", "step", "threshold", "subjects", "cv", "seed", "confirm")
"""The fields several compounds share on one time axis (subjects is refused there)."""
OWN_FIELDS: tuple[str, ...] = tuple(
    s.name for s in field_specs(PKRequest) if s.name not in STACK_FIELDS
)
"""The fields each component sets itself (its compound, regimen and parameters): never
given beside the components."""


@dataclass(frozen=True)
class PKLimits:
    """Bounds a caller may tighten (the web serves many people from one machine)."""

    days: float = 3653
    subjects: int = 100_000
    points: int = 100_000


WEB_LIMITS = PKLimits(days=365, subjects=2000, points=40_000)
"""Tighter than the core's: one web server answers many people (the API and the pages)."""


@dataclass
class Simulation:
    route: str
    compound: str | None
    dose_mcg: float
    every_h: float
    step_h: float
    params: PKParameters
    sourced: list[Sourced]
    notes: list[str]
    caption: str
    times: FloatArray
    typical: FloatArray
    doses: list[Dose]
    metrics: Metrics
    threshold: float | None
    population: PopulationResult | None = None

    @property
    def title(self) -> str:
        name = self.compound or "Model"
        return f"{name}: {self.dose_mcg:g} mcg {self.route} every {self.every_h:g} h"

    def plot(self, path: Path) -> None:
        from peptidekit.pk.plot import plot_curves

        plot_curves(
            path,
            self.times,
            self.typical,
            self.doses,
            title=self.title,
            caption=self.caption,
            population=self.population,
            threshold=self.threshold,
        )

    def to_dict(self) -> dict[str, Any]:
        p = self.params
        data: dict[str, Any] = {
            "disclaimer": DISCLAIMER,
            "compound": self.compound,
            "route": self.route,
            "model": f"{'two' if p.two_compartment else 'one'}-compartment, "
            f"{'first-order absorption' if p.absorption else 'IV bolus'}",
            "parameters": [s.to_dict() for s in self.sourced],
            "notes": self.notes,
            "caption": self.caption,
            "time_h": self.times.tolist(),
            "concentration": {"unit": "ng/mL", "values": self.typical.tolist()},
            "metrics": {
                **self.metrics.to_dict(),
                "concentration_unit": "ng/mL",
                "auc_unit": "ng*h/mL",
            },
        }
        if self.population is not None:
            data.update(
                subjects=self.population.subjects,
                cv=self.population.cv,
                seed=self.population.seed,
                p05=self.population.p05.tolist(),
                p50=self.population.p50.tolist(),
                p95=self.population.p95.tolist(),
            )
        return data


def _rate(value: QuantityInput | None, name: str) -> float | None:
    rate = optional_quantity(value, Kind.RATE, name)
    return None if rate is None else rate.m_as("1/h")


def simulate(
    request: PKRequest,
    *,
    limits: PKLimits | None = None,
    plot: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation | StackSimulation:
    """The PK simulator: with ``components``, several compounds on one time axis (see
    :func:`simulate_stack`); otherwise one regimen (see :func:`simulate_one`)."""
    lines = component_lines(request.components)
    if not lines and request.components is None:
        return simulate_one(request, limits=limits, plot=plot, progress=progress)
    check_count(len(lines))
    refuse_beside(request, OWN_FIELDS, "compound", PK_COMPONENT_EXAMPLE)
    shared = replace(request, components=None)
    requests = [
        parse_component(line, shared, PK_POSITIONAL, n, PK_COMPONENT_EXAMPLE)
        for n, line in enumerate(lines, start=1)
    ]
    return simulate_stack(requests, limits=limits, plot=plot)


def simulate_on_server(request: PKRequest) -> Simulation | StackSimulation:
    """:func:`simulate` within :data:`WEB_LIMITS`: what the API and the pages run."""
    return simulate(request, limits=WEB_LIMITS)


def simulate_one(
    request: PKRequest,
    *,
    limits: PKLimits | None = None,
    plot: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """The exact curve and metrics of a regular regimen, and population bands when
    ``subjects`` is given. ``plot`` is checked before the simulation and drawn after.
    A likely unit slip (with a compound) is refused unless ``confirm`` is set."""
    import numpy as np

    from peptidekit.pk.exact import ExactModel
    from peptidekit.pk.metrics import compute_metrics
    from peptidekit.pk.model import check_regimen_size, regular_doses
    from peptidekit.pk.params import caption as make_caption
    from peptidekit.pk.params import resolve_parameters

    limits = limits or PKLimits()
    route = choice(request.route, "route", PK_ROUTES)
    dose_q = quantity(request.dose, Kind.MASS, "dose")
    dose = dose_q.m_as("mcg")
    every = quantity(request.every, Kind.DURATION, "every").m_as("h")
    days = count(request.days, "days", integer=False, limit=limits.days)
    if days is None:
        raise InputError("days is needed", input="", expected="e.g. 7").at("days")
    step_q = optional_quantity(request.step, Kind.DURATION, "step")
    step = 0.25 if step_q is None else step_q.m_as("h")
    ke = _rate(request.ke, "ke")
    half_life = optional_quantity(request.half_life, Kind.DURATION, "half_life")
    if half_life is not None:
        if ke is not None:
            raise InputError(
                "give the elimination rate ke or the half-life, not both",
                input="ke and half-life",
                expected="one of them",
            ).at("half_life")
        ke = math.log(2) / half_life.m_as("h")
    subjects = whole(request.subjects, "subjects", limit=limits.subjects)
    cv = optional_quantity(request.cv, Kind.FRACTION, "cv")
    seed = count(request.seed, "seed", integer=True, allow_zero=True)
    threshold_q = optional_quantity(request.threshold, Kind.CONCENTRATION, "threshold")
    _check_plot(plot)
    count_doses, points = check_regimen_size(days, every, step, subjects)
    if points > limits.points:
        raise InputError(
            f"step: {points} output points, at most {limits.points} here; use a longer step",
            input=str(request.step or "15min"),
            expected=f"at most {limits.points} points",
        ).at("step")
    compound = text(request.compound)
    if compound is not None:
        from peptidekit.dosing.plausibility import check_dose
        from peptidekit.knowledge import default_knowledge

        compound = default_knowledge().compound(compound).name
        refuse_unconfirmed_slip(
            check_dose(compound, route, dose_q), confirmed=request.confirm, dose=str(request.dose)
        )
    volume = optional_quantity(request.volume, Kind.VOLUME, "volume")
    bioavailability = optional_quantity(request.bioavailability, Kind.FRACTION, "bioavailability")
    lag = optional_quantity(request.lag, Kind.DURATION, "lag", allow_zero=True)
    params, sourced, notes = resolve_parameters(
        route,
        compound=compound,
        ka=_rate(request.ka, "ka"),
        ke=ke,
        volume_l=None if volume is None else volume.m_as("L"),
        bioavailability=None if bioavailability is None else bioavailability.m_as(""),
        lag_h=0.0 if lag is None else lag.m_as("h"),
        k12=_rate(request.k12, "k12") or 0.0,
        k21=_rate(request.k21, "k21") or 0.0,
    )
    end = days * 24
    doses = regular_doses(dose, every, count_doses)
    times = np.arange(0, math.floor(end / step + 1e-9) + 1) * step
    model = ExactModel(params, doses)
    typical, _auc = model.curve(times)
    threshold = None if threshold_q is None else threshold_q.m_as("mcg/L")
    metrics = compute_metrics(model, end, interval_h=every, threshold=threshold, step_h=step)
    population = None
    if subjects:
        from peptidekit.pk.population import simulate_population

        population = simulate_population(
            params,
            doses,
            times,
            subjects=subjects,
            cv=0.3 if cv is None else cv.m_as(""),
            seed=1 if seed is None else int(seed),
            progress=progress,
        )
    caption = make_caption(sourced, notes) + (
        f" Curves are drawn every {step * 60:g} min; the metrics are exact."
    )
    result = Simulation(
        route=route,
        compound=compound,
        dose_mcg=dose,
        every_h=every,
        step_h=step,
        params=params,
        sourced=list(sourced),
        notes=list(notes),
        caption=caption,
        times=times,
        typical=typical,
        doses=list(doses),
        metrics=metrics,
        threshold=threshold,
        population=population,
    )
    if plot is not None:
        result.plot(plot)
    return result


@dataclass(frozen=True)
class StackSimulation:
    """Several compounds simulated on one time axis, each with its own parameters and
    provenance; never summed (they are different molecules)."""

    simulations: tuple[Simulation, ...]

    @property
    def title(self) -> str:
        return " and ".join(s.title for s in self.simulations)

    def plot(self, path: Path) -> None:
        from peptidekit.pk.plot import plot_overlay

        plot_overlay(
            path,
            [(s.title, s.times, s.typical, s.doses) for s in self.simulations],
            title=" + ".join(s.compound or "model" for s in self.simulations),
            caption=" | ".join(f"{s.compound or 'model'}: {s.caption}" for s in self.simulations)
            + " Each curve is its own molecule; concentrations are not added.",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "disclaimer": DISCLAIMER,
            "stack": [s.to_dict() for s in self.simulations],
            "summed": False,
        }


def simulate_stack(
    requests: Sequence[PKRequest], *, limits: PKLimits | None = None, plot: Path | None = None
) -> StackSimulation:
    """Each component simulated on its own (typical subject; population bands are for
    one compound at a time); errors name the component."""
    check_count(len(requests))
    if any(text(None if r.subjects is None else str(r.subjects)) for r in requests):
        raise InputError(
            "population bands are drawn for one compound at a time; leave subjects out of a stack",
            input="",
            expected="no subjects",
        ).at("subjects")
    _check_plot(plot)
    done = [
        labelled(n, r.compound, partial(simulate_one, r, limits=limits))
        for n, r in enumerate(requests, start=1)
    ]
    result = StackSimulation(tuple(done))
    if plot is not None:
        result.plot(plot)
    return result


def _check_plot(plot: Path | None) -> None:
    if plot is not None and plot.suffix.lower() not in PLOT_FORMATS:
        raise InputError(
            f"plot file {str(plot)!r} must end in .png or .svg",
            input=str(plot),
            expected="FILE.png or FILE.svg",
        ).at("plot")
