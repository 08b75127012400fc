"""``peptidekit journal doses`` and ``journal vials delete``: correct what was logged."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.cli.journal_cmd import Context, journal_group, pass_context, vials_group
from peptidekit.cli.output import argument_fields, emit_json, json_option
from peptidekit.store.views import event_dict


@journal_group.group("doses")
def doses_group() -> None:
    """Correct logged doses: edit the time, site or notes; delete (undo) a dose."""


@doses_group.command("edit")
@click.argument("dose")
@click.option("--at", "when", default=None, help="New time, 'YYYY-MM-DD HH:MM' local or ISO.")
@click.option("--site", default=None)
@click.option("--notes", default=None)
@json_option
@pass_context
def doses_edit(
    ctx: Context, dose: str, when: str | None, site: str | None, notes: str | None, as_json: bool
) -> None:
    """Correct a logged dose (DOSE: its id or first characters, from history --json)."""
    from peptidekit.ops.journal import EditRequest, edit_dose

    with argument_fields(event="DOSE"):
        event = edit_dose(ctx.journal, ctx.profile(), dose, EditRequest(when, site, notes))
    data = event_dict(event)
    if as_json:
        emit_json(data)
    else:
        click.echo(f"dose {event.id[:8]} now at {data['at']}, site {data['site'] or '-'}")


@doses_group.command("delete")
@click.argument("dose")
@json_option
@pass_context
def doses_delete(ctx: Context, dose: str, as_json: bool) -> None:
    """Delete (undo) a logged dose; what it took goes back to its vial."""
    from peptidekit.ops.journal import delete_dose

    with argument_fields(event="DOSE"):
        gone = delete_dose(ctx.journal, ctx.profile(), dose)
    data = {"events": gone.events, "restored_mcg": gone.restored_mcg, "vial_id": gone.vial_id}
    if as_json:
        emit_json(data)
    else:
        back = f"; {gone.restored_mcg:.6g} mcg back in its vial" if gone.restored_mcg else ""
        click.echo(f"deleted {gone.events} event(s){back}")


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
@click.argument("vial")
@click.option("--vial", "content", default=None, help="Corrected powder, e.g. 5mg (no doses yet).")
@click.option("--diluent", default=None, help="Corrected diluent, e.g. 2mL (no doses yet).")
@click.option("--opened", default=None, help="Corrected opening time, local or ISO.")
@click.option("--shelf-life", "shelf_life", default=None, help="Shelf life, e.g. 28d.")
@click.option("--lot", default=None)
@json_option
@pass_context
def vials_edit(ctx: Context, /, vial: str, content: str | None, **o: Any) -> None:
    """Correct a vial (VIAL: its id or first characters)."""
    from peptidekit.ops.journal import VialEditRequest, edit_vial
    from peptidekit.store.views import vial_dict

    as_json = o.pop("as_json")
    with argument_fields(vial="VIAL" if content is None else "--vial"):
        row = edit_vial(ctx.journal, ctx.profile(), vial, VialEditRequest(vial=content, **o))
    data = vial_dict(row)
    if as_json:
        emit_json(data)
    else:
        click.echo(
            f"vial {row.id[:8]}: {row.amount_mcg:.6g} mcg in {row.volume_ml:g} mL, "
            f"discard by {data['discard_by'] or 'unknown'}"
        )
