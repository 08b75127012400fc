"""``peptidekit journal``: thin commands over peptidekit.ops.journal.

This module defines the group; each module beside it defines its commands (they import
only ``context``, never this module), and they are added here.
"""

from __future__ import annotations

import click

from peptidekit.cli.journal import doses, profiles, protocols, reports, transfer, vials
from peptidekit.cli.journal.context import Context


@click.group("journal")
@click.option(
    "--db", envvar="PEPTIDEKIT_DB", default=None, help="SQLAlchemy URL (default: SQLite)."
)
@click.option("--profile", envvar="PEPTIDEKIT_PROFILE", default=None, help="Profile name.")
@click.pass_context
def journal_group(ctx: click.Context, db: str | None, profile: str | None) -> None:
    """Dose journal: profiles, vials, protocols, doses, check-ins, adherence, backups."""
    ctx.obj = Context(db, profile)


for command in (
    profiles.profiles_group,
    vials.vials_group,
    protocols.protocols_group,
    doses.log_command,
    doses.doses_group,
    reports.today_command,
    reports.history_command,
    reports.adherence_command,
    reports.checkin_command,
    transfer.export_command,
    transfer.import_command,
    transfer.backup_command,
    transfer.restore_command,
):
    journal_group.add_command(command)

__all__ = ["Context", "journal_group"]
