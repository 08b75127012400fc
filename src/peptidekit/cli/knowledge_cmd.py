"""Knowledge-base commands: compounds, info, sources, conflicts, compare, evidence,
knowledge-schema (each an operation of ``ops.knowledge``)."""

from __future__ import annotations

import json
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.monograph_text import describe_source, render_conflicts, render_monograph
from peptidekit.cli.output import emit_json, json_option
from peptidekit.ops import knowledge
from peptidekit.ops.declare import from_options
from peptidekit.ops.knowledge import CompareRequest, CompoundRequest, CompoundsRequest
from peptidekit.results import DISCLAIMER


@click.command("compounds")
@options_from(CompoundsRequest)
@json_option
def compounds_command(as_json: bool, **options: Any) -> None:
    """List the compounds in the knowledge base (user-supplied ones marked)."""
    rows = knowledge.compounds(from_options(CompoundsRequest, options))
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        mark = "  [user-supplied]" if row["origin"] == "user" else ""
        click.echo(f"{row['id']:<26} {row['name']:<26} {row['category']}{mark}")


def _one(name: str) -> CompoundRequest:
    return CompoundRequest(compound=name)


@click.command("info")
@click.argument("name")
@json_option
def info_command(name: str, as_json: bool) -> None:
    """The full, cited monograph of compound NAME (names and aliases, any case)."""
    data = knowledge.monograph(_one(name))
    if as_json:
        emit_json(data)
    else:
        click.echo(render_monograph(data))


@click.command("evidence")
@click.argument("name")
@json_option
def evidence_command(name: str, as_json: bool) -> None:
    """The human studies behind each outcome of compound NAME, graded by a stated rule."""
    data = knowledge.evidence(_one(name))
    if as_json:
        emit_json(data)
        return
    compound, rows = data["compound"], data["outcomes"]
    click.echo(f"{compound}: evidence by outcome (human studies only)")
    if not rows:
        click.echo(f"  no human finding about {compound} in the knowledge base: nothing is graded")
    for row in rows:
        click.echo(f"  {row['outcome']}: {row['grade'].upper()} ({row['why']})")
        for s in row["studies"]:
            n = f"n = {s['n']}" if s["n"] else "n not stated"
            vs = f", vs {s['comparator']}" if s["comparator"] else ""
            seen = "" if s["read"] else "; known only through secondary reports"
            click.echo(
                f"    - {s['title']} ({s['design']}; {n}{vs}{seen}): {s['direction']}: "
                f"{s['finding']} [{', '.join(s['sources'])}]"
            )
    click.echo(f"Rule: {data['rule']}")


@click.command("sources")
@click.argument("name")
@json_option
def sources_command(name: str, as_json: bool) -> None:
    """The sources cited for compound NAME, most cited first."""
    rows = knowledge.sources(_one(name))
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['cited']:>3} x  {describe_source(row)}")


@click.command("conflicts")
@click.argument("name")
@json_option
def conflicts_command(name: str, as_json: bool) -> None:
    """Where the sources on compound NAME disagree, and how, with the sources on each side."""
    data = knowledge.conflicts(_one(name))
    if as_json:
        emit_json(data)
    else:
        click.echo(render_conflicts(data))


@click.command("compare")
@click.argument("names", nargs=-1, required=True)
@json_option
def compare_command(names: tuple[str, ...], as_json: bool) -> None:
    """Side-by-side table of NAMES (e.g. selank semax phenazepam), from the data."""
    table = knowledge.compare(CompareRequest(compounds=names))
    if as_json:
        emit_json({"disclaimer": DISCLAIMER, **table.to_dict()})
        return
    click.echo(DISCLAIMER)
    width = max(len(c.name) for c in table.compounds) + 2
    for feature, per_compound in table.rows:
        click.echo(f"\n{feature}")
        for compound, cells in zip(table.compounds, per_compound, strict=True):
            text = " / ".join(
                f"{cell.value}" + (f" [{', '.join(cell.sources)}]" if cell.sources else "")
                for cell in cells
            )
            click.echo(f"  {compound.name:<{width}}{text or '(not stated)'}")


@click.command("knowledge-schema")
def knowledge_schema_command() -> None:
    """Print the JSON Schema that every knowledge data file (built-in or user) follows."""
    from peptidekit.knowledge.schema import KnowledgeFile

    click.echo(json.dumps(KnowledgeFile.model_json_schema(), indent=2))
