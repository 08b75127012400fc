"""``peptidekit journal``: thin commands over peptidekit.store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from peptidekit.cli.output import emit_json, json_option
from peptidekit.cli.plan_cmd import protocol_options
from peptidekit.errors import InputError, StoredDataError
from peptidekit.journal.core import day_range
from peptidekit.protocol.spec import zone
from peptidekit.results import DISCLAIMER
from peptidekit.store.views import event_dict, logged_dict, vial_dict


class Context:
    def __init__(self, db: str | None, profile: str | None) -> None:
        self.db, self._profile = db, profile
        self._journal: Any = None

    @property
    def journal(self) -> Any:
        if self._journal is None:
            from peptidekit.store.db import open_engine
            from peptidekit.store.journal import Journal

            self._journal = Journal(open_engine(self.db))
        return self._journal

    def profile(self) -> str:
        if self._profile:
            try:
                self._profile.encode("utf-8")
            except UnicodeEncodeError:
                from peptidekit.files import shown

                raise InputError(
                    f"the profile {shown(self._profile)} is not valid UTF-8 text",
                    input=shown(self._profile),
                    expected="--profile NAME in UTF-8",
                ) from None
            return self._profile
        names = [p.name for p in self.journal.profiles()]
        if len(names) == 1:
            return str(names[0])
        raise InputError(
            "say which profile with --profile NAME"
            + (
                f" (profiles: {', '.join(names)})" if names else " (none yet: journal profiles add)"
            ),
            input="",
            expected="--profile NAME",
        )

    def tz(self) -> str:
        return str(self.journal.profile(self.profile()).tz)


pass_context = click.make_pass_decorator(Context)


@click.group("journal")
@click.option(
    "--db", envvar="PEPTIDEKIT_DB", default=None, help="SQLAlchemy URL (default: SQLite)."
)
@click.option("--profile", envvar="PEPTIDEKIT_PROFILE", default=None, help="Profile name.")
@click.pass_context
def journal_group(ctx: click.Context, db: str | None, profile: str | None) -> None:
    """Dose journal: profiles, vials, protocols, doses, check-ins, adherence, backups."""
    ctx.obj = Context(db, profile)


# ---------------------------------------------------------------- profiles
@journal_group.group("profiles")
def profiles_group() -> None:
    """List or add profiles (every record belongs to one)."""


@profiles_group.command("list")
@json_option
@pass_context
def profiles_list(ctx: Context, as_json: bool) -> None:
    rows = [{"name": p.name, "tz": p.tz} for p in ctx.journal.profiles()]
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
    profile = ctx.journal.create_profile(name, tz)
    if as_json:
        emit_json({"name": profile.name, "tz": profile.tz})
    else:
        click.echo(f"profile {profile.name} added ({profile.tz})")


# ---------------------------------------------------------------- vials
@journal_group.group("vials")
def vials_group() -> None:
    """Vials and bottles: what is left and when each must be discarded."""


@vials_group.command("list")
@json_option
@pass_context
def vials_list(ctx: Context, as_json: bool) -> None:
    rows, unreadable = [], []
    for vial in ctx.journal.vials(ctx.profile()):
        try:
            rows.append(vial_dict(vial))
        except StoredDataError as error:  # a bad row is reported; the others still listed
            unreadable.append(error.to_dict())
    warnings = [w.to_dict() for w in ctx.journal.warnings(ctx.profile())]
    if as_json:
        emit_json({"vials": rows, "warnings": warnings, "unreadable": unreadable})
        return
    for w in [*unreadable, *warnings]:
        click.echo(f"! {w['message']}  [{w['code']}]")
    local = zone(ctx.tz())
    for r in rows:
        if r["discard_by"]:  # shown in the profile's zone, like the web page
            when = dt.datetime.fromisoformat(r["discard_by"]).astimezone(local)
            r["discard_by"] = when.strftime("%Y-%m-%d %H:%M %Z")
        parts = r["blend"] or [r]
        left = ", ".join(
            f"{p['remaining_mcg']:.6g} of {p['amount_mcg']:.6g} mcg"
            + (f" {p['compound']}" if r["blend"] else "")
            for p in parts
        )
        click.echo(
            f"{r['id'][:8]}  {r['compound']} {r['kind']}: {left} left; "
            f"discard by {r['discard_by'] or 'unknown'}"
        )


@vials_group.command("add")
@click.option("--compound", default=None, help="Compound (a blend's --vial names its own).")
@click.option(
    "--vial",
    "vial",
    default=None,
    help="Powder in the vial, e.g. 5mg, or a blend 'selank 5mg + semax 5mg' (with --diluent).",
)
@click.option("--diluent", default=None, help="Diluent added, e.g. 2mL.")
@click.option(
    "--bottle", default=None, help="Nasal bottle volume, e.g. 3mL (with --concentration)."
)
@click.option("--concentration", default=None, help="Bottle strength, e.g. 0.15%.")
@click.option("--opened", default=None, help="Reconstituted/opened at (default: now).")
@click.option(
    "--storage",
    default="refrigerated",
    show_default=True,
    type=click.Choice(["refrigerated", "room_temperature", "frozen"]),
)
@click.option("--shelf-life", "shelf_life", default=None, help="Override, e.g. 28d.")
@click.option("--lot", default=None)
@click.option(
    "--net-peptide", "net_peptide", default=None, help="Net peptide content, e.g. 80% (vial gross)."
)
@click.option("--counter-ion", "counter_ion", default=None, help="Or: acetate, TFA or HCl.")
@click.option("--counter-ions", "counter_ions", default=None, help="Counter-ions per molecule.")
@json_option
@pass_context
def vials_add(ctx: Context, /, **o: Any) -> None:
    """Record a reconstituted vial or an opened nasal bottle."""
    from peptidekit.ops.journal import VialRequest, add_vial

    fields = {k: v for k, v in o.items() if k != "as_json"}
    added = add_vial(ctx.journal, ctx.profile(), VialRequest(**fields), dt.datetime.now(dt.UTC))
    vial, source = added.vial, added.shelf_life_source
    kind, amount, volume = vial.kind, vial.amount_mcg, vial.volume_ml
    data = vial_dict(vial)
    if o["as_json"]:
        emit_json(data)
    else:
        click.echo(
            f"{kind} {vial.id[:8]} added: {amount:.6g} mcg in {volume:g} mL; discard by "
            f"{data['discard_by'] or 'unknown'} ({source})"
        )
        if added.content is not None:
            click.echo(f"  {added.content.statement()}")


# ---------------------------------------------------------------- protocols
@journal_group.group("protocols")
def protocols_group() -> None:
    """Protocols from the planner, with their planned doses."""


@protocols_group.command("add")
@click.option("--name", required=True)
@protocol_options
@json_option
@pass_context
def protocols_add(ctx: Context, /, **o: Any) -> None:
    """Plan a protocol (in the profile's time zone) and store its planned doses."""
    from peptidekit.protocol.spec import spec_from_text

    spec = spec_from_text(o, ctx.tz())
    protocol, count = ctx.journal.add_protocol(ctx.profile(), spec, o["name"])
    if o["as_json"]:
        emit_json({"id": protocol.id, "name": protocol.name, "planned_doses": count})
    else:
        click.echo(f"protocol {protocol.name!r} added with {count} planned doses")


# ---------------------------------------------------------------- doses
@journal_group.command("log")
@click.option("--dose", required=True, help="Amount, e.g. 250mcg (0mcg with --status skipped).")
@click.option("--status", default="taken", type=click.Choice(["taken", "skipped", "wasted"]))
@click.option("--vial", default=None, help="Vial id (or its first characters).")
@click.option(
    "--compound",
    default=None,
    help="Whose dose (default: the vial's); from a blend vial, the component dosed.",
)
@click.option("--dead-space", "dead_space", default=None, help="Lost per draw, e.g. 0.07mL.")
@click.option("--at", "when", default=None, help="'YYYY-MM-DD HH:MM' local, ISO 8601, or now.")
@click.option("--site", default=None)
@click.option("--route", default=None)
@click.option("--planned", default=None, help="Planned dose id (default: the nearest open one).")
@click.option("--notes", default=None)
@json_option
@pass_context
def log_command(ctx: Context, /, **o: Any) -> None:
    """Log a dose; it is taken from its vial in the same transaction."""
    from peptidekit.ops.journal import LogRequest, log_dose

    fields = {k: v for k, v in o.items() if k not in ("as_json", "when")}
    request = LogRequest(**fields, at=o["when"])
    logged = log_dose(ctx.journal, ctx.profile(), request, dt.datetime.now(dt.UTC))
    event = logged.event
    data = logged_dict(logged)
    if o["as_json"]:
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


@journal_group.command("today")
@json_option
@pass_context
def today_command(ctx: Context, as_json: bool) -> None:
    """Today's checklist, the next injection site, and warnings."""
    data = ctx.journal.today(ctx.profile())
    if as_json:
        emit_json({"disclaimer": DISCLAIMER, **data})
        return
    click.echo(DISCLAIMER)
    for w in data["warnings"]:
        click.echo(f"! {w['message']}  [{w['code']}]")
    click.echo(f"{data['profile']}, {data['date']}:")
    for item in data["checklist"]:
        click.echo(
            f"  [{item['status']:<7}] {item['due_local'][11:16]}  {item['amount_mcg']:.6g} mcg"
            f"  {item['compound'] or ''} {item['route'] or ''}".rstrip()
        )
    click.echo(f"next injection site: {data['next_site']['site']} ({data['next_site']['why']})")


@journal_group.command("history")
@json_option
@pass_context
def history_command(ctx: Context, as_json: bool) -> None:
    """Every logged dose, oldest first."""
    rows = [event_dict(e) for e in ctx.journal.history(ctx.profile())]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['at'][:16]}  {r['status']:<7} {r['amount_mcg']:.6g} mcg  "
            f"{r['compound'] or ''}  {r['site'] or ''}".rstrip()
        )


