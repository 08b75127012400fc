"""``peptidekit journal profiles``: list or add profiles."""

from __future__ import annotations

from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import emit_json, json_option
from peptidekit.ops.declare import from_options
from peptidekit.ops.journal import ProfileRequest


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
@options_from(ProfileRequest, skip=("name",))
@json_option
@pass_context
def profiles_add(ctx: Context, /, name: str, as_json: bool, **options: Any) -> None:
    """Add a profile (NAME: 1 to 80 characters) in its time zone."""
    from peptidekit.ops.journal import add_profile

    profile = add_profile(ctx.journal, from_options(ProfileRequest, {**options, "name": name}))
    if as_json:
        emit_json(profile)
    else:
        click.echo(f"profile {profile['name']} added ({profile['tz']})")
