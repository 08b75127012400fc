"""``peptidekit journal today``, ``history``, ``adherence`` and ``checkin``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from peptidekit.cli.derive import options_from
from peptidekit.cli.journal.context import Context, pass_context
from peptidekit.cli.output import emit_json, json_option
from peptidekit.ops.declare import from_options
from peptidekit.ops.journal import CheckinRequest
from peptidekit.results import DISCLAIMER


@click.command("today")
@json_option
@pass_context
def today_command(ctx: Context, as_json: bool) -> None:
    """Today's checklist, the next injection site, and warnings."""
    from peptidekit.ops.journal import today

    data = today(ctx.journal, ctx.profile())
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


@click.command("history")
@json_option
@pass_context
def history_command(ctx: Context, as_json: bool) -> None:
    """Every logged dose, oldest first."""
    from peptidekit.ops.journal import history

    rows = history(ctx.journal, ctx.profile())
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(
            f"{r['at'][:16]}  {r['status']:<7} {r['amount_mcg']:.6g} mcg  "
            f"{r['compound'] or ''}  {r['site'] or ''}".rstrip()
        )


@click.command("adherence")
@click.option("--from", "start", default=None, help="First day (default: 30 days ago).")
@click.option("--to", "end", default=None, help="Last day (default: today).")
@json_option
@pass_context
def adherence_command(ctx: Context, start: str | None, end: str | None, as_json: bool) -> None:
    """Planned against taken, by day and by course, with missed doses."""
    from peptidekit.ops.journal import adherence

    now = dt.datetime.now(dt.UTC)
    first, last, data = adherence(ctx.journal, ctx.profile(), start, end, now)
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


@click.command("checkin")
@options_from(CheckinRequest)
@json_option
@pass_context
def checkin_command(ctx: Context, /, as_json: bool, **options: Any) -> None:
    """A symptom check-in: GAD-7, sleep, side effects, notes."""
    from peptidekit.ops.journal import checkin, trends

    request = from_options(CheckinRequest, options)
    row, band = checkin(ctx.journal, ctx.profile(), request, dt.datetime.now(dt.UTC))
    trend = trends(ctx.journal, ctx.profile())
    data = {"gad7_score": row.gad7_score, "severity": band, "trends": trend}
    if as_json:
        emit_json(data)
    else:
        slope = trend["gad7"]["slope_per_week"]
        click.echo(
            f"GAD-7 {row.gad7_score} ({band})"
            + (f"; trend {slope:+.2f} points a week" if slope is not None else "")
        )
