"""``peptidekit journal protocols``: protocols from the planner, with their doses."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import emit_json, json_option
from peptidekit.cli.plan_cmd import protocol_options


@click.group("protocols")
def protocols_group() -> None:
    """Protocols from the planner, with their planned doses."""


@protocols_group.command("add")
@click.option("--name", required=True)
@protocol_options
@json_option
@pass_context
def protocols_add(ctx: Context, /, **o: Any) -> None:
    """Plan a protocol (in the profile's time zone) and store its planned doses."""
    from peptidekit.ops.journal import add_protocol

    protocol_id, name, count = add_protocol(ctx.journal, ctx.profile(), o, o["name"])
    if o["as_json"]:
        emit_json({"id": protocol_id, "name": name, "planned_doses": count})
    else:
        click.echo(f"protocol {name!r} added with {count} planned doses")
