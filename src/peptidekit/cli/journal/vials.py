"""``peptidekit journal vials``: list, add, correct and delete vials and bottles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import argument_fields, emit_json, json_option
from peptidekit.ops.declare import from_options
from peptidekit.ops.journal import VialEditRequest, VialRequest


@click.group("vials")
def vials_group() -> None:
    """Vials and bottles: what is left and when each must be discarded."""


@vials_group.command("list")
@json_option
@pass_context
def vials_list(ctx: Context, as_json: bool) -> None:
    from peptidekit.journal.views import local_time
    from peptidekit.ops.journal import list_vials

    listed = list_vials(ctx.journal, ctx.profile(), go_on=True)
    if as_json:
        emit_json(listed.to_dict())
        return
    for w in [*listed.unreadable, *listed.warnings]:
        click.echo(f"! {w['message']}  [{w['code']}]")
    tz = ctx.tz()
    for r in listed.vials:
        discard = r["discard_by"] and local_time(
            dt.datetime.fromisoformat(r["discard_by"]), tz, with_zone=True
        )
        parts = r["blend"] or [r]
        left = ", ".join(
            f"{p['remaining_mcg']:.6g} of {p['amount_mcg']:.6g} mcg"
            + (f" {p['compound']}" if r["blend"] else "")
            for p in parts
        )
        click.echo(
            f"{r['id'][:8]}  {r['compound']} {r['kind']}: {left} left; "
            f"discard by {discard or 'unknown'}"
        )


@vials_group.command("add")
@options_from(VialRequest, skip=("profile",))
@json_option
@pass_context
def vials_add(ctx: Context, /, as_json: bool, **options: Any) -> None:
    """Record a reconstituted vial or an opened nasal bottle."""
    from peptidekit.journal.views import vial_dict
    from peptidekit.ops.journal import add_vial

    request = from_options(VialRequest, options)
    added = add_vial(ctx.journal, ctx.profile(), request, dt.datetime.now(dt.UTC))
    vial, source = added.vial, added.shelf_life_source
    data = vial_dict(vial)
    if as_json:
        emit_json(data)
    else:
        click.echo(
            f"{vial.kind} {vial.id[:8]} added: {vial.amount_mcg:.6g} mcg in {vial.volume_ml:g} "
            f"mL; discard by {data['discard_by'] or 'unknown'} ({source})"
        )
        if added.content is not None:
            click.echo(f"  {added.content.statement()}")


@vials_group.command("delete")
@click.argument("vial")
@json_option
@pass_context
def vials_delete(ctx: Context, vial: str, as_json: bool) -> None:
    """Delete a vial recorded by mistake (refused once a dose was logged from it)."""
    from peptidekit.ops.journal import delete_vial

    with argument_fields(vial="VIAL"):
        delete_vial(ctx.journal, ctx.profile(), vial)
    if as_json:
        emit_json({"deleted": vial})
    else:
        click.echo(f"vial {vial} deleted")


@vials_group.command("edit")
@click.argument("key", metavar="VIAL")
@options_from(VialEditRequest)
@json_option
@pass_context
def vials_edit(ctx: Context, /, key: str, as_json: bool, **options: Any) -> None:
    """Correct a vial (VIAL: its id or first characters)."""
    from peptidekit.journal.views import vial_dict
    from peptidekit.ops.journal import edit_vial

    request = from_options(VialEditRequest, options)
    with argument_fields(vial="VIAL" if request.vial is None else "--vial"):
        row = edit_vial(ctx.journal, ctx.profile(), key, request)
    data = vial_dict(row)
    if as_json:
        emit_json(data)
    else:
        click.echo(
            f"vial {row.id[:8]}: {row.amount_mcg:.6g} mcg in {row.volume_ml:g} mL, "
            f"discard by {data['discard_by'] or 'unknown'}"
        )
