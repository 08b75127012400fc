"""``peptidekit pk``: exact regimen curves, metrics, population bands and a plot. The
options are the simulator's request (``ops.pk.PKRequest``); the command adds only its
outputs (--plot, --json)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.output import emit_json, flag_for, json_option
from peptidekit.ops.declare import field_specs, from_options
from peptidekit.ops.pk import OWN_FIELDS, PKRequest, StackSimulation
from peptidekit.ops.stack import given_beside
from peptidekit.results import DISCLAIMER
from peptidekit.units import readable_hours

_COMPONENTS = next(s for s in field_specs(PKRequest) if s.name == "components")


@click.command("pk")
@options_from(PKRequest, skip=("components",))
@click.option("--component", "components", multiple=True, help=_COMPONENTS.help)
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path))
@json_option
def pk_command(plot_path: Path | None, as_json: bool, **options: Any) -> None:
    """Concentration over a regimen: exact curve, metrics and (with --subjects) bands;
    several --component options overlay several compounds (never summed)."""
    from peptidekit.ops.pk import simulate

    request = from_options(PKRequest, options)
    beside = given_beside(request, OWN_FIELDS) if request.components else []
    if beside:
        raise click.UsageError(
            f"{flag_for(beside[0])} belongs inside each --component, not beside them"
        )
    if request.subjects is None or request.components or not sys.stderr.isatty():
        result = simulate(request, plot=plot_path)
    else:
        with click.progressbar(length=100, label="simulating", file=sys.stderr) as bar:
            shown = [0]

            def progress(done: int, total: int) -> None:
                percent = done * 100 // max(total, 1)
                bar.update(percent - shown[0])
                shown[0] = percent

            result = simulate(request, plot=plot_path, progress=progress)
    if as_json:
        emit_json(result.to_dict())
    elif isinstance(result, StackSimulation):
        out = [f"{len(result.simulations)} compounds, each its own curve (never summed):"]
        for data in (s.to_dict() for s in result.simulations):
            out += ["", f"--- {data['compound'] or 'model'} ---", _render(data, data["metrics"])]
        click.echo("\n".join(out))
    else:
        data = result.to_dict()
        click.echo(_render(data, data["metrics"]))


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
