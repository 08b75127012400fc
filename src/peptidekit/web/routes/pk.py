"""The PK simulator's page and API: one compound, or several on one time axis."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from peptidekit.vocabulary import PK_ROUTES, route_pattern
from peptidekit.web.derive import Strict, Text
from peptidekit.web.forms import attempt
from peptidekit.web.services import request_from

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

WEB_PK_LIMITS = {"days": 365, "subjects": 2000, "points": 40_000}
"""Tighter than the core's: one web server answers many people."""


def pk(o: dict[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    import base64
    import tempfile
    from pathlib import Path

    from peptidekit.ops.pk import PKLimits, PKRequest, simulate

    if o.get("components"):
        return pk_stack(o, with_plot=with_plot)
    result = simulate(request_from(PKRequest, o), limits=PKLimits(**WEB_PK_LIMITS))
    data = result.to_dict()
    if with_plot:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pk.png"
            result.plot(path)
            data["plot_png_base64"] = base64.b64encode(path.read_bytes()).decode()
    return data


def pk_stack(o: dict[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    """Several compounds on one plot: ``components``, one 'COMPOUND DOSE ROUTE EVERY
    [field=value...]' a line, over the shared days and step."""
    import base64
    import tempfile
    from pathlib import Path

    from peptidekit.errors import InputError
    from peptidekit.ops.pk import (
        PK_COMPONENT_EXAMPLE,
        PK_POSITIONAL,
        PKLimits,
        PKRequest,
        simulate_stack,
    )
    from peptidekit.ops.stack import check_count, parse_component

    own = [k for k in ("compound", "dose", "every", "ka", "ke", "volume") if o.get(k)]
    if own:
        raise InputError(
            f"a stack's components each give their own {', '.join(own)}: leave the single "
            "compound's boxes empty",
            input=", ".join(own),
            expected="components only",
        ).at(own[0])
    given = o["components"]
    lines = [x for x in (given.splitlines() if isinstance(given, str) else given) if x.strip()]
    check_count(len(lines))
    shared = request_from(PKRequest, {k: v for k, v in o.items() if k in ("days", "step")})
    requests = [
        parse_component(line, shared, PK_POSITIONAL, n, PK_COMPONENT_EXAMPLE)
        for n, line in enumerate((x.strip() for x in lines if x.strip()), start=1)
    ]
    result = simulate_stack(requests, limits=PKLimits(**WEB_PK_LIMITS))
    data = result.to_dict()
    if with_plot:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pk.png"
            result.plot(path)
            data["plot_png_base64"] = base64.b64encode(path.read_bytes()).decode()
    return data


@pages.get("/pk")
def pk_page(request: Request) -> HTMLResponse:
    return attempt(
        request,
        "pk.html",
        ("route", "dose", "every", "days", "components"),
        lambda form: pk(form, with_plot=True),
        routes=PK_ROUTES,
    )


class PKStackRequest(Strict):
    """Several compounds on one time axis: components 'COMPOUND DOSE ROUTE EVERY
    [field=value...]'; curves are never summed."""

    components: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=400)]],
        Field(min_length=2, max_length=6),
    ] = Field(examples=[["selank 300mcg intranasal 8h volume=20L ka=6/h"]])
    days: Text = Field(examples=["7"])
    step: Text = "15min"


class PKRequest(Strict):
    compound: Text | None = None
    route: str = Field(pattern=route_pattern(PK_ROUTES))
    dose: Text = Field(examples=["500ug"])
    every: Text = Field(examples=["8h"])
    days: Text = Field(examples=["7"])
    ka: Text | None = Field(default=None, examples=["1.5/h"])
    ke: Text | None = Field(default=None, examples=["0.3/h"])
    volume: Text | None = Field(default=None, examples=["20L"])
    bioavailability: Text | None = Field(default=None, examples=["80%"])
    lag: Text | None = None
    subjects: Text | None = None
    cv: Text = "30%"
    step: Text = "15min"


@api.post("/pk/stack")
def pk_stack_api(body: PKStackRequest) -> dict[str, Any]:
    return pk_stack(body.model_dump())


@api.post("/pk")
def pk_api(body: PKRequest) -> dict[str, Any]:
    return pk(body.model_dump())
