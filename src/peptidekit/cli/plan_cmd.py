"""``peptidekit plan``: a dated, checked protocol with supply and calendar exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from peptidekit.cli.calc_cmd import with_syringe_options
from peptidekit.cli.output import emit_json, json_option
from peptidekit.files import write_atomically
from peptidekit.protocol.export import to_csv, to_ics
from peptidekit.protocol.plan import (
    Plan,
)
from peptidekit.protocol.stack import StackPlan
from peptidekit.results import DISCLAIMER
from peptidekit.vocabulary import PLAN_ROUTES

if TYPE_CHECKING:
    from peptidekit.ops.plan import PlanRequest

ROUTE_CHOICES = list(PLAN_ROUTES)


def _once(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> str | None:
    """An option given at most once: a second --compound is refused, never dropped."""
    if len(values) > 1:
        raise click.BadParameter(
            f"given {len(values)} times ({', '.join(values)}); plan several compounds as a "
            "stack, one --component each"
        )
    return values[0] if values else None


def protocol_options(func: Any, *, stack: bool = False) -> Any:
    """The options that describe a protocol (shared by plan and journal protocols add);
    with ``stack``, compound, route, dose and times may come from --component instead."""
    needed = not stack
    options = [
        click.option(
            "--compound",
            default=None,
            multiple=True,
            callback=_once,
            help="Compound, for checks and shelf life (once; a stack uses --component).",
        ),
        click.option("--route", required=needed, type=click.Choice(ROUTE_CHOICES)),
        click.option("--dose", required=needed, help="Dose per administration, e.g. 300mcg."),
        click.option("--times", required=needed, help="Local times of day, e.g. 08:00,20:00."),
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


def stack_protocol_options(func: Any) -> Any:
    return protocol_options(func, stack=True)


@click.command("plan")
@stack_protocol_options
@click.option(
    "--component",
    "components",
    multiple=True,
    help="A stack component (repeat for each): 'COMPOUND DOSE ROUTE TIMES [field=value...]', "
    "e.g. 'semax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%'.",
)
@click.option("--tz", required=True, help="IANA time zone, e.g. Europe/Moscow.")
@click.option("--vial", default=None, help="Vial content, e.g. 5mg (with --diluent).")
@click.option("--diluent", default=None, help="Diluent per vial, e.g. 2mL.")
@with_syringe_options
@click.option("--dead-space", "dead_space", default=None, help="Volume lost per draw.")
@click.option(
    "--net-peptide", "net_peptide", default=None, help="Net peptide content, e.g. 80% (vial gross)."
)
@click.option("--counter-ion", "counter_ion", default=None, help="Or: acetate, TFA or HCl.")
@click.option("--counter-ions", "counter_ions", default=None, help="Counter-ions per molecule.")
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
    outputs = ("ics_path", "csv_path", "list_all", "as_json", "barrel", "scale", "components")
    request = PlanRequest(
        **{k: v for k, v in o.items() if k not in outputs},
        syringe=o["barrel"],
        syringe_scale=o["scale"],
    )
    plan: Plan | StackPlan
    if o["components"]:
        plan = _stack(request, o["components"])
    else:
        for flag in ("route", "dose", "times"):
            if not o[flag]:
                raise click.UsageError(f"Missing option '--{flag}' (or give --component)")
        plan = make(request)
    if o["ics_path"] is not None:
        write_atomically(o["ics_path"], to_ics(plan))
    if o["csv_path"] is not None:
        write_atomically(o["csv_path"], to_csv(plan).encode())
    if o["as_json"]:
        emit_json(plan.to_dict())
    elif isinstance(plan, StackPlan):
        click.echo(render_stack(plan, list_all=o["list_all"]))
    else:
        click.echo(render(plan, list_all=o["list_all"]))


PER_COMPONENT = (
    *("compound", "route", "dose", "times", "every", "weekdays", "titrate", "vial"),
    *("diluent", "dead_space", "bottle", "concentration", "spray", "drop", "shelf_life"),
    *("net_peptide", "counter_ion", "counter_ions"),
)


def _stack(shared: PlanRequest, components: tuple[str, ...]) -> StackPlan:
    """The stack's components over the shared schedule fields (start, tz, course...)."""
    from peptidekit.ops.stack import component_request, plan_stack

    given = [f for f in PER_COMPONENT if getattr(shared, f) not in (None, "")]
    if given:
        flag = "--" + given[0].replace("_", "-")
        raise click.UsageError(
            f"{flag} belongs inside each --component (e.g. 'semax 200mcg intranasal 08:00 "
            f"{given[0]}=...'), not beside them"
        )
    return plan_stack(
        [component_request(text, shared, n) for n, text in enumerate(components, start=1)]
    )


def render_stack(stack: StackPlan, *, list_all: bool) -> str:
    data = stack.to_dict()
    out = [DISCLAIMER, "", f"Stack: {data['stack']} ({len(stack.plans)} components)."]
    described = data["described_by"]
    if described:
        out.append(
            f"Described by {', '.join(described['sources'])} ({described['evidence']}, "
            f"{described['status']}): {described['statement']}"
            + (f" Note: {described['note']}" if described["note"] else "")
        )
    else:
        out.append("No source in the knowledge base describes this combination.")
    out += [f"! {w['message']}  [{w['code']}]" for w in data["warnings"]]
    for number, plan in enumerate(stack.plans, start=1):
        out += ["", f"--- component {number} ---", render(plan, list_all=list_all, header=False)]
    return "\n".join(out)


def render(plan: Plan, *, list_all: bool, header: bool = True) -> str:
    data = plan.to_dict()
    out = [DISCLAIMER] if header else []
    out += [f"! {w['message']}  [{w['code']}]" for w in data["warnings"]]
    name = data["compound"] or "Dose"
    out += [
        "",
        f"{name}: {data['dose']} {data['route']} at {', '.join(data['times'])} "
        f"({data['time_zone']}); {data['dose_count']} doses in {data['cycles']} "
        f"course{'' if data['cycles'] == 1 else 's'}.",
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