@journal_group.command("adherence")
@click.option("--from", "start", default=None, help="First day (default: 30 days ago).")
@click.option("--to", "end", default=None, help="Last day (default: today).")
@json_option
@pass_context
def adherence_command(ctx: Context, start: str | None, end: str | None, as_json: bool) -> None:
    """Planned against taken, by day and by course, with missed doses."""
    from peptidekit.protocol.spec import parse_date

    tz = zone(ctx.tz())
    today = dt.datetime.now(tz).date()
    first = parse_date(start, "from") if start else today - dt.timedelta(days=30)
    last = parse_date(end, "to") if end else today
    report = ctx.journal.adherence(ctx.profile(), *day_range(first, last, ctx.tz()))
    data = report.to_dict()
    if as_json:
        emit_json(data)
        return
    total = data["total"]
    pct = total["adherence_percent"]
    click.echo(
        f"{first} to {last}: {total['taken']} taken, {total['skipped']} skipped, "
        f"{total['missed']} missed of {total['planned'] - total['upcoming']} due"
        + (f" ({pct:.0f}%)" if pct is not None else "")
    )
    for what in ("by_protocol", "by_compound"):
        for name, t in data[what].items():
            click.echo(f"  {name}: {t['taken']}/{t['planned'] - t['upcoming']} due taken")


