"""``peptidekit demo``: a short tour that ``make run`` starts until the web app exists."""

from __future__ import annotations

import click

from peptidekit.chem import analyse
from peptidekit.cli.chem_cmd import render_text
from peptidekit.errors import PeptidekitError
from peptidekit.knowledge import all_conflicts, default_knowledge, dose_reference
from peptidekit.units import Kind, format_quantity, parse_quantity

DEMO_SEQUENCES = ("Thr-Lys-Pro-Arg-Pro-Gly-Pro", "Ac-TKPRPGP-NH2")
DEMO_QUANTITIES: tuple[tuple[str, Kind, str], ...] = (
    ("250mcg", Kind.MASS, "mg"),
    ("0.15%", Kind.CONCENTRATION, "mg/mL"),
    ("8h", Kind.DURATION, "min"),
    ("1,000 mcg", Kind.MASS, "mg"),
    ("10 IU", Kind.MASS, "mg"),
)


@click.command("demo")
def demo_command() -> None:
    """Show what peptidekit does today, on Selank."""
    click.echo("peptidekit demo: research and education only, not medical advice.\n")
    for sequence in DEMO_SEQUENCES:
        click.echo(f"$ peptidekit chem {sequence!r}")
        click.echo(render_text(analyse(sequence)) + "\n")
    click.echo("Quantities are read strictly; ambiguous input is refused:")
    for text, kind, unit in DEMO_QUANTITIES:
        try:
            shown = format_quantity(parse_quantity(text, kind), unit)
            click.echo(f"  {text!r:14} -> {shown}")
        except PeptidekitError as error:
            click.echo(f"  {text!r:14} -> refused: {error.message}")
    kb = default_knowledge()
    selank = kb.compound("selank")
    ref = dose_reference(selank, "intranasal", "per_administration", kb=kb)
    if ref is not None:
        click.echo(f"\nSelank intranasal dose per administration: {ref.text} ({ref.note})")
    conflicts = all_conflicts(selank, kb)
    click.echo(f"Where the Selank sources disagree ({len(conflicts)}):")
    for conflict in conflicts:
        click.echo(f"  - [{conflict.kind}] {conflict.summary}")
    click.echo("\nMore: peptidekit info selank, conflicts selank, compare selank semax phenazepam")
