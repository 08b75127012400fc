"""``peptidekit pk``: exact regimen curves, metrics, population bands and a plot."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.units import Kind, parse_count, parse_quantity

DISCLAIMER = "Research and education only, not medical advice."
ROUTES = ["intravenous", "subcutaneous", "intramuscular", "intranasal"]


def _rate(text: str | None, name: str) -> float | None:
    return None if text is None else parse_quantity(text, Kind.RATE, name=name).m_as("1/h")


@click.command("pk")
@click.option("--compound", default=None, help="Take what the knowledge base has (e.g. selank).")
@click.option("--route", required=True, type=click.Choice(ROUTES))
@click.option("--dose", required=True, help="Dose per administration, e.g. 500ug.")
@click.option("--every", required=True, help="Dosing interval, e.g. 8h.")
@click.option("--days", required=True, help="Days of dosing and output, e.g. 28.")
@click.option("--ka", default=None, help="Absorption rate, e.g. 1.5/h.")
@click.option("--ke", default=None, help="Elimination rate, e.g. 0.3/h.")
@click.option("--half-life", "half_life", default=None, help="Instead of --ke, e.g. 2h.")
@click.option("--volume", default=None, help="Central volume, e.g. 20L.")
@click.option("--bioavailability", default=None, help="Fraction absorbed, e.g. 0.8 or 80%.")
@click.option("--lag", default=None, help="Absorption lag, e.g. 0.5h.")
@click.option("--k12", default=None, help="Two compartments: central to peripheral, e.g. 0.4/h.")
@click.option("--k21", default=None, help="Two compartments: peripheral to central.")
@click.option("--subjects", default=None, help="Population size for bands, e.g. 1000.")
@click.option("--cv", default="30%", show_default=True, help="Variability of ka, ke and V.")
@click.option("--seed", default="1", show_default=True, help="Random seed of the population.")
@click.option("--step", default="15min", show_default=True, help="Output step.")
@click.option("--threshold", default=None, help="Report time above, e.g. 5ng/mL.")
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def pk_command(**o: Any) -> None:
    """Concentration over a regimen: exact curve, metrics and (with --subjects) bands."""
    import numpy as np

    from peptidekit.pk.exact import ExactModel
    from peptidekit.pk.metrics import compute_metrics
    from peptidekit.pk.model import check_regimen_size, regular_doses
    from peptidekit.pk.params import caption as make_caption
    from peptidekit.pk.params import resolve_parameters

    dose = parse_quantity(o["dose"], Kind.MASS, name="--dose").m_as("mcg")
    every = parse_quantity(o["every"], Kind.DURATION, name="--every").m_as("h")
    days = parse_count(o["days"], "--days")
    step = parse_quantity(o["step"], Kind.DURATION, name="--step").m_as("h")
    ke = _rate(o["ke"], "--ke")
    if o["half_life"] is not None:
        if ke is not None:
            raise click.UsageError("give --ke or --half-life, not both")
        ke = math.log(2) / parse_quantity(o["half_life"], Kind.DURATION, name="--half-life").m_as(
            "h"
        )
    compound = o["compound"]
    if compound is not None:
        from peptidekit.knowledge import default_knowledge

        compound = default_knowledge().compound(compound).name
    params, sourced, notes = resolve_parameters(
        o["route"],
        compound=compound,
        ka=_rate(o["ka"], "--ka"),
        ke=ke,
        volume_l=None
        if o["volume"] is None
        else parse_quantity(o["volume"], Kind.VOLUME, name="--volume").m_as("L"),
        bioavailability=None
        if o["bioavailability"] is None
        else parse_quantity(o["bioavailability"], Kind.FRACTION, name="--bioavailability").m_as(""),
        lag_h=0.0
        if o["lag"] is None
        else parse_quantity(o["lag"], Kind.DURATION, allow_zero=True, name="--lag").m_as("h"),
        k12=_rate(o["k12"], "--k12") or 0.0,
        k21=_rate(o["k21"], "--k21") or 0.0,
    )
    subjects_n = None if o["subjects"] is None else parse_count(o["subjects"], "--subjects")
    count, _ = check_regimen_size(
        days, every, step, None if subjects_n is None else int(subjects_n)
    )
    end = days * 24
    doses = regular_doses(dose, every, count)
    times = np.arange(0, math.floor(end / step + 1e-9) + 1) * step
    model = ExactModel(params, doses)
    typical, _auc = model.curve(times)
    threshold = (
        None
        if o["threshold"] is None
        else parse_quantity(o["threshold"], Kind.CONCENTRATION, name="--threshold").m_as("mcg/L")
    )
    metrics = compute_metrics(model, end, interval_h=every, threshold=threshold, step_h=step)
    population = None
    if o["subjects"] is not None:
        population = _population(params, doses, times, o)
    caption = make_caption(sourced, notes) + (
        f" Curves are drawn every {step * 60:g} min; the metrics are exact."
    )
    if o["plot_path"] is not None:
        from peptidekit.pk.plot import plot_curves

        title = f"{compound or 'Model'}: {dose:g} mcg {o['route']} every {every:g} h"
        plot_curves(
            o["plot_path"],
            times,
            typical,
            doses,
            title=title,
            caption=caption,
            population=population,
            threshold=threshold,
        )
    data: dict[str, Any] = {
        "disclaimer": DISCLAIMER,
        "compound": compound,
        "route": o["route"],
        "model": f"{'two' if params.two_compartment else 'one'}-compartment, "
        f"{'first-order absorption' if params.absorption else 'IV bolus'}",
        "parameters": [s.to_dict() for s in sourced],
        "notes": notes,
        "caption": caption,
        "time_h": times.tolist(),
        "concentration": {"unit": "ng/mL", "values": typical.tolist()},
        "metrics": {**metrics.to_dict(), "concentration_unit": "ng/mL", "auc_unit": "ng*h/mL"},
    }
    if population is not None:
        data.update(
            subjects=population.subjects,
            cv=population.cv,
            seed=population.seed,
            p05=population.p05.tolist(),
            p50=population.p50.tolist(),
            p95=population.p95.tolist(),
        )
    if o["as_json"]:
        emit_json(data)
    else:
        click.echo(_render(data, metrics.to_dict()))


def _population(params: Any, doses: Any, times: Any, o: dict[str, Any]) -> Any:
    from peptidekit.pk.population import simulate_population

    subjects = int(parse_count(o["subjects"], "--subjects", integer=True))
    cv = parse_quantity(o["cv"], Kind.FRACTION, name="--cv").m_as("")
    seed = int(parse_count(o["seed"], "--seed", integer=True, allow_zero=True))
    if not sys.stderr.isatty():
        return simulate_population(params, doses, times, subjects=subjects, cv=cv, seed=seed)
    with click.progressbar(length=len(times), label="simulating", file=sys.stderr) as bar:
        last = [0]

        def progress(done: int, _total: int) -> None:
            bar.update(done - last[0])
            last[0] = done

        return simulate_population(
            params, doses, times, subjects=subjects, cv=cv, seed=seed, progress=progress
        )


def _render(data: dict[str, Any], m: dict[str, Any]) -> str:
    def fmt(value: Any, unit: str = "") -> str:
        return "n/a" if value is None else f"{value:.4g}{unit}"

    lines = [DISCLAIMER, "", f"{data['model']} ({data['route']})", "Parameters:"]
    lines += [
        f"  {p['name']:<16} {p['value']:.4g} {p['unit']:<4} {p['kind']}: {p['source']}"
        + (f" ({p['caveat']})" if p["caveat"] else "")
        for p in data["parameters"]
    ]
    lines += [f"  note: {n}" for n in data["notes"]]
    lines += [
        "",
        "Metrics (typical subject, concentrations in ng/mL):",
        f"  Cmax {fmt(m['cmax'])} at {fmt(m['tmax_h'], ' h')} "
        f"({fmt(m['tmax_after_dose_h'], ' h')} after its dose)",
        f"  trough (last interval) {fmt(m['cmin'])}; average (last interval) {fmt(m['cavg'])}",
        f"  AUC over the regimen {fmt(m['auc_total'])} ng*h/mL; to infinity {fmt(m['auc_inf'])}",
        f"  accumulation ratio {fmt(m['accumulation_ratio'])}; 90% of steady state by "
        f"{fmt(m['time_to_90pct_steady_state_h'], ' h')}; terminal half-life "
        f"{fmt(m['terminal_half_life_h'], ' h')}",
    ]
    if m["time_above_threshold_h"] is not None:
        lines.append(f"  time above the threshold {fmt(m['time_above_threshold_h'], ' h')}")
    if "p50" in data:
        lines.append(
            f"\nPopulation: {data['subjects']} subjects, CV {data['cv']:.0%} on ka, ke and V, "
            f"seed {data['seed']}; peak median {max(data['p50']):.4g}, 95th percentile "
            f"{max(data['p95']):.4g} ng/mL"
        )
    lines += ["", data["caption"]]
    return "\n".join(lines)
