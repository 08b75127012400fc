"""``peptidekit pk``: exact regimen curves, metrics, population bands and a plot."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.results import DISCLAIMER
from peptidekit.units import readable_hours
from peptidekit.vocabulary import PK_ROUTES


@click.command("pk")
@click.option("--compound", default=None, help="Take what the knowledge base has (e.g. selank).")
@click.option("--route", default=None, type=click.Choice(PK_ROUTES))
@click.option("--dose", default=None, help="Dose per administration, e.g. 500ug.")
@click.option("--every", default=None, help="Dosing interval, e.g. 8h.")
@click.option(
    "--component",
    "components",
    multiple=True,
    help="A stack component (repeat; curves overlaid, never summed): "
    "'COMPOUND DOSE ROUTE EVERY [field=value...]', e.g. 'semax 200mcg intranasal 12h ka=2/h'.",
)
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
    from peptidekit.ops.pk import PKRequest, simulate

    outputs = ("plot_path", "as_json", "components")
    request = PKRequest(**{k: v for k, v in o.items() if k not in outputs})
    if o["components"]:
        _stack(request, o)
        return
    for flag in ("route", "dose", "every"):
        if not o[flag]:
            raise click.UsageError(f"Missing option '--{flag}' (or give --component)")
    if o["subjects"] is None or not sys.stderr.isatty():
        result = simulate(request, plot=o["plot_path"])
    else:
        with click.progressbar(length=100, label="simulating", file=sys.stderr) as bar:
            shown = [0]

            def progress(done: int, total: int) -> None:
                percent = done * 100 // max(total, 1)
                bar.update(percent - shown[0])
                shown[0] = percent

            result = simulate(request, plot=o["plot_path"], progress=progress)
    data = result.to_dict()
    if o["as_json"]:
        emit_json(data)
    else:
        click.echo(_render(data, data["metrics"]))


def _stack(shared: Any, o: dict[str, Any]) -> None:
    from dataclasses import replace

    from peptidekit.ops.pk import PK_COMPONENT_EXAMPLE, PK_POSITIONAL, simulate_stack
    from peptidekit.ops.stack import parse_component

    for flag in ("compound", "route", "dose", "every", "ka", "ke", "half_life", "volume"):
        if o[flag] is not None:
            raise click.UsageError(
                f"--{flag.replace('_', '-')} belongs inside each --component, not beside them"
            )
    shared = replace(shared, cv=None)
    requests = [
        parse_component(text, shared, PK_POSITIONAL, n, PK_COMPONENT_EXAMPLE)
        for n, text in enumerate(o["components"], start=1)
    ]
    result = simulate_stack(requests, plot=o["plot_path"])
    if o["as_json"]:
        emit_json(result.to_dict())
        return
    out = [f"{len(requests)} compounds, each its own curve (never summed):"]
    for data in (s.to_dict() for s in result.simulations):
        out += ["", f"--- {data['compound'] or 'model'} ---", _render(data, data["metrics"])]
    click.echo("\n".join(out))


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
        f"  Cmax {fmt(m['cmax'])} at {readable_hours(m['tmax_h'])} "
        f"({readable_hours(m['tmax_after_dose_h'])} after its dose)",
        f"  trough (last interval) {fmt(m['cmin'])}; average (last interval) {fmt(m['cavg'])}",
        f"  AUC over the regimen {fmt(m['auc_total'])} ng*h/mL; to infinity {fmt(m['auc_inf'])}",
        f"  accumulation ratio {fmt(m['accumulation_ratio'])}; 90% of steady state by "
        f"{readable_hours(m['time_to_90pct_steady_state_h'])}; terminal half-life "
        f"{readable_hours(m['terminal_half_life_h'])}",
    ]
    if m["time_above_threshold_h"] is not None:
        lines.append(f"  time above the threshold {readable_hours(m['time_above_threshold_h'])}")
    if "p50" in data:
        lines.append(
            f"\nPopulation: {data['subjects']} subjects, CV {data['cv']:.0%} on ka, ke and V, "
            f"seed {data['seed']}; peak median {max(data['p50']):.4g}, 95th percentile "
            f"{max(data['p95']):.4g} ng/mL"
        )
    lines += ["", data["caption"]]
    return "\n".join(lines)
