"""``peptidekit calc``: reconstitution, diluent and nasal calculators (thin handlers)."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.output import emit_json, json_option
from peptidekit.ops.calculators import DiluentRequest, NasalRequest, ReconstituteRequest
from peptidekit.ops.declare import from_options
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


@click.group("calc")
def calc_group() -> None:
    """Unit-safe dose calculators (research and education only, not medical advice)."""


@calc_group.command("reconstitute")
@options_from(ReconstituteRequest)
@json_option
def reconstitute_command(as_json: bool, **options: Any) -> None:
    """Concentration, draw, syringe units, nearest tick and the dose it delivers."""
    from peptidekit.dosing.blend import BlendDraw
    from peptidekit.ops.calculators import reconstitute

    done = reconstitute(from_options(ReconstituteRequest, options))
    data = done.to_dict()
    blend = done.value if isinstance(done.value, BlendDraw) else None
    result = done.value.draw if isinstance(done.value, BlendDraw) else done.value
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
@options_from(DiluentRequest)
@json_option
def diluent_command(as_json: bool, **options: Any) -> None:
    """The diluent volume that makes DOSE a given number of syringe units."""
    from peptidekit.ops.calculators import diluent

    done = diluent(from_options(DiluentRequest, options))
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
@options_from(NasalRequest)
@click.option("--drops", "drops", default=None, help="Reverse: the dose of this many drops.")
@click.option("--sprays", "sprays", default=None, help="Reverse: the dose of this many sprays.")
@click.option("--drop", "drop", default=None, help="Drop volume, e.g. 50uL.")
@click.option("--spray", "spray", default=None, help="Spray volume per actuation, e.g. 100uL.")
@json_option
def nasal_command(
    drops: str | None,
    sprays: str | None,
    drop: str | None,
    spray: str | None,
    as_json: bool,
    **options: Any,
) -> None:
    """Drops or sprays per administration and per nostril, with the dose delivered.

    The CLI names the device in its flags (--drops/--sprays for a count, --drop/--spray
    for a volume) where the request has count, device and volume."""
    from peptidekit.ops.calculators import nasal

    calibrate = options.get("calibrate")
    if sum(x is not None for x in (drop, spray, calibrate)) > 1:
        raise click.UsageError("give at most one of --drop, --spray and --calibrate")
    if drops is not None and sprays is not None:
        raise click.UsageError("give --drops or --sprays, not both")
    kind = "spray" if spray is not None or sprays is not None else "drop"
    if (drop is not None and sprays is not None) or (spray is not None and drops is not None):
        raise click.UsageError(f"--{'drops' if drops else 'sprays'} does not match a {kind}")
    options |= {
        "count": drops if drops is not None else sprays,
        "device": None if calibrate is not None and drops is None and sprays is None else kind,
        "volume": drop if drop is not None else spray,
    }
    done = nasal(from_options(NasalRequest, options))
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
