"""``peptidekit plan``: a dated, checked protocol (or a stack) with supply and calendar
exports. The options are the planner's request (``ops.plan.PlanRequest``); the command
adds only its outputs (--ics, --csv, --list, --json)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from peptidekit.cli.derive import option_for, options_from
from peptidekit.cli.output import emit_json, flag_for, json_option
from peptidekit.files import write_atomically
from peptidekit.ops.declare import FieldSpec, field_specs, from_options
from peptidekit.ops.plan import OWN_FIELDS, PROTOCOL_FIELDS, PlanRequest
from peptidekit.ops.stack import given_beside
from peptidekit.protocol.export import to_csv, to_ics
from peptidekit.protocol.plan import Plan
from peptidekit.protocol.stack import StackPlan
from peptidekit.results import DISCLAIMER

_SPECS = {spec.name: spec for spec in field_specs(PlanRequest)}
_NEEDED = ("dose", "times")
"""Optional in the planner (a stack's components give them), needed in one protocol."""


def _once(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> str | None:
    """An option given at most once: a second --compound is refused, never dropped."""
    if len(values) > 1:
        raise click.BadParameter(
            f"given {len(values)} times ({', '.join(values)}); plan several compounds as a "
            "stack, one --component each"
        )
    return values[0] if values else None


def _compound_option(func: Any) -> Any:
    spec = _SPECS["compound"]
    option = click.option("--compound", "compound", multiple=True, callback=_once, help=spec.help)
    return option(func)


def _protocol_option(spec: FieldSpec) -> Any:
    """A protocol field's option for ``journal protocols add``: route, dose and times are
    required there (a protocol has no components), the route one of the planner's."""
    if spec.name == "compound":
        return _compound_option
    if spec.name == "route":
        assert spec.choices is not None
        return click.option(
            "--route", "route", required=True, type=click.Choice(spec.choices), help=spec.help
        )
    return option_for(dataclasses.replace(spec, required=spec.required or spec.name in _NEEDED))


def protocol_options(func: Any) -> Any:
    """The options that describe one protocol, from the planner's declaration (used by
    ``journal protocols add``)."""
    for name in reversed(PROTOCOL_FIELDS):
        func = _protocol_option(_SPECS[name])(func)
    return func


@click.command("plan")
@options_from(PlanRequest, skip=("compound", "components"))
@_compound_option
@click.option("--component", "components", multiple=True, help=_SPECS["components"].help)
@click.option("--ics", "ics_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--list", "list_all", is_flag=True, help="Print every dose, not only the first day.")
@json_option
def plan_command(
    ics_path: Path | None, csv_path: Path | None, list_all: bool, as_json: bool, **options: Any
) -> None:
    """A protocol as dated doses, courses and breaks, what to buy, and calendar exports;
    several --component options plan a stack over the shared schedule."""
    from peptidekit.ops.plan import plan as make

    request = from_options(PlanRequest, options)
    beside = given_beside(request, OWN_FIELDS) if request.components else []
    if beside:
        raise click.UsageError(
            f"{flag_for(beside[0])} belongs inside each --component (e.g. 'semax 200mcg "
            f"intranasal 08:00 {beside[0].rstrip('_')}=...'), not beside them"
        )
    plan = make(request)
    if ics_path is not None:
        write_atomically(ics_path, to_ics(plan))
    if csv_path is not None:
        write_atomically(csv_path, to_csv(plan).encode())
    if as_json:
        emit_json(plan.to_dict())
    elif isinstance(plan, StackPlan):
        click.echo(render_stack(plan, list_all=list_all))
    else:
        click.echo(render(plan, list_all=list_all))


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
