"""``peptidekit calc``: reconstitution, diluent and nasal calculators (thin handlers)."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.dosing.syringe import UNITS_PER_ML
from peptidekit.results import DISCLAIMER


def _echo_result(lines: list[str], warnings: list[dict[str, str]], steps: list[str]) -> None:
    click.echo(DISCLAIMER)
    for warning in warnings:
        click.echo(f"! {warning['message']}  [{warning['code']}]")
    click.echo("")
    for line in lines:
        click.echo(line)
    click.echo("\nArithmetic:")
    for step in steps:
        click.echo(f"  {step}")


syringe_options = [
    click.option("--syringe", "barrel", default=None, help="Barrel volume: 0.3mL, 0.5mL or 1mL."),
    click.option(
        "--syringe-scale",
        "scale",
        type=click.Choice(sorted(UNITS_PER_ML)),
        default="U-100",
        show_default=True,
        help="Units per mL printed on the syringe.",
    ),
    click.option("--tick", default=None, help="Tick spacing in units (overrides the default)."),
]


def with_syringe_options(func: Any) -> Any:
    for option in reversed(syringe_options):
        func = option(func)
    return func


@click.group("calc")
def calc_group() -> None:
    """Unit-safe dose calculators (research and education only, not medical advice)."""


@calc_group.command("reconstitute")
@click.option(
    "--vial",
    required=True,
    help="Peptide in the vial, e.g. 5mg, or a blend: 'selank 5mg + semax 5mg'.",
)
@click.option("--diluent", required=True, help="Diluent added, e.g. 2mL.")
@click.option("--dose", required=True, help="Dose per administration, e.g. 250mcg.")
@with_syringe_options
@click.option(
    "--compound",
    default=None,
    help="Check plausibility against this compound; for a blend, the one whose dose sets the draw.",
)
@click.option("--route", default=None, help="Route for the plausibility check, e.g. subcutaneous.")
@click.option("--per-day", "per_day", default=None, help="Doses a day (for days per vial).")
@click.option("--dead-space", "dead_space", default=None, help="Volume lost per draw, e.g. 0.07mL.")
@click.option(
    "--net-peptide",
    "net_peptide",
    default=None,
    help="Net peptide content of the powder, e.g. 80% (the vial mass is then gross).",
)
@click.option(
    "--counter-ion",
    "counter_ion",
    default=None,
    help="Instead: the counter-ion (acetate, TFA, HCl); needs --counter-ions and --compound.",
)
@click.option("--counter-ions", "counter_ions", default=None, help="Counter-ions per molecule.")
@json_option
def reconstitute_command(
    vial: str,
    diluent: str,
    dose: str,
    barrel: str | None,
    scale: str,
    tick: str | None,
    compound: str | None,
    route: str | None,
    per_day: str | None,
    dead_space: str | None,
    net_peptide: str | None,
    counter_ion: str | None,
    counter_ions: str | None,
    as_json: bool,
) -> None:
    """Concentration, draw, syringe units, nearest tick and the dose it delivers."""
    from peptidekit.ops.calculators import (
        ReconstituteRequest,
        is_blend,
        reconstitute,
        reconstitute_blend,
    )

    request = ReconstituteRequest(
        vial=vial,
        diluent=diluent,
        dose=dose,
        syringe=barrel,
        syringe_scale=scale,
        tick=tick,
        dead_space=dead_space,
        per_day=per_day,
        compound=compound,
        route=route,
        net_peptide=net_peptide,
        counter_ion=counter_ion,
        counter_ions=counter_ions,
    )
    blend = None
    if is_blend(vial):
        blended = reconstitute_blend(request)
        blend, result, data = blended.value, blended.value.draw, blended.to_dict()
    else:
        done = reconstitute(request)
        result, data = done.value, done.to_dict()
    if as_json:
        emit_json(data)
        return
    s = result.syringe
    of = "" if blend is None else f" of {blend.set_by}"
    lines = (
        []
        if blend is None
        else [
            f"Blend vial {blend.blend.description} in {result.diluent.m_as('mL'):g} mL; "
            f"the {blend.set_by} dose sets the draw.",
            f"Each draw: {blend.statement}.",
        ]
    )
    lines += [
        f"Draw {result.tick_units:g} units ({result.tick_volume_ml:.4g} mL) on a {s.label}.",
        f"That delivers {result.delivered_dose_mcg:.4g} mcg{of} "
        f"({result.dose_error_percent:+.2f}% from the {result.dose.m_as('mcg'):.4g} mcg asked; "
        f"exact draw {result.syringe_units:.4g} units = {result.volume_ml:.4g} mL).",
        f"Concentration{of} {result.concentration_mg_per_ml:.4g} mg/mL = "
        f"{result.mcg_per_unit:.4g} mcg per syringe unit (syringe units are volume marks, not IU).",
        f"Doses per vial: {result.doses_per_vial}"
        + (
            f"; days per vial at {result.per_day} a day: {result.days_per_vial}"
            if result.per_day
            else ""
        ),
    ]
    if result.content is not None:
        lines.append(f"Vial: {result.content.statement()}.")
    _echo_result(lines, data["warnings"], data["steps"])


@calc_group.command("diluent")
@click.option("--vial", required=True, help="Peptide in the vial, e.g. 5mg.")
@click.option("--dose", required=True, help="Dose per administration, e.g. 250mcg.")
@click.option(
    "--units", "units", required=True, help="Syringe units the dose should fill, e.g. 10."
)
@with_syringe_options
@click.option(
    "--net-peptide",
    "net_peptide",
    default=None,
    help="Net peptide content of the powder, e.g. 80% (the vial mass is then gross).",
)
@json_option
def diluent_command(
    vial: str,
    dose: str,
    units: str,
    barrel: str | None,
    scale: str,
    tick: str | None,
    net_peptide: str | None,
    as_json: bool,
) -> None:
    """The diluent volume that makes DOSE a given number of syringe units."""
    from peptidekit.ops.calculators import DiluentRequest
    from peptidekit.ops.calculators import diluent as run

    done = run(
        DiluentRequest(
            vial=vial,
            dose=dose,
            units=units,
            syringe=barrel,
            syringe_scale=scale,
            tick=tick,
            net_peptide=net_peptide,
        )
    )
    data = done.to_dict()
    if as_json:
        emit_json(data)
        return
    plan = done.value
    lines = [
        f"Add {plan.diluent_ml:.4g} mL of diluent: {plan.concentration_mg_per_ml:.4g} mg/mL, "
        f"and {plan.dose.m_as('mcg'):.4g} mcg is {plan.units:g} units on a {plan.syringe.label}.",
        "",
        "Practical diluent volumes:",
        f"  {'diluent':>8} {'mg/mL':>8} {'draw mL':>8} {'units':>7} {'tick':>6} "
        f"{'delivers':>10} {'error':>7}",
    ]
    for row in plan.table:
        if row.result is None:
            lines.append(f"  {row.diluent_ml:>6g}mL  not measurable: {row.problem}")
            continue
        r = row.result
        lines.append(
            f"  {row.diluent_ml:>6g}mL {r.concentration_mg_per_ml:>8.4g} {r.volume_ml:>8.4g} "
            f"{r.syringe_units:>7.4g} {r.tick_units:>6g} {r.delivered_dose_mcg:>7.4g}mcg "
            f"{r.dose_error_percent:>+6.1f}%"
        )
    if plan.content is not None:
        lines.append(f"Vial: {plan.content.statement()}.")
    _echo_result(lines, data["warnings"], data["steps"])


@calc_group.command("nasal")
@click.option("--concentration", required=True, help="Strength: 0.15% (w/v) or 1.5mg/mL.")
@click.option("--dose", default=None, help="Dose per administration (both nostrils), e.g. 300mcg.")
@click.option("--drops", "drops", default=None, help="Reverse: the dose of this many drops.")
@click.option("--sprays", "sprays", default=None, help="Reverse: the dose of this many sprays.")
@click.option("--drop", "drop", default=None, help="Drop volume, e.g. 50uL.")
@click.option("--spray", "spray", default=None, help="Spray volume per actuation, e.g. 100uL.")
@click.option("--calibrate", default=None, help='Measured device, e.g. "3mL/60 drops".')
@click.option("--bottle", default=None, help="Bottle volume, e.g. 3mL.")
@click.option("--per-day", "per_day", default=None, help="Doses a day (for bottle life).")
@click.option("--compound", default=None, help="Compound for defaults and plausibility.")
@json_option
def nasal_command(
    concentration: str,
    dose: str | None,
    drops: str | None,
    sprays: str | None,
    drop: str | None,
    spray: str | None,
    calibrate: str | None,
    bottle: str | None,
    per_day: str | None,
    compound: str | None,
    as_json: bool,
) -> None:
    """Drops or sprays per administration and per nostril, with the dose delivered."""
    from peptidekit.ops.calculators import NasalRequest, nasal

    if sum(x is not None for x in (drop, spray, calibrate)) > 1:
        raise click.UsageError("give at most one of --drop, --spray and --calibrate")
    if drops is not None and sprays is not None:
        raise click.UsageError("give --drops or --sprays, not both")
    kind = "spray" if spray is not None or sprays is not None else "drop"
    if (drop is not None and sprays is not None) or (spray is not None and drops is not None):
        raise click.UsageError(f"--{'drops' if drops else 'sprays'} does not match a {kind}")
    done = nasal(
        NasalRequest(
            concentration=concentration,
            dose=dose,
            count=drops if drops is not None else sprays,
            device=None if calibrate is not None and drops is None and sprays is None else kind,
            volume=drop if drop is not None else spray,
            calibrate=calibrate,
            bottle=bottle,
            per_day=per_day,
            compound=compound,
        )
    )
    data = done.to_dict()
    if as_json:
        emit_json(data)
        return
    result = done.value
    device = result.device
    per_day_n = result.per_day
    unit = device.kind
    left, right = result.per_nostril
    lines = [
        f"{result.count} {unit}s per administration: {left} into one nostril, {right} into the "
        "other.",
        f"That delivers {result.delivered_dose_mcg:.4g} mcg"
        + (
            f" ({result.dose_error_percent:+.2f}% from the {result.asked_dose_mcg:.4g} mcg asked)."
            if result.asked_dose_mcg is not None
            else "."
        ),
        f"One {unit} = {device.volume.m_as('uL'):g} uL = {result.mcg_per_unit:.4g} mcg "
        f"({device.source}).",
    ]
    if result.doses_per_bottle is not None:
        life = (
            f"; bottle life at {per_day_n} a day: {result.bottle_life_days} days"
            if per_day_n
            else ""
        )
        lines.append(f"Doses per bottle: {result.doses_per_bottle}{life}")
    _echo_result(lines, data["warnings"], data["steps"])
