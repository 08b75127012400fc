"""Knowledge-base commands: compounds, info, sources, conflicts, compare, knowledge-schema."""

from __future__ import annotations

import json

import click

from peptidekit.cli.monograph_text import describe_source, render_conflicts, render_monograph
from peptidekit.cli.output import emit_json, json_option
from peptidekit.knowledge import default_knowledge
from peptidekit.knowledge.schema import KnowledgeFile
from peptidekit.knowledge.views import (
    conflicts_dict,
    monograph_dict,
    sources_used,
)
from peptidekit.results import DISCLAIMER


@click.command("compounds")
@json_option
def compounds_command(as_json: bool) -> None:
    """List the compounds in the knowledge base (user-supplied ones marked)."""
    kb = default_knowledge()
    rows = [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind,
            "category": c.category,
            "aliases": c.aliases,
            "claims": len(c.claims),
            "origin": c.origin,
            "overrides_builtin": c.overrides_builtin,
        }
        for c in kb.compounds.values()
    ]
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        mark = "  [user-supplied]" if row["origin"] == "user" else ""
        click.echo(f"{row['id']:<26} {row['name']:<26} {row['category']}{mark}")


@click.command("info")
@click.argument("name")
@json_option
def info_command(name: str, as_json: bool) -> None:
    """The full, cited monograph of compound NAME (names and aliases, any case)."""
    kb = default_knowledge()
    data = monograph_dict(kb.compound(name), kb)
    if as_json:
        emit_json(data)
    else:
        click.echo(render_monograph(data))


@click.command("evidence")
@click.argument("name")
@json_option
def evidence_command(name: str, as_json: bool) -> None:
    """The human studies behind each outcome of compound NAME, graded by a stated rule."""
    from peptidekit.knowledge.evidence import EVIDENCE_RULE, evidence_summary

    kb = default_knowledge()
    compound = kb.compound(name)
    rows = [s.to_dict() for s in evidence_summary(compound.id, kb)]
    if as_json:
        emit_json({"compound": compound.name, "rule": EVIDENCE_RULE, "outcomes": rows})
        return
    click.echo(f"{compound.name}: evidence by outcome (human studies only)")
    if not rows:
        click.echo(
            f"  no human finding about {compound.name} in the knowledge base: nothing is graded"
        )
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
    click.echo(f"Rule: {EVIDENCE_RULE}")


@click.command("sources")
@click.argument("name")
@json_option
def sources_command(name: str, as_json: bool) -> None:
    """The sources cited for compound NAME, most cited first."""
    kb = default_knowledge()
    rows = sources_used(kb.compound(name), kb)
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
    kb = default_knowledge()
    data = conflicts_dict(kb.compound(name), kb)
    if as_json:
        emit_json(data)
    else:
        click.echo(render_conflicts(data))


@click.command("compare")
@click.argument("names", nargs=-1, required=True)
@json_option
def compare_command(names: tuple[str, ...], as_json: bool) -> None:
    """Side-by-side table of NAMES (e.g. selank semax phenazepam), from the data."""
    from peptidekit.ops.knowledge import compare

    table = compare(*names)
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
    click.echo(json.dumps(KnowledgeFile.model_json_schema(), indent=2))
