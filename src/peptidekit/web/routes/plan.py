"""The planner's pages and API: a plan or a stack, its calendar and its downloads."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import Field

from peptidekit.errors import PeptidekitError
from peptidekit.vocabulary import PLAN_ROUTES, route_pattern
from peptidekit.web import services
from peptidekit.web.derive import Strict, Text
from peptidekit.web.forms import attempt, query_values, select_choices, session_profile
from peptidekit.web.services import request_from

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

WEB_PLAN_LIMITS = {"course_days": 366, "break_days": 366, "cycles": 24}
"""Tighter than the core's: one web server answers many people."""


def make_plan(o: dict[str, Any]) -> Any:
    """The plan of a form or API body (``break`` or ``break_``), within the web's bounds."""
    from peptidekit.ops.plan import PlanLimits, PlanRequest
    from peptidekit.ops.plan import plan as run

    body = {**o, "break_": o.get("break_") or o.get("break")}
    return run(request_from(PlanRequest, body), limits=PlanLimits(**WEB_PLAN_LIMITS))


def make_stack(o: dict[str, Any]) -> Any:
    """A stack from ``components`` (one component a line, or a list) over the shared
    schedule fields; the single-protocol fields must then be left empty."""
    from peptidekit.errors import InputError
    from peptidekit.ops.plan import PlanLimits, PlanRequest
    from peptidekit.ops.stack import check_count, component_request, plan_stack

    given = o.get("components")
    lines = given.splitlines() if isinstance(given, str) else list(given or [])
    lines = [line.strip() for line in lines if line and line.strip()]
    check_count(len(lines))
    own = [k for k in ("compound", "route", "dose", "times") if o.get(k)]
    if own:
        raise InputError(
            f"a stack's components each give their own {', '.join(own)}: leave the single "
            "protocol's boxes empty",
            input=", ".join(own),
            expected="components only",
        ).at(own[0])
    body = {**o, "break_": o.get("break_") or o.get("break"), "components": None}
    shared = request_from(PlanRequest, body)
    requests = [component_request(line, shared, n) for n, line in enumerate(lines, start=1)]
    return plan_stack(requests, limits=PlanLimits(**WEB_PLAN_LIMITS))


def plan(o: dict[str, Any]) -> dict[str, Any]:
    """A plan, or a stack when ``components`` is given."""
    data: dict[str, Any] = (make_stack(o) if o.get("components") else make_plan(o)).to_dict()
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

    journal = request.app.state.journal
    try:
        name = services.profile_name(journal, session_profile(request))
    except PeptidekitError:
        return {"start": dt.datetime.now(dt.UTC).date().isoformat()}
    tz = next(p.tz for p in journal.profiles() if p.name == name)
    return {"start": dt.datetime.now(ZoneInfo(tz)).date().isoformat(), "tz": tz}


def _plan_download(request: Request, fmt: str) -> Response:
    from fastapi.responses import StreamingResponse

    from peptidekit.protocol.export import ics_chunks, to_csv

    form = query_values(request)
    plan = make_stack(form) if form.get("components") else make_plan(form)
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


class PlanRequest(Strict):
    compound: Text | None = Field(default=None, examples=["selank"])
    route: str = Field(
        examples=["intranasal"],
        pattern=route_pattern(PLAN_ROUTES),
    )
    dose: Text = Field(examples=["300mcg"])
    times: Annotated[str, Field(min_length=1, max_length=200)] = Field(examples=["08:00,20:00"])
    course: Text = Field(examples=["14d"])
    break_: Text = Field(default="0d", alias="break")
    cycles: Text = Field(default="1")
    start: Text = Field(examples=["2026-12-01"])
    tz: Text = Field(examples=["Europe/Moscow"])
    every: Text | None = None
    weekdays: Text | None = None
    titrate: Annotated[str, Field(max_length=200)] | None = None


class StackRequest(Strict):
    """A stack: components, each 'COMPOUND DOSE ROUTE TIMES [field=value...]', over the
    shared schedule fields."""

    components: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=400)]],
        Field(min_length=2, max_length=6),
    ] = Field(
        examples=[
            [
                "selank 300mcg intranasal 08:00,14:00 bottle=3mL concentration=0.15%",
                "semax 200mcg intranasal 08:00 bottle=3mL concentration=0.1%",
            ]
        ]
    )
    course: Text = Field(examples=["14d"])
    break_: Text = Field(default="0d", alias="break")
    cycles: Text = Field(default="1")
    start: Text = Field(examples=["2026-12-01"])
    tz: Text = Field(examples=["Europe/Moscow"])


@api.post("/plan")
def plan_api(body: PlanRequest) -> dict[str, Any]:
    return plan(body.model_dump(by_alias=False))


@api.post("/plan/stack")
def plan_stack_api(body: StackRequest) -> dict[str, Any]:
    return plan(body.model_dump(by_alias=False))
