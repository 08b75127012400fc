"""``peptidekit quantity``: read a typed quantity the way every command reads it."""

from __future__ import annotations

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.units import Kind, format_quantity, kind_of, magnitude_in, parse_quantity

CANONICAL_UNIT = {
    Kind.MASS: "mcg",
    Kind.VOLUME: "mL",
    Kind.CONCENTRATION: "mg/mL",
    Kind.DURATION: "h",
    Kind.RATE: "1/h",
    Kind.ACTIVITY: "IU",
    Kind.FRACTION: "percent",
}


@click.command("quantity")
@click.argument("text")
@click.option(
    "--kind",
    type=click.Choice([k.value for k in Kind]),
    default=None,
    help="What the quantity must be (needed for '%': concentration w/v or fraction).",
)
@click.option("--to", "to_unit", default=None, help="Unit to convert to, e.g. mg or mcg/mL.")
@json_option
def quantity_command(text: str, kind: str | None, to_unit: str | None, as_json: bool) -> None:
    """Parse TEXT such as '250mcg', '0.15%' (with --kind concentration) or '8h'."""
    quantity = parse_quantity(text, Kind(kind) if kind else None)
    found = kind_of(quantity)
    unit = to_unit or CANONICAL_UNIT[found]
    target = parse_quantity(f"1 {unit}", found)  # the target unit goes through the same checks
    value = magnitude_in(quantity, str(target.units))
    if as_json:
        emit_json(
            {
                "input": text,
                "kind": found.value,
                "value": value,
                "unit": unit,
                "text": format_quantity(quantity, str(target.units)),
            }
        )
    else:
        click.echo(f"{text} = {format_quantity(quantity, str(target.units))} ({found.value})")
