"""The PK simulator's page and API: one compound, or several on one time axis."""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from peptidekit.ops.declare import from_form
from peptidekit.ops.pk import PK_POSITIONAL, PKRequest, simulate_on_server
from peptidekit.ops.stack import need_components
from peptidekit.vocabulary import PK_ROUTES
from peptidekit.web.derive import body_values, model_for
from peptidekit.web.forms import attempt

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])
"""POST /api/pk is derived from the registry (web/routes/calc.py adds every operation's
route); /api/pk/stack, the same request with its components required, is here."""


def pk(o: Mapping[str, Any], *, with_plot: bool = False) -> dict[str, Any]:
    """One compound's simulation, or several on one time axis when ``components`` is
    given (the operation decides), within the web's bounds; ``with_plot`` adds the plot
    as a PNG in base64."""
    result = simulate_on_server(from_form(PKRequest, o))
    data: dict[str, Any] = result.to_dict()
    if with_plot:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "pk.png"
            result.plot(path)
            data["plot_png_base64"] = base64.b64encode(path.read_bytes()).decode()
    return data


pk_stack = pk
"""The same: ``components`` make it a stack."""


@pages.get("/pk")
def pk_page(request: Request) -> HTMLResponse:
    return attempt(
        request,
        "pk.html",
        ("route", "dose", "every", "days", "components"),
        lambda form: pk(form, with_plot=True),
        routes=PK_ROUTES,
    )


PKStackRequest = model_for(PKRequest, "PKStackRequest")
"""The simulator's request; on this path its ``components`` are needed."""


@api.post("/pk/stack")
def pk_stack_api(body: PKStackRequest) -> dict[str, Any]:  # type: ignore[valid-type]
    """Several compounds on one time axis: components 'COMPOUND DOSE ROUTE EVERY
    [field=value...]'; curves are never summed."""
    values = body_values(body)
    need_components(values.get("components"), PK_POSITIONAL)
    return pk(values)
