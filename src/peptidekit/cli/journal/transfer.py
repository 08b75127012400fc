"""``peptidekit journal export``, ``import``, ``backup`` and ``restore``."""

from __future__ import annotations

import click

from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import emit_json, json_option

FORCE = click.option(
    "--force", is_flag=True, help="Replace PATH if it exists (it keeps its mode and owner)."
)


@click.command("export")
@click.argument("path")
@click.option("--csv", "as_csv", is_flag=True, help="The profile's doses as formula-safe CSV.")
@FORCE
@json_option
@pass_context
def export_command(ctx: Context, path: str, as_csv: bool, force: bool, as_json: bool) -> None:
    """Everything as JSON (or the profile's doses as CSV) to PATH (a new file unless --force)."""
    from peptidekit.files import check_output, write_atomically
    from peptidekit.ops.journal import history
    from peptidekit.store.transfer import doses_csv, export_bytes

    check_output(path, replace=force)  # before the journal is read
    if as_csv:
        write_atomically(path, doses_csv(ctx.journal.engine, ctx.profile()).encode(), replace=force)
        counts = {"dose_events": len(history(ctx.journal, ctx.profile()))}
    else:
        raw, counts = export_bytes(ctx.journal.engine, indent=1)
        write_atomically(path, raw, replace=force)
    _report("exported", path, counts, as_json)


@click.command("import")
@click.argument("path")
@click.option("--replace", is_flag=True, help="Wipe the journal first (same transaction).")
@json_option
@pass_context
def import_command(ctx: Context, path: str, replace: bool, as_json: bool) -> None:
    """Load an export; everything is checked first, then written all or nothing."""
    from peptidekit.store.transfer import import_all, read_export

    counts = import_all(ctx.journal.engine, read_export(path), replace=replace)
    _report("imported", path, counts, as_json)


@click.command("backup")
@click.argument("path")
@FORCE
@json_option
@pass_context
def backup_command(ctx: Context, path: str, force: bool, as_json: bool) -> None:
    """A compressed copy of everything, written atomically (a new file unless --force)."""
    from peptidekit.files import check_output
    from peptidekit.store.transfer import backup

    check_output(path, replace=force)
    _report("backed up", path, backup(ctx.journal.engine, path, replace=force), as_json)


@click.command("restore")
@click.argument("path")
@click.option("--replace", is_flag=True, help="Wipe the journal first (same transaction).")
@json_option
@pass_context
def restore_command(ctx: Context, path: str, replace: bool, as_json: bool) -> None:
    """Restore a backup; everything is checked first, then written all or nothing."""
    from peptidekit.store.transfer import restore

    _report("restored", path, restore(ctx.journal.engine, path, replace=replace), as_json)


def _report(verb: str, path: str, counts: dict[str, int], as_json: bool) -> None:
    if as_json:
        emit_json({"path": path, "counts": counts})
    else:
        listed = ", ".join(f"{n} {name}" for name, n in counts.items())
        click.echo(f"{verb} {path}: {listed}")
