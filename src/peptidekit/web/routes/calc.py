"""The calculators' pages and API (reconstitution, diluent, nasal): forms and JSON bodies
read by each request's declaration, routes derived from the operations' registry."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from peptidekit.ops.registry import api_operations
from peptidekit.web import svg
from peptidekit.web.derive import add_operation_route
from peptidekit.web.forms import attempt, select_choices

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

for _operation in api_operations():
    add_operation_route(api, _operation)


def calculate(name: str, o: dict[str, Any]) -> dict[str, Any]:
    """A calculator's result for a form's boxes (read by the request's declaration)."""
    from peptidekit.ops.declare import from_form
    from peptidekit.ops.registry import operation

    found = operation(name)
    data: dict[str, Any] = found.run(from_form(found.request, o)).to_dict()
    return data


@pages.get("/calc/reconstitute")
def reconstitute_page(request: Request) -> HTMLResponse:
    def run(form: dict[str, str]) -> dict[str, Any]:
        data = calculate("reconstitute", form)
        s = data["syringe"]
        data["drawing"] = svg.syringe(
            s["capacity_units"],
            s["tick_units"],
            data["tick_units"],
            f"{data['tick_units']:g} units on a {s['barrel_ml']:g} mL {s['scale']} syringe",
        )
        return data

    return attempt(
        request, "reconstitute.html", ("vial", "diluent", "dose"), run, **select_choices()
    )


@pages.get("/calc/diluent")
def diluent_page(request: Request) -> HTMLResponse:
    return attempt(
        request,
        "diluent.html",
        ("vial", "dose", "units"),
        lambda form: calculate("diluent", form),
    )


@pages.get("/calc/nasal")
def nasal_page(request: Request) -> HTMLResponse:
    return attempt(
        request,
        "nasal.html",
        ("concentration",),
        lambda form: calculate("nasal", form),
        **select_choices(),
    )
