"""``peptidekit plan``: a dated, checked protocol with supply and calendar exports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from peptidekit.cli.calc_cmd import with_syringe_options
from peptidekit.cli.output import emit_json, json_option
from peptidekit.files import write_atomically
from peptidekit.protocol.export import to_csv, to_ics
from peptidekit.protocol.plan import (
    Plan,
)
from peptidekit.results import DISCLAIMER
from peptidekit.vocabulary import PLAN_ROUTES

ROUTE_CHOICES = list(PLAN_ROUTES)


def protocol_options(func: Any) -> Any:
    """The options that describe a protocol (shared by plan and journal protocols add)."""
    options = [
        click.option("--compound", default=None, help="Compound, for checks and shelf life."),
        click.option("--route", required=True, type=click.Choice(ROUTE_CHOICES)),
        click.option("--dose", required=True, help="Dose per administration, e.g. 300mcg."),
        click.option("--times", required=True, help="Local times of day, e.g. 08:00,20:00."),
        click.option("--course", required=True, help="Course length, e.g. 14d."),
        click.option("--break", "break_", default="0d", show_default=True, help="Break."),
        click.option("--cycles", default="1", show_default=True, help="Number of courses."),
        click.option("--start", required=True, help="First day, YYYY-MM-DD."),
        click.option("--every", default=None, help="Dose every N calendar days, e.g. 2d."),
        click.option("--weekdays", default=None, help="Dose on these weekdays, e.g. mon,wed,fri."),
        click.option(
            "--titrate", default=None, help="Start lower: '150mcg for 3d; 225mcg for 2d'."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command("plan")
@protocol_options
@click.option("--tz", required=True, help="IANA time zone, e.g. Europe/Moscow.")
@click.option("--vial", default=None, help="Vial content, e.g. 5mg (with --diluent).")
@click.option("--diluent", default=None, help="Diluent per vial, e.g. 2mL.")
@with_syringe_options
@click.option("--dead-space", "dead_space", default=None, help="Volume lost per draw.")
@click.option(
    "--bottle", default=None, help="Nasal bottle volume, e.g. 3mL (with --concentration)."
)
@click.option("--concentration", default=None, help="Nasal strength, e.g. 0.15%.")
@click.option("--spray", "spray", default=None, help="Spray volume (default: drops).")
@click.option("--drop", "drop", default=None, help="Drop volume (default from the knowledge base).")
@click.option(
    "--storage",
    type=click.Choice(["refrigerated", "room_temperature", "frozen"]),
    default="refrigerated",
    show_default=True,
    help="Storage of opened containers.",
)
@click.option("--shelf-life", "shelf_life", default=None, help="Override: e.g. 28d.")
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--list", "list_all", is_flag=True, help="Print every dose, not only the first day.")
@json_option
def plan_command(**options: Any) -> None:
    """A protocol as dated doses, courses and breaks, what to buy, and calendar exports."""
    from peptidekit.ops.plan import PlanRequest
    from peptidekit.ops.plan import plan as make

    o = options
    outputs = ("ics_path", "csv_path", "list_all", "as_json", "barrel", "scale")
    request = PlanRequest(
        **{k: v for k, v in o.items() if k not in outputs},
        syringe=o["barrel"],
        syringe_scale=o["scale"],
    )
    plan = make(request)
    if o["ics_path"] is not None:
        write_atomically(o["ics_path"], to_ics(plan))
    if o["csv_path"] is not None:
        write_atomically(o["csv_path"], to_csv(plan).encode())
    if o["as_json"]:
        emit_json(plan.to_dict())
    else:
        click.echo(render(plan, list_all=o["list_all"]))


def render(plan: Plan, *, list_all: bool) -> str:
    data = plan.to_dict()
    out = [DISCLAIMER]
    out += [f"! {w['message']}  [{w['code']}]" for w in data["warnings"]]
    name = data["compound"] or "Dose"
    out += [
        "",
        f"{name}: {data['dose']} {data['route']} at {', '.join(data['times'])} "
        f"({data['time_zone']}); {data['dose_count']} doses in {data['cycles']} course(s).",
        "",
        "Courses and breaks:",
    ]
    out += [
        f"  cycle {p['cycle']} {p['kind']:<6} {p['first']} to {p['last']} ({p['days']} days)"
        for p in data["periods"]
    ]
    doses = data["doses"] if list_all else data["doses"][: len(data["times"])]
    out += ["", "Doses:" if list_all else "First day (use --list for every dose):"]
    out += [
        f"  #{d['number']:<4} {d['date']} {d['time']}  cycle {d['cycle']} "
        f"day {d['day_of_course']:<3} {d['dose']} ({d['phase']})"
        + (f"  {d['draw']}" if d["draw"] else "")
        + (f"  note: {d['note']}" if d["note"] else "")
        for d in doses
    ]
    supply = data["supply"]
    if supply:
        out += [
            "",
            f"Supply: {supply['to_buy']} x {supply['description']}; delivered "
            f"{supply['total_delivered_mcg']:.6g} mcg, taken out "
            f"{supply['total_used_mcg']:.6g} mcg, wasted {supply['total_wasted_mcg']:.6g} mcg.",
            "Shelf life once opened: "
            + (f"{supply['shelf_life_days']:g} days" if supply["shelf_life_days"] else "unknown")
            + f" ({supply['shelf_life_source']})",
        ]
        for c in supply["containers"]:
            discard = c["discard_by"][:16].replace("T", " ") if c["discard_by"] else "not known"
            out.append(
                f"  {supply['kind']} {c['number']}: open {c['opened'][:16].replace('T', ' ')}, "
                f"discard by {discard}, {c['doses']} doses, {c['closed_because']}"
                + (f", {c['wasted_mcg']:.4g} mcg wasted" if c["wasted_mcg"] else "")
            )
    return "\n".join(out)
