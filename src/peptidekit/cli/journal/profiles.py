"""``peptidekit journal profiles``: list or add profiles."""

from __future__ import annotations

import click

from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import emit_json, json_option


@click.group("profiles")
def profiles_group() -> None:
    """List or add profiles (every record belongs to one)."""


@profiles_group.command("list")
@json_option
@pass_context
def profiles_list(ctx: Context, as_json: bool) -> None:
    from peptidekit.ops.journal import profiles

    rows = profiles(ctx.journal)
    if as_json:
        emit_json(rows)
    else:
        for row in rows:
            click.echo(f"{row['name']}  ({row['tz']})")


@profiles_group.command("add")
@click.argument("name")
@click.option("--tz", required=True, help="IANA time zone, e.g. Europe/Moscow.")
@json_option
@pass_context
def profiles_add(ctx: Context, name: str, tz: str, as_json: bool) -> None:
    from peptidekit.ops.journal import ProfileRequest, add_profile

    profile = add_profile(ctx.journal, ProfileRequest(name, tz))
    if as_json:
        emit_json(profile)
    else:
        click.echo(f"profile {profile['name']} added ({profile['tz']})")