@journal_group.command("checkin")
@click.option("--gad7", required=True, help="Seven answers 0-3, e.g. 1,2,1,0,0,1,2.")
@click.option("--sleep", default=None, help="Hours slept, e.g. 7h.")
@click.option("--sleep-quality", "sleep_quality", default=None, help="1 (very poor) to 5.")
@click.option("--side-effects", "side_effects", default=None)
@click.option("--notes", default=None)
@click.option("--at", "when", default=None)
@json_option
@pass_context
def checkin_command(ctx: Context, /, **o: Any) -> None:
    """A symptom check-in: GAD-7, sleep, side effects, notes."""
    from peptidekit.ops.journal import CheckinRequest, checkin

    fields = {k: v for k, v in o.items() if k not in ("as_json", "when")}
    now = dt.datetime.now(dt.UTC)
    row, band = checkin(ctx.journal, ctx.profile(), CheckinRequest(**fields, at=o["when"]), now)
    trend = ctx.journal.trends(ctx.profile())
    data = {"gad7_score": row.gad7_score, "severity": band, "trends": trend}
    if o["as_json"]:
        emit_json(data)
    else:
        slope = trend["gad7"]["slope_per_week"]
        click.echo(
            f"GAD-7 {row.gad7_score} ({band})"
            + (f"; trend {slope:+.2f} points a week" if slope is not None else "")
        )


# ---------------------------------------------------------------- export and backups
FORCE = click.option(
    "--force", is_flag=True, help="Replace PATH if it exists (it keeps its mode and owner)."
)


@journal_group.command("export")
@click.argument("path")
@click.option("--csv", "as_csv", is_flag=True, help="The profile's doses as formula-safe CSV.")
@FORCE
@json_option
@pass_context
def export_command(ctx: Context, path: str, as_csv: bool, force: bool, as_json: bool) -> None:
    """Everything as JSON (or the profile's doses as CSV) to PATH (a new file unless --force)."""
    from peptidekit.files import check_output, write_atomically
    from peptidekit.store.transfer import doses_csv, export_bytes

    check_output(path, replace=force)  # before the journal is read
    if as_csv:
        write_atomically(path, doses_csv(ctx.journal.engine, ctx.profile()).encode(), replace=force)
        counts = {"dose_events": len(ctx.journal.history(ctx.profile()))}
    else:
        raw, counts = export_bytes(ctx.journal.engine, indent=1)
        write_atomically(path, raw, replace=force)
    _report("exported", path, counts, as_json)


@journal_group.command("import")
@click.argument("path")
@click.option("--replace", is_flag=True, help="Wipe the journal first (same transaction).")
@json_option
@pass_context
def import_command(ctx: Context, path: str, replace: bool, as_json: bool) -> None:
    """Load an export; everything is checked first, then written all or nothing."""
    from peptidekit.store.transfer import import_all, read_export

    counts = import_all(ctx.journal.engine, read_export(path), replace=replace)
    _report("imported", path, counts, as_json)


@journal_group.command("backup")
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


@journal_group.command("restore")
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


# the correction commands (doses edit/delete, vials delete) register on the groups above
from peptidekit.cli import journal_fix_cmd  # noqa: E402,F401
