"""``peptidekit journal log`` and ``journal doses``: log a dose, correct or undo one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import argument_fields, emit_json, json_option
from peptidekit.ops.declare import from_options
from peptidekit.ops.journal import EditRequest, LogRequest


@click.command("log")
@options_from(LogRequest, skip=("profile",))
@json_option
@pass_context
def log_command(ctx: Context, /, as_json: bool, **options: Any) -> None:
    """Log a dose; it is taken from its vial in the same transaction."""
    from peptidekit.journal.views import logged_dict
    from peptidekit.ops.journal import log_dose

    request = from_options(LogRequest, options)
    logged = log_dose(ctx.journal, ctx.profile(), request, dt.datetime.now(dt.UTC))
    event = logged.event
    data = logged_dict(logged)
    if as_json:
        emit_json(data)
    else:
        for w in data["warnings"]:
            click.echo(f"! {w['message']}  [{w['code']}]")
        linked = " (planned dose)" if event.planned_dose_id else ""
        drawn = f" ({logged.draw})" if logged.draw else ""
        name = f" {event.compound}" if event.compound else ""
        click.echo(
            f"logged {event.status} {event.amount_mcg:.6g} mcg{name}{drawn} at {data['at']}{linked}"
        )
        for c in data["co_delivered"]:
            click.echo(f"  with {c['mcg']:.6g} mcg {c['compound']} from the same draw")


@click.group("doses")
def doses_group() -> None:
    """Correct logged doses: edit the time, site or notes; delete (undo) a dose."""


@doses_group.command("edit")
@click.argument("dose")
@options_from(EditRequest)
@json_option
@pass_context
def doses_edit(ctx: Context, /, dose: str, as_json: bool, **options: Any) -> None:
    """Correct a logged dose (DOSE: its id or first characters, from history --json)."""
    from peptidekit.journal.views import event_dict
    from peptidekit.ops.journal import edit_dose

    request = from_options(EditRequest, options)
    with argument_fields(event="DOSE"):
        event = edit_dose(ctx.journal, ctx.profile(), dose, request)
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
