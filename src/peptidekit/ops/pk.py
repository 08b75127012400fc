"""The PK regimen simulation as one operation for the CLI, the web and library users.

Every field is read, and every bound checked, before any simulation runs; a
plot is drawn from the result by :meth:`Simulation.plot`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peptidekit.errors import InputError
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
from peptidekit.results import DISCLAIMER
from peptidekit.units import Kind
from peptidekit.vocabulary import PK_ROUTES

if TYPE_CHECKING:  # numpy and scipy load only when a simulation runs
    from peptidekit.pk.metrics import Metrics
    from peptidekit.pk.model import Dose, FloatArray, PKParameters
    from peptidekit.pk.params import Sourced
    from peptidekit.pk.population import PopulationResult

PLOT_FORMATS = (".png", ".svg")


@dataclass(frozen=True)
class PKRequest:
    route: str
    dose: QuantityInput
    every: QuantityInput
    days: CountInput
    compound: str | None = None
    ka: QuantityInput | None = None
    ke: QuantityInput | None = None
    half_life: QuantityInput | None = None
    """Instead of ke."""
    volume: QuantityInput | None = None
    bioavailability: QuantityInput | None = None
    lag: QuantityInput | None = None
    k12: QuantityInput | None = None
    k21: QuantityInput | None = None
    subjects: CountInput | None = None
    cv: QuantityInput | None = None
    """Variability of ka, ke and V for the population (default 30%)."""
    seed: CountInput | None = None
    step: QuantityInput | None = None
    """Output step (default 15 min)."""
    threshold: QuantityInput | None = None


@dataclass(frozen=True)
class PKLimits:
    """Bounds a caller may tighten (the web serves many people from one machine)."""

    days: float = 3653
    subjects: int = 100_000
    points: int = 100_000


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
) -> Simulation:
    """The exact curve and metrics of a regular regimen, and population bands when
    ``subjects`` is given. ``plot`` is checked before the simulation and drawn after."""
    import numpy as np

    from peptidekit.pk.exact import ExactModel
    from peptidekit.pk.metrics import compute_metrics
    from peptidekit.pk.model import check_regimen_size, regular_doses
    from peptidekit.pk.params import caption as make_caption
    from peptidekit.pk.params import resolve_parameters

    limits = limits or PKLimits()
    route = choice(request.route, "route", PK_ROUTES)
    dose = quantity(request.dose, Kind.MASS, "dose").m_as("mcg")
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
    if plot is not None and plot.suffix.lower() not in PLOT_FORMATS:
        raise InputError(
            f"plot file {str(plot)!r} must end in .png or .svg",
            input=str(plot),
            expected="FILE.png or FILE.svg",
        ).at("plot")
    count_doses, points = check_regimen_size(days, every, step, subjects)
    if points > limits.points:
        raise InputError(
            f"step: {points} output points, at most {limits.points} here; use a longer step",
            input=str(request.step or "15min"),
            expected=f"at most {limits.points} points",
        ).at("step")
    compound = text(request.compound)
    if compound is not None:
        from peptidekit.knowledge import default_knowledge

        compound = default_knowledge().compound(compound).name
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


PK_POSITIONAL = ("compound", "dose", "route", "every")
PK_COMPONENT_EXAMPLE = "selank 300mcg intranasal 8h"


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
    requests: list[PKRequest], *, limits: PKLimits | None = None, plot: Path | None = None
) -> StackSimulation:
    """Each component simulated on its own (typical subject; population bands are for
    one compound at a time); errors name the component."""
    from peptidekit.errors import PeptidekitError
    from peptidekit.ops.stack import check_count

    check_count(len(requests))
    if any(text(None if r.subjects is None else str(r.subjects)) for r in requests):
        raise InputError(
            "population bands are drawn for one compound at a time; leave subjects out of a stack",
            input="",
            expected="no subjects",
        ).at("subjects")
    if plot is not None and plot.suffix.lower() not in PLOT_FORMATS:
        raise InputError(
            f"plot file {str(plot)!r} must end in .png or .svg",
            input=str(plot),
            expected="FILE.png or FILE.svg",
        ).at("plot")
    done = []
    for number, request in enumerate(requests, start=1):
        try:
            done.append(simulate(request, limits=limits))
        except PeptidekitError as error:
            error.message = f"component {number} ({request.compound}): {error.message}"
            error.args = (error.message,)
            if isinstance(error, InputError):
                error.field = "component"
            raise
    result = StackSimulation(tuple(done))
    if plot is not None:
        result.plot(plot)
    return result
