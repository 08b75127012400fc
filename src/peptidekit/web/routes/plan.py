"""The planner's pages and API: a plan or a stack, its calendar and its downloads."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from peptidekit.errors import PeptidekitError
from peptidekit.ops.declare import from_form
from peptidekit.ops.plan import POSITIONAL, PlanRequest, plan_on_server
from peptidekit.ops.stack import need_components
from peptidekit.vocabulary import PLAN_ROUTES
from peptidekit.web.derive import body_values, model_for
from peptidekit.web.forms import attempt, query_values, select_choices, session_profile

if TYPE_CHECKING:
    from peptidekit.protocol.plan import Plan
    from peptidekit.protocol.stack import StackPlan

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])
"""POST /api/plan is derived from the registry (web/routes/calc.py adds every operation's
route); /api/plan/stack, the same request with its components required, is here."""


def make_plan(o: Mapping[str, Any]) -> Plan | StackPlan:
    """The plan of a form or API body, or the stack when it has ``components``, within
    the web's bounds (the operation decides which, and refuses a single protocol's
    fields beside the components)."""
    return plan_on_server(from_form(PlanRequest, o))


make_stack = make_plan
"""The same: ``components`` make it a stack (kept for the journal's 'save the plan')."""


def plan(o: Mapping[str, Any]) -> dict[str, Any]:
    """A plan, or a stack when ``components`` is given."""
    data: dict[str, Any] = make_plan(o).to_dict()
    return data


def _calendar(doses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for dose in doses:
        by_day[dose["date"]].append(dose)
    if not by_day:
        return []
    first = dt.date.fromisoformat(min(by_day))
    last = dt.date.fromisoformat(max(by_day))
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        months.append(
            {
                "title": f"{calendar.month_name[month]} {year}",
                "weeks": [
                    [
                        {
                            "day": d.day,
                            "in_month": d.month == month,
                            "doses": by_day.get(d.isoformat(), []),
                        }
                        for d in week
                    ]
                    for week in weeks
                ],
            }
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@pages.get("/plan")
def plan_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        data = plan(form)
        data["months"] = _calendar(data["doses"])
        return data

    query = request.url.query
    return attempt(
        request,
        "plan.html",
        ("route", "dose", "times", "course", "start", "tz", "components"),
        run,
        query=query,
        routes=PLAN_ROUTES,
        compounds=select_choices()["compounds"],
        defaults=_plan_defaults(request),
    )


def _plan_defaults(request: Request) -> dict[str, str]:
    """A fresh planner starts today in the journal profile's zone; without a profile to
    go by, the zone box stays empty (a guessed zone would move every dose)."""
    from zoneinfo import ZoneInfo

    from peptidekit.ops.journal import choose_profile

    journal = request.app.state.journal
    try:
        name = choose_profile(journal, session_profile(request))
    except PeptidekitError:
        return {"start": dt.datetime.now(dt.UTC).date().isoformat()}
    tz = next(p.tz for p in journal.profiles() if p.name == name)
    return {"start": dt.datetime.now(ZoneInfo(tz)).date().isoformat(), "tz": tz}


def _plan_download(request: Request, fmt: str) -> Response:
    from fastapi.responses import StreamingResponse

    from peptidekit.protocol.export import ics_chunks, to_csv

    form = query_values(request)
    plan = make_plan(form)
    headers = {"Content-Disposition": f'attachment; filename="plan.{fmt}"'}
    if fmt == "ics":  # the plan is whole (every error raised) before the first byte
        return StreamingResponse(ics_chunks(plan), media_type="text/calendar", headers=headers)
    return Response(to_csv(plan), media_type="text/csv", headers=headers)


@pages.get("/plan.ics")
def plan_ics(request: Request) -> Response:
    return _plan_download(request, "ics")


@pages.get("/plan.csv")
def plan_csv(request: Request) -> Response:
    return _plan_download(request, "csv")


PlanStackRequest = model_for(PlanRequest, "PlanStackRequest")
"""The planner's request; on this path its ``components`` are needed."""


@api.post("/plan/stack")
def plan_stack_api(body: PlanStackRequest) -> dict[str, Any]:  # type: ignore[valid-type]
    """A stack: components, each 'COMPOUND DOSE ROUTE TIMES [field=value...]', over the
    shared schedule fields."""
    values = body_values(body)
    need_components(values.get("components"), POSITIONAL)
    return plan(values)
